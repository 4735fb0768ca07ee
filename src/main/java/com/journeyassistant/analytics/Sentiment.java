package com.journeyassistant.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An explainable Dutch and English sentiment score for feedback that carries no score (a score, where an item has
 * one, always wins). Rules on top of a word list:
 * <ul>
 *   <li>each positive word or emoji counts +1, each negative one −1;</li>
 *   <li>an intensifier before a word ("erg", "very", "super-") makes it count 1.5, a softener ("beetje", "slightly")
 *   0.5;</li>
 *   <li>a negation ("niet", "geen", "not", "never", …) up to three words before a word, in the same clause, turns it
 *   round at three quarters of its weight: "not bad" is mildly positive, not as positive as "good";</li>
 *   <li>after "maar" or "but" the words weigh 1.5 and before it 0.5, as readers weigh them;</li>
 *   <li>a Dutch compound counts by its sentiment-bearing tail ("levertijdprobleem" as "probleem") or head
 *   ("topservice", "rotweer");</li>
 *   <li>"nooit meer" and "never again" count −1.5 on their own.</li>
 * </ul>
 * The weighted sum s becomes s / √(s² + 4): from −1 to 1, one plain word giving ±0.45, absent without any signal.
 */
final class Sentiment {

    private Sentiment() {
    }

    private static final Pattern TOKEN = Pattern.compile(
            "[:;]-?[)(D]|[\\p{L}']+|[,.;:!?]|[\\x{1F300}-\\x{1FAFF}\\x{2600}-\\x{27BF}]");
    /** Where a negation's reach ends: punctuation, and words that start a new clause. */
    private static final Set<String> CLAUSE_BREAKS = Set.of(",", ".", ";", ":", "!", "?", "maar", "en", "but", "and",
            "however", "echter", "though", "hoewel");
    private static final Set<String> CONTRASTS = Set.of("maar", "but", "however", "echter", "though", "alleen");
    private static final int NEGATION_REACH = 3;
    private static final double NEGATED = -0.75;
    private static final double NORMALISER = 4;

    private static final Set<String> NEGATIONS = Set.of("niet", "geen", "nooit", "zonder", "not", "no", "never",
            "without", "don't", "didn't", "doesn't", "isn't", "wasn't", "won't", "can't", "couldn't", "nothing", "niets",
            "aren't", "weren't", "hardly", "nauwelijks", "amper", "nor", "neither");

    private static final Map<String, Double> MODIFIERS = Map.ofEntries(
            Map.entry("erg", 1.5), Map.entry("heel", 1.5), Map.entry("zeer", 1.5), Map.entry("echt", 1.5),
            Map.entry("super", 1.5), Map.entry("enorm", 1.5), Map.entry("ontzettend", 1.5), Map.entry("ontzettende", 1.5),
            Map.entry("vreselijk", 1.5), Map.entry("totaal", 1.5), Map.entry("volledig", 1.5), Map.entry("hartstikke", 1.5),
            Map.entry("bijzonder", 1.5), Map.entry("uiterst", 1.5), Map.entry("extreem", 1.5), Map.entry("zo", 1.3),
            Map.entry("very", 1.5), Map.entry("really", 1.5), Map.entry("extremely", 1.5), Map.entry("so", 1.3),
            Map.entry("totally", 1.5), Map.entry("absolutely", 1.5), Map.entry("incredibly", 1.5),
            Map.entry("completely", 1.5), Map.entry("super-", 1.5), Map.entry("too", 1.3), Map.entry("most", 1.3),
            Map.entry("beetje", 0.5), Map.entry("wat", 0.7), Map.entry("enigszins", 0.5), Map.entry("redelijk", 0.6),
            Map.entry("vrij", 0.7), Map.entry("iets", 0.6), Map.entry("slightly", 0.5), Map.entry("somewhat", 0.5),
            Map.entry("bit", 0.5), Map.entry("little", 0.6), Map.entry("fairly", 0.6), Map.entry("kinda", 0.6),
            Map.entry("rather", 0.7));

    /** Heads of Dutch compounds that carry the sentiment of the whole word: "topservice", "rotweer". */
    private static final Map<String, Integer> COMPOUND_HEADS = Map.of("top", 1, "super", 1, "prima", 1,
            "rot", -1, "kut", -1, "klote", -1, "waardeloze", -1, "prut", -1);
    /** Heads that only strengthen the tail: "superblij", "megatraag". */
    private static final Set<String> INTENSIFYING_HEADS = Set.of("super", "mega", "hyper", "ultra", "over", "zeer",
            "dood", "kei", "bloed");
    /** Verb prefixes that make a tail mean something else: "verwachten" is not "wachten". */
    private static final Set<String> NOT_A_HEAD = Set.of("ver", "be", "ge", "ont", "her", "on", "mis", "er", "toe",
            "aan", "uit", "op", "af", "in", "door", "na", "voor", "weg", "mee", "terug");

    private static final Set<String> POSITIVE = Set.copyOf(List.of(
            // Dutch
            "goed", "goede", "geweldig", "geweldige", "top", "super", "snel", "snelle", "vlot", "vlotte", "vriendelijk",
            "vriendelijke", "fijn", "fijne", "prima", "tevreden", "blij", "uitstekend", "uitstekende", "perfect",
            "perfecte", "prettig", "prettige", "duidelijk", "duidelijke", "behulpzaam", "behulpzame", "handig", "mooi",
            "mooie", "makkelijk", "gemakkelijk", "aanrader", "fantastisch", "heerlijk", "heerlijke", "netjes",
            "professioneel", "soepel", "bedankt", "dank", "compliment", "complimenten", "deskundig", "aardig", "leuk",
            "leuke", "betrouwbaar", "topservice", "klantvriendelijk", "aanraden", "genieten", "geholpen", "opgelost",
            "goedkoop", "voordelig", "correct", "lekker", "lekkere", "gezellig", "gezellige", "zorgvuldig", "keurig",
            "attent", "attente", "comfortabel", "comfortabele", "sterk", "stevig", "tip", "toppie", "uitmuntend",
            "waardering", "vakkundig", "efficiënt", "overzichtelijk", "gemak", "gelukkig", "aangenaam", "hartelijk",
            // English
            "good", "great", "excellent", "fast", "quick", "quickly", "friendly", "helpful", "happy", "satisfied", "love",
            "loved", "loves", "lovely", "perfect", "perfectly", "easy", "clear", "smooth", "recommend", "recommended",
            "amazing", "awesome", "nice", "thanks", "thank", "professional", "reliable", "fantastic", "pleased", "solved",
            "fixed", "brilliant", "best", "fair", "comfortable", "comfy", "beautiful", "beautifully", "gorgeous", "cute",
            "flattering", "soft", "favorite", "favourite", "wonderful", "glad", "enjoy", "enjoyed", "appreciate",
            "appreciated", "excited", "pretty", "elegant", "worth", "stunning", "fabulous", "superb", "impressed",
            "incredible", "outstanding", "polite", "courteous", "exceeded", "flawless"));

    private static final Set<String> NEGATIVE = Set.copyOf(List.of(
            // Dutch
            "slecht", "slechte", "traag", "trage", "langzaam", "laat", "kapot", "defect", "teleurgesteld", "teleurstellend",
            "teleurstelling", "ontevreden", "boos", "frustrerend", "irritant", "onduidelijk", "onduidelijke", "vaag", "duur",
            "dure", "wachten", "wachttijd", "probleem", "problemen", "klacht", "fout", "fouten", "onvriendelijk",
            "onbeleefd", "slordig", "lastig", "moeilijk", "verwarrend", "jammer", "helaas", "rommelig", "schade",
            "beschadigd", "vergeten", "kwijt", "niemand", "waardeloos", "waardeloze", "belachelijk", "schandalig",
            "ergernis", "gedoe", "storing", "vastgelopen", "crasht", "mislukt", "onbereikbaar", "spijt", "twijfel",
            "verborgen", "zorgen", "balen", "ergerlijk", "uitgesteld", "kwijtgeraakt", "misleidend", "gesponsord", "jargon",
            "afgebroken", "onzeker", "klachten", "tegenvallend", "tegenvaller", "irritatie", "weigert", "geweigerd",
            "opgelicht", "vertraging", "vertraagd", "ramp", "drama", "onacceptabel", "onbetrouwbaar", "rommel", "zonde",
            "afgezet", "oplichting", "nep", "krap", "dun", "lelijk", "lelijke", "vies", "vieze", "geannuleerd",
            "annulering", "onbeschoft", "arrogant", "chaos", "chaotisch", "mis", "klote", "bagger", "tegenvallen",
            "teleurstellende", "ongeduldig", "onvoldoende", "bedroevend", "onbruikbaar", "nutteloos",
            // English
            "bad", "slow", "late", "broken", "disappointed", "disappointing", "disappointment", "unhappy", "angry",
            "frustrating", "frustrated", "annoying", "annoyed", "unclear", "confusing", "confused", "expensive", "waiting",
            "wait", "problem", "problems", "issue", "issues", "complaint", "wrong", "rude", "difficult", "sadly",
            "unfortunately", "damaged", "forgot", "lost", "nobody", "useless", "ridiculous", "terrible", "awful", "failed",
            "fails", "crashed", "crashes", "error", "hidden", "worried", "doubt", "misleading", "poor", "poorly", "worst",
            "delayed", "delay", "delays", "small", "horrible", "hate", "hated", "worse", "refund", "cancelled", "canceled",
            "flimsy", "itchy", "unflattering", "stuck", "missed", "sucks", "suck", "fail", "ruined", "mess", "scratchy",
            "shapeless", "boxy", "sheer", "returned", "returning", "cheaply", "unacceptable", "pathetic", "disgusting",
            "incompetent", "hassle", "ugly", "weird", "odd", "tight", "huge", "dissatisfied", "lousy", "lame",
            "nightmare", "joke", "stranded", "overbooked", "unprofessional", "unhelpful", "disorganized"));

    private static final Map<String, Integer> EMOJI = Map.ofEntries(
            Map.entry("😀", 1), Map.entry("😃", 1), Map.entry("😄", 1), Map.entry("😁", 1), Map.entry("😊", 1),
            Map.entry("🙂", 1), Map.entry("😍", 1), Map.entry("🥰", 1), Map.entry("😘", 1), Map.entry("👍", 1),
            Map.entry("👏", 1), Map.entry("🎉", 1), Map.entry("💯", 1), Map.entry("❤", 1), Map.entry("♥", 1),
            Map.entry("😎", 1), Map.entry("🙏", 1), Map.entry("⭐", 1), Map.entry("✨", 1), Map.entry("💪", 1),
            Map.entry(":)", 1), Map.entry(":-)", 1), Map.entry(";)", 1), Map.entry(":D", 1), Map.entry(":-D", 1),
            Map.entry("😞", -1), Map.entry("😠", -1), Map.entry("😡", -1), Map.entry("🤬", -1), Map.entry("😤", -1),
            Map.entry("😢", -1), Map.entry("😭", -1), Map.entry("👎", -1), Map.entry("💩", -1), Map.entry("🙁", -1),
            Map.entry("☹", -1), Map.entry("😒", -1), Map.entry("😩", -1), Map.entry("😫", -1), Map.entry("🤮", -1),
            Map.entry("😖", -1), Map.entry("😑", -1), Map.entry("🙄", -1), Map.entry(":(", -1), Map.entry(":-(", -1));

    /** The score from −1 (negative) to 1 (positive), or null when the text has no sentiment words. */
    static Double score(String text) {
        List<Double> weights = new ArrayList<>();
        Matcher tokens = TOKEN.matcher(text.toLowerCase(Locale.ROOT).replace(":d", ":D").replace(":-d", ":-D"));
        int sinceNegation = Integer.MAX_VALUE;
        double modifier = 1;
        boolean contrastSeen = false;
        String previous = "";
        while (tokens.find()) {
            String token = tokens.group();
            if (CONTRASTS.contains(token)) {
                contrastSeen = true;
                weights.replaceAll(w -> w * 0.5);
            }
            if (CLAUSE_BREAKS.contains(token)) {
                sinceNegation = Integer.MAX_VALUE;
                modifier = 1;
                previous = token;
                continue;
            }
            if ((previous.equals("nooit") && token.equals("meer")) || (previous.equals("never") && token.equals("again"))) {
                weights.add(-1.5 * (contrastSeen ? 1.5 : 1));
                previous = token;
                continue;
            }
            double polarity = polarity(token);
            if (polarity != 0) {
                double weight = polarity * modifier;
                if (sinceNegation <= NEGATION_REACH && !EMOJI.containsKey(token)) {
                    weight *= NEGATED;
                }
                weights.add(weight * (contrastSeen ? 1.5 : 1));
                modifier = 1;
            } else if (MODIFIERS.containsKey(token)) {
                modifier = MODIFIERS.get(token);
            } else if (!NEGATIONS.contains(token)) {
                modifier = 1;
            }
            sinceNegation = NEGATIONS.contains(token) ? 1
                    : sinceNegation == Integer.MAX_VALUE ? sinceNegation : sinceNegation + 1;
            previous = token;
        }
        if (weights.isEmpty()) {
            return null;
        }
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        return sum / Math.sqrt(sum * sum + NORMALISER);
    }

    /** +1, −1 (1.5 for an intensified compound), or 0 for a word without sentiment. */
    static double polarity(String word) {
        Integer emoji = EMOJI.get(word);
        if (emoji != null) {
            return emoji;
        }
        if (POSITIVE.contains(word)) {
            return 1;
        }
        if (NEGATIVE.contains(word)) {
            return -1;
        }
        if (word.length() < 6) {
            return 0;
        }
        for (int split = 3; split <= word.length() - 4; split++) {
            String head = word.substring(0, split);
            String tail = word.substring(split);
            if (NOT_A_HEAD.contains(head)) {
                continue;
            }
            int tailPolarity = POSITIVE.contains(tail) ? 1 : NEGATIVE.contains(tail) ? -1 : 0;
            if (tailPolarity != 0 && tail.length() >= 4) {
                return tailPolarity * (INTENSIFYING_HEADS.contains(head) ? 1.5 : 1);
            }
        }
        for (Map.Entry<String, Integer> head : COMPOUND_HEADS.entrySet()) {
            if (word.startsWith(head.getKey()) && word.length() - head.getKey().length() >= 4) {
                return head.getValue();
            }
        }
        return 0;
    }
}
