package com.journeyassistant.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, explainable Dutch and English sentiment lexicon for feedback that carries no
 * score. Each positive word counts +1 and each negative word -1; a negation ("niet", "geen",
 * "not", "never", …) up to three words before a word, in the same clause, flips it. The score is
 * (positive − negative) / (positive + negative), so from −1 to 1, or absent without any signal.
 */
final class Sentiment {

    private Sentiment() {
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+|[,.;:!?]");
    /** Where a negation's reach ends: punctuation, and words that start a new clause. */
    private static final Set<String> CLAUSE_BREAKS = Set.of(",", ".", ";", ":", "!", "?", "maar", "en", "but", "and");
    private static final int NEGATION_REACH = 3;

    private static final Set<String> NEGATIONS = Set.of("niet", "geen", "nooit", "zonder", "not", "no", "never",
            "without", "don't", "didn't", "doesn't", "isn't", "wasn't", "won't", "can't", "couldn't", "nothing", "niets");

    private static final Set<String> POSITIVE = Set.copyOf(List.of(
            // Dutch
            "goed", "goede", "geweldig", "top", "super", "snel", "snelle", "vlot", "vriendelijk", "vriendelijke", "fijn",
            "fijne", "prima", "tevreden", "blij", "uitstekend", "perfect", "prettig", "duidelijk", "duidelijke",
            "behulpzaam", "handig", "mooi", "mooie", "makkelijk", "gemakkelijk", "aanrader", "fantastisch", "heerlijk",
            "netjes", "professioneel", "soepel", "bedankt", "dank", "compliment", "complimenten", "deskundig", "aardig",
            "leuk", "betrouwbaar", "topservice", "klantvriendelijk", "aanraden", "genieten", "geholpen", "opgelost",
            "goedkoop", "voordelig", "correct",
            // English
            "good", "great", "excellent", "fast", "quick", "quickly", "friendly", "helpful", "happy", "satisfied", "love",
            "loved", "lovely", "perfect", "easy", "clear", "smooth", "recommend", "amazing", "awesome", "nice", "thanks",
            "thank", "professional", "reliable", "fantastic", "pleased", "solved", "fixed", "brilliant", "best", "fair"));

    private static final Set<String> NEGATIVE = Set.copyOf(List.of(
            // Dutch
            "slecht", "slechte", "traag", "trage", "langzaam", "laat", "kapot", "defect", "teleurgesteld", "teleurstellend",
            "ontevreden", "boos", "frustrerend", "irritant", "onduidelijk", "onduidelijke", "vaag", "duur", "wachten",
            "wachttijd", "probleem", "problemen", "klacht", "fout", "fouten", "onvriendelijk", "onbeleefd", "slordig",
            "lastig", "moeilijk", "verwarrend", "jammer", "helaas", "rommelig", "schade", "beschadigd", "vergeten", "kwijt",
            "niemand", "waardeloos", "belachelijk", "schandalig", "ergernis", "gedoe", "storing", "vastgelopen", "crasht",
            "mislukt", "onbereikbaar", "spijt", "twijfel", "verborgen", "zorgen", "balen", "ergerlijk", "uitgesteld",
            "kwijtgeraakt", "misleidend", "gesponsord", "jargon", "afgebroken", "onzeker", "klachten",
            "tegenvallend", "tegenvaller", "irritatie", "weigert", "geweigerd", "opgelicht", "vertraging", "vertraagd",
            // English
            "bad", "slow", "late", "broken", "disappointed", "disappointing", "unhappy", "angry", "frustrating",
            "frustrated", "annoying", "annoyed", "unclear", "confusing", "confused", "expensive", "waiting", "wait",
            "problem", "problems", "issue", "issues", "complaint", "wrong", "rude", "difficult", "sadly", "unfortunately",
            "damaged", "forgot", "lost", "nobody", "useless", "ridiculous", "terrible", "awful", "failed", "fails",
            "crashed", "crashes", "error", "hidden", "worried", "doubt", "misleading", "poor", "worst", "delayed", "small"));

    /** The score from −1 (all negative) to 1 (all positive), or null when the text has no sentiment words. */
    static Double score(String text) {
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        int positive = 0;
        int negative = 0;
        int sinceNegation = Integer.MAX_VALUE;
        while (words.find()) {
            String word = words.group();
            if (CLAUSE_BREAKS.contains(word)) {
                sinceNegation = Integer.MAX_VALUE;
                continue;
            }
            boolean negated = sinceNegation <= NEGATION_REACH;
            int polarity = POSITIVE.contains(word) ? 1 : NEGATIVE.contains(word) ? -1 : 0;
            if (negated) {
                polarity = -polarity;
            }
            if (polarity > 0) {
                positive++;
            } else if (polarity < 0) {
                negative++;
            }
            sinceNegation = NEGATIONS.contains(word) ? 1 : sinceNegation == Integer.MAX_VALUE ? sinceNegation : sinceNegation + 1;
        }
        int total = positive + negative;
        return total == 0 ? null : (positive - negative) / (double) total;
    }
}
