/**
 * Grounded generation: retrieves evidence and analytics, asks the configured language model
 * for a structured result, validates it (citations, numbers, channel limits, brand rules,
 * injected links and offers), and stores what passes as suggestions a marketer reviews.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Generation",
        allowedDependencies = {"platform", "journey", "evidence", "experiments", "analytics", "model", "suggestions"})
package com.journeyassistant.generation;
