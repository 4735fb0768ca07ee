package com.journeyassistant.journey;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Languages the assistant writes natively. JSON uses the ISO 639-1 codes. */
public enum Language {
    @JsonProperty("nl") NL("nl"),
    @JsonProperty("en") EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static Language fromCode(String code) {
        return code.equals("nl") ? NL : EN;
    }

    @Override
    public String toString() {
        return code;
    }
}
