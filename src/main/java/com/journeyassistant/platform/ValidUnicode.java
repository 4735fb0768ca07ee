package com.journeyassistant.platform;

/** Text that is not Unicode: half of a surrogate pair, which a JSON escape can spell (backslash, u, D800). */
public final class ValidUnicode {

    private ValidUnicode() {
    }

    /** The position of the first unpaired surrogate, or -1 when the text is valid. */
    public static int unpairedSurrogate(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** What a problem says of a field holding such text, or null when it is valid. */
    public static String problem(String text) {
        int at = unpairedSurrogate(text);
        return at < 0 ? null : "must be valid Unicode text: character " + (at + 1) + " is half of a surrogate pair";
    }

    /**
     * As {@link #problem}, and a NUL is refused too: no text column stores it (PostgreSQL refuses it outright), and
     * in a map's text it is never meant. Imported evidence instead drops it and flags the item's hidden text.
     */
    public static String problemInField(String text) {
        String problem = problem(text);
        if (problem == null && text != null && text.indexOf('\0') >= 0) {
            return "must not contain the NUL character (U+0000), at character " + (text.indexOf('\0') + 1);
        }
        return problem;
    }
}
