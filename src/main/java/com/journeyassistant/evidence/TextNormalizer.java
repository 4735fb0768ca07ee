package com.journeyassistant.evidence;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cleans customer text before it is stored, embedded or shown: Unicode NFKC (so that, for
 * example, full-width digits become ordinary digits and cannot hide a phone number), no
 * invisible or control characters, and a best-effort language guess.
 */
public final class TextNormalizer {

    /** The cleaned text, whether invisible characters were removed, and its language. */
    public record Normalized(String text, boolean hiddenText, String language) {
    }

    // Zero-width and joiner characters, bidirectional overrides and isolates, the BOM, and Unicode
    // tag characters: all invisible, and all used to smuggle instructions past human readers.
    private static final Pattern INVISIBLE = Pattern.compile(
            "[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF\\x{E0000}-\\x{E007F}]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0]+");

    private static final java.util.Set<String> DUTCH = java.util.Set.of("de", "het", "een", "en", "ik", "niet", "is",
            "van", "dat", "op", "te", "met", "voor", "zijn", "maar", "wel", "er", "mijn", "je", "we", "was", "bij", "ook",
            "nog", "heel", "geen", "naar", "heb", "kan", "dit", "die", "om", "al", "als", "wat", "werd", "wordt", "erg",
            "goed", "fiets", "bestelling", "levering", "klantenservice", "snel", "prima", "helaas", "duurde", "hebben",
            "hun", "ze", "hier", "onze", "wanneer", "meer", "hoe", "deze", "omdat", "zodat", "worden", "kunnen", "moet",
            "zij", "hij", "haar", "jullie", "waar", "zou");
    private static final java.util.Set<String> ENGLISH = java.util.Set.of("the", "and", "i", "is", "to", "of", "it",
            "was", "my", "not", "for", "with", "but", "on", "very", "this", "that", "have", "had", "they", "were", "you",
            "are", "be", "so", "no", "at", "an", "great", "good", "bike", "order", "delivery", "service", "would", "could",
            "after", "again", "really", "customer", "been", "from", "did", "didn't", "there", "their", "them", "here", "our",
            "your", "when", "more", "will", "what", "which", "who", "how", "these", "those", "than", "because", "about",
            "whether", "its", "has", "does", "should", "can", "her", "his", "where");
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    private TextNormalizer() {
    }

    public static Normalized normalize(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        String visible = INVISIBLE.matcher(text).replaceAll("");
        boolean hidden = visible.length() != text.length();
        String clean = CONTROL.matcher(visible.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
        clean = SPACES.matcher(clean).replaceAll(" ").strip();
        return new Normalized(clean, hidden, language(clean));
    }

    /** "nl", "en" or "other", by counting frequent function words of each language. */
    static String language(String text) {
        int dutch = 0;
        int english = 0;
        var words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            String word = words.group();
            if (DUTCH.contains(word)) {
                dutch++;
            }
            if (ENGLISH.contains(word)) {
                english++;
            }
        }
        if (dutch > english) {
            return "nl";
        }
        return english > dutch ? "en" : "other";
    }
}
