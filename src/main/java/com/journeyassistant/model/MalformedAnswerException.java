package com.journeyassistant.model;

/** The model answered, but not with JSON that fits the schema. */
public class MalformedAnswerException extends RuntimeException {

    public MalformedAnswerException(String message) {
        super(message);
    }
}
