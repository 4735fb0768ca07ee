package com.journeyassistant.generation;

import com.journeyassistant.journey.MapModels.BrandProfile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks generated copy before anyone sees it: the requested number of variants with
 * distinct angles, every field of the channel within its limit, the brand's avoided words
 * absent and mandatory phrases present, the requested language, citations only to evidence
 * that was given, percentages only where a KPI has that value, and no links, e-mail
 * addresses, offers or brands that the brand profile and the touchpoint do not already hold
 * (the usual payload of a prompt injection).
 */
final class CopyValidator {

    private CopyValidator() {
    }

    record Variant(String angle, Map<String, String> fields, List<String> citations) {
        String allText() {
            return String.join("\n", fields.values());
        }
    }

    private static final Pattern LINK = Pattern.compile(
            "(?i)\\b(?:https?://\\S+|www\\.\\S+|[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|nl|net|org|io|shop|eu|be|de|info|biz|co|app|store)\\b\\S*)");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
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
    private static final List<Pattern> KPI_CLAIMS = List.of(PERCENT, SHARE, RATING, SCORE);
    private static final Pattern PLACEHOLDER_BRAND = Pattern.compile("\\b(?:[Bb]rand|[Mm]erk)\\s+[A-Z]\\b");
    /** Words that announce an offer; allowed only when the brand profile or touchpoint already makes that offer. */
    private static final List<String> OFFER_WORD_LIST = List.of("korting", "discount", "gratis", "free", "aanbieding",
            "offer", "deal", "deals", "coupon", "kortingscode", "promo", "promotie", "cadeau", "gift",
            "voucher", "sale", "uitverkoop");
    private static final Map<String, Pattern> OFFER_WORDS = OFFER_WORD_LIST.stream().collect(
            java.util.stream.Collectors.toMap(w -> w, CopyValidator::word, (a, b) -> a, java.util.LinkedHashMap::new));

    static List<String> problems(List<Variant> variants, int count, ChannelFormat format, BrandProfile brand,
                                 String language, EvidenceContext evidence, String allowedText) {
        List<String> problems = new ArrayList<>();
        if (variants.size() != count) {
            problems.add("expected " + count + " variants, got " + variants.size());
        }
        Set<String> angles = new HashSet<>();
        String allowed = allowedText.toLowerCase(Locale.ROOT);
        for (int v = 0; v < variants.size(); v++) {
            Variant variant = variants.get(v);
            String at = "variants[" + v + "]";
            if (variant.angle() == null || variant.angle().isBlank()) {
                problems.add(at + ".angle is empty");
            } else if (!angles.add(variant.angle().strip().toLowerCase(Locale.ROOT))) {
                problems.add(at + ".angle repeats another variant's angle");
            }
            for (Map.Entry<String, Integer> limit : format.limits().entrySet()) {
                String value = variant.fields().get(limit.getKey());
                int length = value == null ? 0 : value.codePointCount(0, value.length());
                if (value == null || value.isBlank()) {
                    problems.add(at + ".fields." + limit.getKey() + " is missing");
                } else if (length > limit.getValue()) {
                    problems.add(at + ".fields." + limit.getKey() + " has " + length + " characters; the limit is "
                            + limit.getValue());
                }
            }
            for (String field : variant.fields().keySet()) {
                if (!format.limits().containsKey(field)) {
                    problems.add(at + ".fields." + field + " is not a field of " + format.name());
                }
            }
            String text = variant.allText();
            String lower = text.toLowerCase(Locale.ROOT);
            for (String avoided : brand.wordsToAvoid()) {
                if (containsWord(lower, avoided.toLowerCase(Locale.ROOT))) {
                    problems.add(at + " uses the avoided word \"" + avoided + "\"");
                }
            }
            for (String phrase : brand.mandatoryPhrases()) {
                if (!text.contains(phrase)) {
                    problems.add(at + " lacks the mandatory phrase \"" + phrase + "\"");
                }
            }
            JobSupport.checkLanguage(problems, at, text, language);
            problems.addAll(citationProblems(at, variant.citations(), evidence));
            problems.addAll(claimProblems(at, text, evidence.kpiValues(), allowed));
            problems.addAll(foreignNameProblems(at, text, evidence, allowed));
            for (Map.Entry<String, Pattern> offer : OFFER_WORDS.entrySet()) {
                if (offer.getValue().matcher(lower).find() && !offer.getValue().matcher(allowed).find()) {
                    problems.add(at + " announces an offer (\"" + offer.getKey() + "\") that the brand profile and touchpoint"
                            + " do not make");
                }
            }
        }
        return problems;
    }

    /** Every part of an answer must cite, and cite only evidence that was given. */
    static List<String> citationProblems(String at, List<String> citations, EvidenceContext evidence) {
        List<String> problems = new ArrayList<>();
        if (citations.isEmpty()) {
            problems.add(at + " cites no evidence");
        }
        for (String citation : citations) {
            if (!evidence.items().containsKey(citation)) {
                problems.add(at + " cites " + citation + ", which is not among the evidence given");
            }
        }
        return problems;
    }

    /**
     * Numbers presented as KPIs must be KPI values (or already in the allowed text): percentages,
     * shares ("9 op de 10"), scores and ratings ("NPS van 45", "4,8 sterren"). Links, e-mail
     * addresses and placeholder brands ("Brand A") must already be in the allowed text.
     */
    static List<String> claimProblems(String at, String text, List<BigDecimal> kpiValues, String allowedLowerCase) {
        List<String> problems = new ArrayList<>();
        Set<Integer> figuresSeen = new HashSet<>();
        for (Pattern claim : KPI_CLAIMS) {
            Matcher matcher = claim.matcher(text);
            while (matcher.find()) {
                if (figuresSeen.add(matcher.start("n")) && !isKnownFigure(matcher, kpiValues, allowedLowerCase)) {
                    problems.add(at + " states \"" + matcher.group() + "\", which matches no KPI");
                }
            }
        }
        for (Pattern foreign : List.of(LINK, EMAIL, PLACEHOLDER_BRAND)) {
            Matcher matcher = foreign.matcher(text);
            while (matcher.find()) {
                if (!allowedLowerCase.contains(matcher.group().toLowerCase(Locale.ROOT))) {
                    problems.add(at + " contains \"" + matcher.group() + "\", which the brand profile and touchpoint"
                            + " do not hold");
                }
            }
        }
        return problems;
    }

    private static boolean isKnownFigure(Matcher claim, List<BigDecimal> kpiValues, String allowedLowerCase) {
        if (allowedLowerCase.contains(claim.group().toLowerCase(Locale.ROOT))) {
            return true;
        }
        BigDecimal figure = number(claim.group("n"));
        List<BigDecimal> candidates = new ArrayList<>(List.of(figure));
        if (claim.pattern() == SHARE) {
            BigDecimal of = number(claim.group("of"));
            if (of.signum() == 0) {
                return false;
            }
            // "9 op de 10" is a 90 % claim; "1 op de 4" is 25 %
            candidates.add(figure.multiply(BigDecimal.valueOf(100)).divide(of, 1, java.math.RoundingMode.HALF_UP));
        }
        return candidates.stream().anyMatch(c -> kpiValues.stream()
                .anyMatch(k -> k.subtract(c).abs().compareTo(new BigDecimal("0.05")) <= 0));
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text.replace(',', '.'));
    }

    private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{L}[\\p{L}\\p{N}]*([™®])?");
    /** Capitalised in English wherever they stand, so a capital says nothing about them. */
    private static final Set<String> ALWAYS_CAPITALISED = Set.of("monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "dutch", "english", "i");

    /**
     * Brand and product names the brand profile and touchpoint do not hold: trademarked
     * ("Zoom™") or camel-cased ("ShopLux", "iDeal") words anywhere, and capitalised words in
     * mid-sentence that only the customer text mentions (a competitor a customer named, a
     * brand an injected instruction pushes). Copy must not carry either.
     */
    static List<String> foreignNameProblems(String at, String text, EvidenceContext evidence, String allowedLowerCase) {
        Set<String> customerNames = new HashSet<>();
        for (EvidenceContext.Item item : evidence.items().values()) {
            Matcher word = WORD.matcher(item.text());
            while (word.find()) {
                if (Character.isUpperCase(word.group().codePointAt(0))) {
                    customerNames.add(word.group().replaceAll("[™®]$", ""));
                }
            }
        }
        Set<String> reported = new HashSet<>();
        List<String> problems = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            String name = word.group().replaceAll("[™®]$", "");
            String lower = name.toLowerCase(Locale.ROOT);
            if (ALWAYS_CAPITALISED.contains(lower) || containsWord(allowedLowerCase, lower) || !reported.add(name)) {
                continue;
            }
            if (word.group(1) != null || isCamelCase(name)) {
                problems.add(at + " names \"" + name + "\", a brand the brand profile and touchpoint do not hold");
            } else if (name.length() > 1 && Character.isUpperCase(name.codePointAt(0)) && !startsSentence(text, word.start())
                    && customerNames.contains(name)) {
                problems.add(at + " names \"" + name + "\", which only the customer text mentions");
            }
        }
        return problems;
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

    private static boolean containsWord(String text, String word) {
        return word(word).matcher(text).find();
    }

    /** The word on its own, not inside a longer word ("goedkoop" is not in "goedkoper"). */
    private static Pattern word(String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])");
    }
}
