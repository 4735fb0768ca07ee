package com.journeyassistant.generation;

import com.journeyassistant.evidence.PiiRedactor;
import com.journeyassistant.platform.InvisibleCharacters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one policy for everything a language model writes: every generation job, chat answers,
 * the arguments of chat tools, repair rounds. It refuses what a prompt injection typically
 * plants and what the service must never assert on its own:
 * <ul>
 *   <li>links in any form (with or without scheme, protocol-relative, markdown links and
 *       images, bare domains with any top-level domain, spelled-out dots) and HTML;</li>
 *   <li>contact and payment details: e-mail addresses, phone numbers, IBANs, card numbers;</li>
 *   <li>offers (discounts, free things, vouchers, sales, deals);</li>
 *   <li>brands: trademarked or camel-cased names, placeholder brands ("Brand A"), and names only
 *       customers mention;</li>
 *   <li>figures presented as KPIs (percentages, shares, ratings, scores) that no KPI has;</li>
 *   <li>for chat, claims of actions that did not happen ("I have accepted the suggestions").</li>
 * </ul>
 * What the brand profile, the touchpoint or the user already hold stays allowed (see
 * {@link Allowed}). Invisible, bidirectional and control characters are stripped from output
 * before any of this ({@link #stripHidden}). A violation names the field path and the rule,
 * with at most a short excerpt that cannot render as a link or markup.
 */
public final class OutputPolicy {

    private OutputPolicy() {
    }

    public enum Rule {
        LINK("holds a link that the brand profile and touchpoint do not hold"),
        MARKUP("holds HTML markup"),
        CONTACT("holds contact or payment details (an e-mail address, phone or account number) that the brand profile"
                + " and touchpoint do not hold"),
        OFFER("announces an offer that the brand profile and touchpoint do not make"),
        BRAND("names a brand that the brand profile and touchpoint do not hold"),
        FIGURE("states a figure that matches no KPI"),
        ACTION_CLAIM("claims an action that did not happen; only a proposal the user confirms changes anything");

        private final String description;

        Rule(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** One broken rule: where (a field path such as {@code variants[0].fields.subject}), which rule, and the span. */
    public record Violation(String path, Rule rule, String excerpt, int start, int end) {
        /** "variants[0].fields.body holds a link … (exfil[.]example[.]xyz)": never the model's text as it was. */
        public String message() {
            return ruleMessage() + (excerpt == null || excerpt.isEmpty() ? "" : " (\"" + excerpt + "\")");
        }

        /** The path and the rule only: for what a reader sees beside an answer the check cut. */
        public String ruleMessage() {
            return path + " " + rule.description();
        }
    }

    /**
     * What an answer may contain although the rules would refuse it: whatever {@code text} (the
     * brand profile, the touchpoint, the map, what the user wrote) already holds, and figures
     * equal to a KPI value. {@code customerTexts} is the customer text the model was shown: a
     * capitalised name that only it mentions is a competitor or a planted brand.
     */
    public static final class Allowed {
        private final String text;
        private final Set<String> words;
        private final Set<String> hosts;
        private final List<BigDecimal> kpiValues;
        private final Set<String> customerNames;
        private final boolean actionClaimsChecked;

        private Allowed(String text, List<BigDecimal> kpiValues, Set<String> customerNames, boolean actionClaimsChecked) {
            this.text = text.toLowerCase(Locale.ROOT);
            this.words = new HashSet<>();
            Matcher word = WORD.matcher(this.text);
            while (word.find()) {
                words.add(word.group().replaceAll("[™®]$", ""));
            }
            this.hosts = hostsIn(this.text);
            this.kpiValues = List.copyOf(kpiValues);
            this.customerNames = Set.copyOf(customerNames);
            this.actionClaimsChecked = actionClaimsChecked;
        }

        public static Allowed of(String text, List<BigDecimal> kpiValues, Collection<String> customerTexts) {
            Set<String> names = new HashSet<>();
            for (String customerText : customerTexts) {
                Matcher word = WORD.matcher(customerText);
                while (word.find()) {
                    if (Character.isUpperCase(word.group().codePointAt(0))) {
                        names.add(word.group().replaceAll("[™®]$", ""));
                    }
                }
            }
            return new Allowed(text, kpiValues, names, false);
        }

        /** The same, and claims of actions are refused too (a chat answer; a job never claims any). */
        public Allowed refusingActionClaims() {
            return new Allowed(text, kpiValues, customerNames, true);
        }

        boolean holds(String phrase) {
            return text.contains(phrase.toLowerCase(Locale.ROOT));
        }
    }

    /** Output without invisible, bidirectional and control characters, and how many were removed. */
    public record Stripped(String text, int removed) {
    }

    // ------------------------------------------------------------------ hidden characters

    // the one set of invisible characters, and C0/C1 controls but tab and newline
    private static final Pattern HIDDEN = Pattern.compile(InvisibleCharacters.ONE.pattern() + "|[\\p{Cc}&&[^\\n\\t]]");

    public static Stripped stripHidden(String text) {
        if (text == null) {
            return new Stripped(null, 0);
        }
        Matcher hidden = HIDDEN.matcher(text);
        int removed = 0;
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        while (hidden.find()) {
            out.append(text, at, hidden.start());
            at = hidden.end();
            removed++;
        }
        return removed == 0 ? new Stripped(text, 0) : new Stripped(out.append(text, at, text.length()).toString(), removed);
    }

    // ------------------------------------------------------------------ links and markup

    private static final String TLD = "(?:[a-z]{2,24}|[A-Z]{2,6}|xn--[a-z0-9-]{2,30})";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern MARKDOWN_LINK = Pattern.compile("!?\\[[^\\]\\n]{0,300}]\\([^)\\n]{0,2000}\\)");
    private static final Pattern HTML = Pattern.compile("</?[A-Za-z][A-Za-z0-9-]*(?:\\s[^<>]{0,1000})?/?>");
    private static final List<Pattern> LINKS = List.of(
            // any scheme, and scripts or data smuggled as one
            Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]{1,15}://[^\\s<>\"')\\]]+"),
            Pattern.compile("(?i)\\b(?:javascript|vbscript|data):[^\\s<>\"')\\]]+"),
            // protocol-relative
            Pattern.compile("(?<![:\\w/])//" + LABEL + "(?:\\." + LABEL + ")+[^\\s<>\"')\\]]*"),
            Pattern.compile("(?i)\\bwww\\d?\\.[^\\s<>\"')\\]]+"),
            // a bare domain with any top-level domain, and a path if it has one
            Pattern.compile("(?<![\\w@.\\-/])(?:" + LABEL + "\\.)+" + TLD + "(?![\\w-])(?::\\d{1,5})?(?:/[^\\s<>\"')\\]]*)?"),
            // dots written out so that no link checker sees them
            Pattern.compile("(?i)\\b" + LABEL + "\\s*(?:\\[\\.]|\\(\\.\\)|\\[dot]|\\(dot\\)|\\s(?:dot|punt)\\s)\\s*"
                    + "(?:com|nl|net|org|io|shop|eu|be|de|info|biz|co|app|store|xyz|online|site|top|club)\\b"));

    // ------------------------------------------------------------------ offers

    private static final List<Pattern> OFFERS = List.of(
            word("korting(?:en|scode|scodes|sbon|sbonnen)?"), word("actiecodes?"), word("gratis"), word("kosteloos"),
            word("cadeaubon(?:nen)?"), word("aanbieding(?:en)?"), word("uitverkoop"), word("sale"), word("op=op"),
            word("winactie"), word("weggeefactie"), word("prijsvraag"), word("geld[- ]terug(?:[- ]garantie)?"),
            word("discount(?:s|ed)?"), word("coupons?"), word("vouchers?"), word("promo(?:[- ]?codes?)?"),
            word("promoti(?:e|on)s?"), word("giveaways?"), word("sweepstakes"), word("cashback"), word("bogo"),
            word("gift[- ]?cards?"), word("money[- ]back"), word("buy one,? get one"),
            Pattern.compile("(?i)(?<![\\p{L}\\p{N}-])(?<!feel )free(?![\\p{L}\\p{N}-])(?!\\s+(?:of|from|to)\\b)"),
            Pattern.compile("(?i)(?<![\\p{L}\\p{N}-])deals?(?![\\p{L}\\p{N}-])(?!\\s+(?:with|of)\\b)"),
            Pattern.compile("(?i)\\b(?:special|exclusive|limited(?:[- ]time)?|introductory|welcome|seasonal|summer|winter"
                    + "|holiday|black friday|best)\\s+offers?\\b"),
            Pattern.compile("(?i)\\boffers?\\s+(?:ends?|expires?|valid|codes?)\\b"),
            Pattern.compile("(?i)\\b\\d+(?:[.,]\\d+)?\\s*(?:%|procent|percent)\\s+(?:off|korting|goedkoper|extra)\\b"),
            Pattern.compile("(?i)\\b\\d\\s*\\+\\s*\\d\\s+(?:gratis|free)\\b"),
            Pattern.compile("(?i)\\b\\d+\\s+halen,?\\s+\\d+\\s+betalen\\b"));

    // ------------------------------------------------------------------ figures presented as KPIs

    private static final String NUMBER = "(?<![\\d.,])(?<n>\\d+(?:[.,]\\d+)?)";
    private static final Pattern PERCENT = Pattern.compile(NUMBER + "\\s?(?:%|procent\\b|percent\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SHARE = Pattern.compile(NUMBER
            + "\\s+(?:op\\s+de|van\\s+de|uit|out\\s+of|in)\\s+(?<of>\\d+)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern RATING = Pattern.compile(NUMBER + "\\s*(?:/\\s*(?:5|10)\\b|sterren\\b|stars?\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SCORE = Pattern.compile("\\b(?:nps|csat|ces|net promoter score|klanttevredenheid"
            + "|customer satisfaction|tevredenheidsscore|conversie(?:ratio)?|conversion(?: rate)?|open rate"
            + "|click-through rate|ctr|rapportcijfer|score|cijfer|rating|beoordeling)\\b[^\\d\\n]{0,20}?" + NUMBER,
            Pattern.CASE_INSENSITIVE);
    private static final List<Pattern> FIGURES = List.of(PERCENT, SHARE, RATING, SCORE);
    private static final String NUMBER_WORD = "(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf"
            + "|honderd|half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred"
            + "|\\p{L}{2,20}(?:tig|tien|honderd|ty|teen|hundred))";
    /** Figures in words can be checked against no KPI, so they are refused unless the allowed text has them. */
    private static final List<Pattern> FIGURES_IN_WORDS = List.of(
            Pattern.compile("(?i)(?<!\\p{L})" + NUMBER_WORD + "\\s+(?:procent|percent)\\b"),
            Pattern.compile("(?i)(?<!\\p{L})" + NUMBER_WORD + "\\s+(?:op\\s+de|van\\s+de|out\\s+of|in)\\s+"
                    + "(?:vier|vijf|tien|honderd|four|five|ten|hundred)\\b"));

    // ------------------------------------------------------------------ brands

    private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{L}[\\p{L}\\p{N}]*([™®])?");
    private static final Pattern PLACEHOLDER_BRAND = Pattern.compile("\\b(?:[Bb]rand|[Mm]erk)\\s+[A-Z]\\b");
    /** Capitalised wherever they stand, or the names of channels themselves: a capital says nothing about them. */
    private static final Set<String> ALWAYS_CAPITALISED = Set.of("monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "dutch", "english", "i", "whatsapp", "youtube", "linkedin",
            "tiktok", "facebook", "instagram", "google", "pinterest", "snapchat", "ios", "android", "iphone");

    // ------------------------------------------------------------------ action claims

    private static final String DONE_NL = "(?:ge(?:accepteerd|weigerd|wijzigd|publiceerd|stuurd|deeld|pland|activeerd"
            + "|keurd|boekt|annuleerd|maild)|aangemaakt|aangepast|aangenomen|afgewezen|toegevoegd|verstuurd|verzonden"
            + "|verwijderd|bijgewerkt|opgeslagen|ingepland|goedgekeurd|doorgevoerd|uitgevoerd|ingesteld|bevestigd"
            + "|afgerond|geregeld|gemaakt|geplaatst)";
    private static final String DONE_EN = "(?:accepted|approved|rejected|declined|created|added|sent|changed|updated"
            + "|modified|deleted|removed|published|scheduled|saved|applied|launched|activated|emailed|mailed|booked"
            + "|cancelled|canceled|confirmed|made|placed|set up|implemented|executed|completed)";
    private static final String MAP_THINGS = "(?:suggesties?|voorstel(?:len)?|wijziging(?:en)?|kans(?:en)?|oplossing(?:en)?"
            + "|persona'?s?|varianten?|experiment(?:en)?|kaart|reis|touchpoints?|suggestions?|proposals?|changes?"
            + "|opportunit(?:y|ies)|solutions?|variants?|experiments?|map|journey)";
    private static final List<Pattern> ACTION_CLAIMS = List.of(
            Pattern.compile("(?i)\\b(?:ik\\s+heb|heb\\s+ik|we\\s+hebben|hebben\\s+we|wij\\s+hebben|ik\\s+ben)\\b"
                    + "[^.!?\\n]{0,80}?\\b" + DONE_NL + "\\b"),
            Pattern.compile("(?i)\\b(?:i|i've|i\\s+have|i\\s+just|we|we've|we\\s+have)\\s+(?:[\\p{L}']+\\s+){0,3}?"
                    + DONE_EN + "\\b"),
            Pattern.compile("(?i)\\b" + MAP_THINGS + "\\b[^.!?\\n]{0,60}?\\b(?:is|zijn|werd|werden)\\s+"
                    + "(?:nu\\s+|al\\s+|inmiddels\\s+|zojuist\\s+|zonet\\s+|reeds\\s+|automatisch\\s+|allemaal\\s+)+"
                    + "(?:[\\p{L}]+\\s+){0,2}?" + DONE_NL + "\\b"),
            Pattern.compile("(?i)\\b" + MAP_THINGS + "\\b[^.!?\\n]{0,60}?\\b(?:has|have|is|are|was|were)\\s+"
                    + "(?:now\\s+|already\\s+|just\\s+|all\\s+)*(?:been\\s+)?" + DONE_EN + "\\b"));
    /** Recording a proposal is the one thing the assistant does itself, and saying so is true. */
    private static final Pattern PROPOSAL_WORDS = Pattern.compile("(?i)\\b(?:voorstel\\w*|voorgesteld|proposal\\w*"
            + "|proposed|propose)\\b");

    // ------------------------------------------------------------------ checking

    /** The rules {@code text} breaks, in text order, one violation per span. */
    public static List<Violation> check(String path, String text, Allowed allowed) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Violation> found = new ArrayList<>();
        for (PiiRedactor.Span span : PiiRedactor.find(text)) {
            if (!allowed.holds(text.substring(span.start(), span.end()))) {
                found.add(new Violation(path, Rule.CONTACT, null, span.start(), span.end()));
            }
        }
        Matcher markdown = MARKDOWN_LINK.matcher(text);
        while (markdown.find()) {
            found.add(new Violation(path, Rule.LINK, defang(target(markdown.group())), markdown.start(), markdown.end()));
        }
        Matcher html = HTML.matcher(text);
        while (html.find()) {
            found.add(new Violation(path, Rule.MARKUP, tagName(html.group()), html.start(), html.end()));
        }
        for (Pattern link : LINKS) {
            Matcher m = link.matcher(text);
            while (m.find()) {
                String match = trimTrailing(m.group());
                if (!linkAllowed(match, allowed)) {
                    found.add(new Violation(path, Rule.LINK, defang(match), m.start(), m.start() + match.length()));
                }
            }
        }
        for (Pattern offer : OFFERS) {
            Matcher m = offer.matcher(text);
            while (m.find()) {
                if (!offerAllowed(offer, text, m.start(), m.end(), allowed)) {
                    found.add(new Violation(path, Rule.OFFER, excerpt(m.group()), m.start(), m.end()));
                }
            }
        }
        found.addAll(brands(path, text, allowed));
        found.addAll(figures(path, text, allowed));
        if (allowed.actionClaimsChecked) {
            for (Pattern claim : ACTION_CLAIMS) {
                Matcher m = claim.matcher(text);
                while (m.find()) {
                    if (!PROPOSAL_WORDS.matcher(m.group()).find()) {
                        found.add(new Violation(path, Rule.ACTION_CLAIM, excerpt(lastWord(m.group())), m.start(), m.end()));
                    }
                }
            }
        }
        return withoutOverlaps(found);
    }

    /**
     * Distinct messages of the violations, in order: what a repair round lists and what a
     * problem's {@code errors} carry.
     */
    public static List<String> messages(List<Violation> violations) {
        Set<String> messages = new LinkedHashSet<>();
        violations.forEach(v -> messages.add(v.message()));
        return List.copyOf(messages);
    }

    /**
     * The text without every sentence that holds a violation: what a reader may see of an answer
     * that broke the rules. Lines left empty (or only a list marker) go too.
     */
    public static String withoutViolations(String text, List<Violation> violations) {
        if (violations.isEmpty()) {
            return text;
        }
        boolean[] drop = new boolean[text.length()];
        for (Violation v : violations) {
            int from = sentenceStart(text, v.start());
            int to = sentenceEnd(text, v.end());
            for (int i = from; i < to; i++) {
                drop[i] = true;
            }
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!drop[i]) {
                kept.append(text.charAt(i));
            }
        }
        List<String> lines = new ArrayList<>();
        for (String line : kept.toString().split("\n", -1)) {
            String tidy = line.replaceAll("[ \\t]{2,}", " ").replaceAll("[ \\t]+$", "");
            if (!tidy.isBlank() && !tidy.strip().matches("[-*•\\d.)]*")) {
                lines.add(tidy);
            } else if (tidy.isBlank() && !lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty()) {
                lines.add("");
            }
        }
        return String.join("\n", lines).strip();
    }

    /** Where the sentence around {@code index} starts: after the last sentence end or line break before it. */
    public static int sentenceStart(String text, int index) {
        for (int i = Math.min(index, text.length()) - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (".!?".indexOf(c) >= 0 && i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Where the sentence holding {@code index} ends: after its end mark, or at the line break. */
    public static int sentenceEnd(String text, int index) {
        for (int i = Math.max(index, 0); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i;
            }
            if (".!?".indexOf(c) >= 0 && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return i + 1;
            }
        }
        return text.length();
    }

    private static List<Violation> brands(String path, String text, Allowed allowed) {
        List<Violation> found = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER_BRAND.matcher(text);
        while (placeholder.find()) {
            if (!allowed.holds(placeholder.group())) {
                found.add(new Violation(path, Rule.BRAND, placeholder.group(), placeholder.start(), placeholder.end()));
            }
        }
        Set<String> reported = new HashSet<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            String name = word.group().replaceAll("[™®]$", "");
            String lower = name.toLowerCase(Locale.ROOT);
            if (ALWAYS_CAPITALISED.contains(lower) || allowed.words.contains(lower)) {
                continue;
            }
            boolean brandLike = word.group(1) != null || isCamelCase(name);
            boolean customersOnly = name.length() > 1 && Character.isUpperCase(name.codePointAt(0))
                    && !startsSentence(text, word.start()) && allowed.customerNames.contains(name);
            if ((brandLike || customersOnly) && reported.add(name)) {
                found.add(new Violation(path, Rule.BRAND, excerpt(name), word.start(), word.end()));
            }
        }
        return found;
    }

    private static List<Violation> figures(String path, String text, Allowed allowed) {
        List<Violation> found = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Pattern figure : FIGURES) {
            Matcher m = figure.matcher(text);
            while (m.find()) {
                if (seen.add(m.start("n")) && !isKnownFigure(m, figure, allowed)) {
                    found.add(new Violation(path, Rule.FIGURE, excerpt(m.group()), m.start(), m.end()));
                }
            }
        }
        for (Pattern figure : FIGURES_IN_WORDS) {
            Matcher m = figure.matcher(text);
            while (m.find()) {
                if (!allowed.holds(m.group())) {
                    found.add(new Violation(path, Rule.FIGURE, excerpt(m.group()), m.start(), m.end()));
                }
            }
        }
        return found;
    }

    private static boolean isKnownFigure(Matcher claim, Pattern pattern, Allowed allowed) {
        if (allowed.holds(claim.group())) {
            return true;
        }
        BigDecimal figure = number(claim.group("n"));
        List<BigDecimal> candidates = new ArrayList<>(List.of(figure));
        if (pattern == SHARE) {
            BigDecimal of = number(claim.group("of"));
            if (of.signum() == 0) {
                return false;
            }
            // "9 op de 10" is a 90 % claim; "1 op de 4" is 25 %
            candidates.add(figure.multiply(BigDecimal.valueOf(100)).divide(of, 1, RoundingMode.HALF_UP));
        }
        return candidates.stream().anyMatch(c -> allowed.kpiValues.stream()
                .anyMatch(k -> k.subtract(c).abs().compareTo(new BigDecimal("0.05")) <= 0));
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text.replace(',', '.'));
    }

    /**
     * An offer the brand profile or touchpoint makes: the same offer words, near the same words
     * ("gratis bezorging" is made, "gratis onderhoud" is not, though both are "gratis").
     */
    private static boolean offerAllowed(Pattern offer, String text, int start, int end, Allowed allowed) {
        Matcher made = offer.matcher(allowed.text);
        if (!made.find()) {
            return false;
        }
        List<String> neighbours = new ArrayList<>();
        Matcher before = CONTENT_WORD.matcher(text.substring(Math.max(0, start - 30), start));
        while (before.find()) {
            neighbours.add(before.group().toLowerCase(Locale.ROOT));
        }
        if (neighbours.size() > 2) {
            neighbours.subList(0, neighbours.size() - 2).clear();
        }
        Matcher after = CONTENT_WORD.matcher(text.substring(end, Math.min(text.length(), end + 30)));
        for (int n = 0; n < 2 && after.find(); n++) {
            neighbours.add(after.group().toLowerCase(Locale.ROOT));
        }
        if (neighbours.isEmpty()) {
            return true;
        }
        do {
            String around = allowed.text.substring(Math.max(0, made.start() - 40), Math.min(allowed.text.length(),
                    made.end() + 40));
            if (neighbours.stream().anyMatch(around::contains)) {
                return true;
            }
        } while (made.find());
        return false;
    }

    private static final Pattern CONTENT_WORD = Pattern.compile("\\p{L}{4,}");

    /** Links the allowed text holds as they are, or on a host it names (without a query that could carry data). */
    private static boolean linkAllowed(String link, Allowed allowed) {
        String normal = normalLink(link);
        if (allowed.holds(normal)) {
            return true;
        }
        String host = host(normal);
        return !normal.contains("?") && !host.isEmpty() && allowed.hosts.contains(host);
    }

    private static Set<String> hostsIn(String lowerText) {
        Set<String> hosts = new HashSet<>();
        for (Pattern link : LINKS) {
            Matcher m = link.matcher(lowerText);
            while (m.find()) {
                String host = host(normalLink(trimTrailing(m.group())));
                if (!host.isEmpty()) {
                    hosts.add(host);
                }
            }
        }
        return hosts;
    }

    private static String normalLink(String link) {
        return link.toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "").replaceFirst("^//", "")
                .replaceFirst("^www\\d?\\.", "");
    }

    private static String host(String normalLink) {
        String host = normalLink.split("[/?#:]", 2)[0];
        return host.contains(".") ? host : "";
    }

    private static String trimTrailing(String match) {
        return match.replaceAll("[.,;:!?]+$", "");
    }

    private static String target(String markdown) {
        return markdown.substring(markdown.indexOf("](") + 2, markdown.length() - 1).strip();
    }

    private static String tagName(String tag) {
        return tag.replaceAll("^</?([A-Za-z][A-Za-z0-9-]*).*$", "$1").toLowerCase(Locale.ROOT);
    }

    private static String lastWord(String text) {
        String[] words = text.strip().split("\\s+");
        return words[words.length - 1];
    }

    /** A link as an excerpt: its host with the dots bracketed, so nothing renders or resolves it. */
    private static String defang(String link) {
        String normal = normalLink(link);
        String host = host(normal);
        String shown = host.isEmpty() ? normal.split("[/?#]", 2)[0] : host;
        return excerpt(shown).replace(".", "[.]");
    }

    /** At most 40 characters, and none that markdown or HTML would act on. */
    static String excerpt(String text) {
        String plain = text.replaceAll("[<>\\[\\]()!*_`{}|\\\\\"\\n\\r\\t]", " ").replaceAll("\\s{2,}", " ").strip();
        return plain.length() <= 40 ? plain : plain.substring(0, 39).strip() + "…";
    }

    private static final Set<Rule> CONTAINERS = java.util.EnumSet.of(Rule.LINK, Rule.CONTACT, Rule.MARKUP);

    private static List<Violation> withoutOverlaps(List<Violation> found) {
        found.sort(Comparator.comparingInt(Violation::start).thenComparing(v -> -v.end()));
        List<Violation> kept = new ArrayList<>();
        for (Violation v : found) {
            boolean inside = kept.stream().anyMatch(k -> k.start() <= v.start() && v.end() <= k.end()
                    && (k.rule() == v.rule() || CONTAINERS.contains(k.rule())));
            if (!inside) { // not part of one already reported: the host of an e-mail address, a word of a link
                kept.add(v);
            }
        }
        return kept;
    }

    private static boolean isCamelCase(String word) {
        boolean lowerSeen = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && (lowerSeen || Character.isLowerCase(word.charAt(i - 1)))) {
                return true;
            }
            lowerSeen |= Character.isLowerCase(c);
        }
        return false;
    }

    private static boolean startsSentence(String text, int index) {
        for (int i = index - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && "\"'‘“(‹«-–—*".indexOf(c) < 0) {
                return ".!?:;\n".indexOf(c) >= 0;
            }
            if (c == '\n') {
                return true;
            }
        }
        return true;
    }

    /** The word on its own, not inside a longer word ("goedkoop" is not in "goedkoper"), in any case. */
    private static Pattern word(String regex) {
        return Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + regex + "(?![\\p{L}\\p{N}])");
    }
}
