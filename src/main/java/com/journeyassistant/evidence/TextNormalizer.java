package com.journeyassistant.evidence;

import com.journeyassistant.platform.InvisibleCharacters;
import com.journeyassistant.platform.StopWords;
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

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0]+");

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    private TextNormalizer() {
    }

    public static Normalized normalize(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        String visible = InvisibleCharacters.removed(text);
        String lines = visible.replace("\r\n", "\n").replace('\r', '\n');
        String clean = CONTROL.matcher(lines).replaceAll("");
        // a NUL or another control character is as invisible to a reader as a zero-width space
        boolean hidden = visible.length() != text.length() || clean.length() != lines.length();
        clean = SPACES.matcher(clean).replaceAll(" ").strip();
        return new Normalized(clean, hidden, language(clean));
    }

    /** "nl", "en" or "other", by counting the function words only one of the two languages has. */
    static String language(String text) {
        int dutch = 0;
        int english = 0;
        var words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            String word = words.group();
            boolean isDutch = StopWords.DUTCH.contains(word);
            if (isDutch != StopWords.ENGLISH.contains(word)) {
                if (isDutch) {
                    dutch++;
                } else {
                    english++;
                }
            }
        }
        if (dutch > english) {
            return "nl";
        }
        return english > dutch ? "en" : "other";
    }
}
