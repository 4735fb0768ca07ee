package com.journeyassistant.generation;

import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * The language generated text is written in: Dutch, English, or "other" when the detector
 * cannot tell (a single word, a figure). Lingua, limited to the two languages the product
 * writes: it tells them apart on a short subject line ("Your order is in") as well as on a
 * body, where counting function words could not. Its models for the two languages take about
 * 55 MB of heap, loaded on first use.
 */
final class CopyLanguage {

    private static final LanguageDetector DETECTOR = LanguageDetectorBuilder
            .fromLanguages(com.github.pemistahl.lingua.api.Language.DUTCH, com.github.pemistahl.lingua.api.Language.ENGLISH)
            .withMinimumRelativeDistance(0.05).build();

    private CopyLanguage() {
    }

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("\\p{L}{2,}");

    /** "nl", "en" or "other"; a single word (a brand name, say) tells too little. */
    static String of(String text) {
        if (text == null || WORD.matcher(text).results().limit(2).count() < 2) {
            return "other";
        }
        return switch (DETECTOR.detectLanguageOf(text)) {
            case DUTCH -> "nl";
            case ENGLISH -> "en";
            default -> "other";
        };
    }
}
