package com.journeyassistant.evidence;

/** The upload as a whole cannot be read (not UTF-8, binary, malformed CSV or JSON, empty). */
final class ImportFormatException extends RuntimeException {

    private final int line;

    ImportFormatException(int line, String message) {
        super(message);
        this.line = line;
    }

    int line() {
        return line;
    }
}
