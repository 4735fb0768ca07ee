package com.journeyassistant.generation;

import com.journeyassistant.journey.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The fields copy has on each channel and the most characters each may hold; enforced by code. */
record ChannelFormat(String name, Map<String, Integer> limits) {

    static ChannelFormat of(Channel channel) {
        return switch (channel) {
            case EMAIL -> format("email", "subject", 60, "preheader", 100, "body", 1500, "cta", 40);
            case SMS -> format("SMS", "text", 160);
            case SEARCH_AD -> format("search ad", "headline", 30, "description", 90);
            case PUSH -> format("push notification", "title", 50, "body", 120);
            case IN_APP -> format("in-app message", "title", 50, "body", 200, "cta", 30);
            case SOCIAL -> format("social post", "text", 280, "cta", 30);
            case DISPLAY_AD -> format("display ad", "headline", 40, "body", 90, "cta", 20);
            default -> format("web and other copy", "headline", 80, "body", 600, "cta", 40);
        };
    }

    private static ChannelFormat format(String name, Object... fieldsAndLimits) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndLimits.length; i += 2) {
            limits.put((String) fieldsAndLimits[i], (Integer) fieldsAndLimits[i + 1]);
        }
        return new ChannelFormat(name, java.util.Collections.unmodifiableMap(limits));
    }

    /** "subject (at most 60 characters), preheader (at most 100 characters)", for the prompt. */
    String describe() {
        return limits.entrySet().stream().map(e -> e.getKey() + " (at most " + e.getValue() + " characters)")
                .collect(Collectors.joining(", "));
    }
}
