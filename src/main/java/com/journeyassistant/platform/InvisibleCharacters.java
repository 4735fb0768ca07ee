package com.journeyassistant.platform;

import java.util.regex.Pattern;

/**
 * The one set of characters a reader does not see, used wherever text is checked: importing
 * evidence (TextNormalizer), screening it for instructions (InjectionScreen), and the output policy
 * for what a model writes. Zero-width characters and joiners, the soft hyphen, bidirectional marks,
 * embeddings, overrides and isolates, the word joiner and invisible operators, the Mongolian vowel
 * separator, the byte-order mark, interlinear annotation, deprecated format characters, Unicode tag
 * characters and the invisible musical formatting marks: each can hide or split text, and all have
 * been used to smuggle instructions past people.
 */
public final class InvisibleCharacters {

    /** One invisible character (control characters are a separate matter: {@code \p{Cc}}). */
    public static final Pattern ONE = Pattern.compile("[\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E"
            + "\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB\\x{E0000}-\\x{E007F}\\x{1D173}-\\x{1D17A}]");

    private InvisibleCharacters() {
    }

    public static boolean is(int codePoint) {
        return codePoint == 0x00AD || codePoint == 0x061C || codePoint == 0x180E
                || (codePoint >= 0x200B && codePoint <= 0x200F) || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2060 && codePoint <= 0x2064) || (codePoint >= 0x2066 && codePoint <= 0x206F)
                || codePoint == 0xFEFF || (codePoint >= 0xFFF9 && codePoint <= 0xFFFB)
                || (codePoint >= 0xE0000 && codePoint <= 0xE007F) || (codePoint >= 0x1D173 && codePoint <= 0x1D17A);
    }

    /** The text without them. */
    public static String removed(String text) {
        return ONE.matcher(text).replaceAll("");
    }
}
