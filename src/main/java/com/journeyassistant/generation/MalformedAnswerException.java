package com.journeyassistant.generation;

/** The model answered, but not with JSON that fits the schema. */
class MalformedAnswerException extends RuntimeException {

    MalformedAnswerException(String message) {
        super(message);
    }
}
