/**
 * The journey map: journeys with their stage model, stages, personas, touchpoints, insights,
 * opportunities and solutions, plus the workspace's brand profile; export and import of a
 * whole map. Every read and write is scoped to the caller's workspace.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Journey map",
        allowedDependencies = {"platform"})
package com.journeyassistant.journey;
