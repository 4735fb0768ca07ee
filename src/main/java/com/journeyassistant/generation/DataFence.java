package com.journeyassistant.generation;

import com.journeyassistant.platform.InjectionScreen;

/**
 * Customer and map text as it goes inside a {@code <data>} block of a prompt: on one line, and
 * unable to close the block, because angle brackets are replaced.
 */
public final class DataFence {

    private DataFence() {
    }

    /** Stands in for map text that reads like instructions to the assistant, in prompts and tool results. */
    public static final String WITHHELD = "(withheld: this text looks like instructions to the assistant)";

    /**
     * Map text as the assistant may read it (a name, an ideal message, a persona's description):
     * itself, or {@link #WITHHELD} when it reads like instructions to the assistant, as imported
     * evidence that does is quarantined.
     */
    public static String screened(String text) {
        if (text == null) {
            return null;
        }
        // the same names and messages come back on every request; screening one costs up to a millisecond
        Boolean suspected = SCREENED.get(text);
        if (suspected == null) {
            suspected = InjectionScreen.screen(text).suspected();
            SCREENED.put(text, suspected);
        }
        return suspected ? WITHHELD : text;
    }

    private static final int SCREENED_CACHE = 10_000;
    private static final java.util.Map<String, Boolean> SCREENED = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > SCREENED_CACHE;
                }
            });

    public static String fence(String text) {
        return text.replace('<', '‹').replace('>', '›').replace("\r", " ").replace("\n", " ").strip();
    }
}
