package com.journeyassistant.analytics;

import java.util.Map;
import java.util.UUID;

/**
 * Short names for a journey's themes, pains and gains, written by a language model where one is configured (the
 * generation module provides them). Analytics works without: its labels are the themes' own words.
 */
public interface ThemeNaming {

    /** The names given so far, by {@link AnalyticsReport#nameKey}. */
    Map<String, String> names(UUID workspaceId, UUID journeyId);

    /** Changes whenever a name is given, so that cached analytics pick it up. */
    String version(UUID workspaceId, UUID journeyId);
}
