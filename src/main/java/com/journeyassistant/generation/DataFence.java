package com.journeyassistant.generation;

/**
 * Customer and map text as it goes inside a {@code <data>} block of a prompt: on one line, and
 * unable to close the block, because angle brackets are replaced.
 */
public final class DataFence {

    private DataFence() {
    }

    public static String fence(String text) {
        return text.replace('<', '‹').replace('>', '›').replace("\r", " ").replace("\n", " ").strip();
    }
}
