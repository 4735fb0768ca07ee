package com.journeyassistant.web;

import java.util.Arrays;
import java.util.List;

/** Text areas that hold one entry a line. */
final class FormText {

    private FormText() {
    }

    /** The non-blank lines, stripped. */
    static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
