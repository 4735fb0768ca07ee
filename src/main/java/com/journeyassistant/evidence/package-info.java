/**
 * Evidence behind the map: customer feedback and KPIs, imported as JSON, JSONL or CSV,
 * normalised and stripped of personal data before anything else sees the text.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evidence",
        allowedDependencies = {"platform", "journey"})
package com.journeyassistant.evidence;
