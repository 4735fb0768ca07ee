/**
 * Experiments: A/B test plans accepted from the assistant's suggestions, the sample-size and
 * duration calculator, the statistics that read a finished test, and the experiments page.
 * Later, running experiments and the learnings they leave behind.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Experiments",
        allowedDependencies = {"platform", "journey", "evidence"})
package com.journeyassistant.experiments;
