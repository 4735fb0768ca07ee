/**
 * Journey analytics computed by code, never by a model: KPI gaps per stage, the funnel, the
 * emotion curve per touchpoint, feedback themes and the top pains per stage.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics",
        allowedDependencies = {"platform", "journey", "evidence", "experiments"})
package com.journeyassistant.analytics;
