/**
 * Batch generation of copy: a journey's touchpoints x personas x languages (or a spreadsheet of
 * briefs) turned into content variants in one Spring Batch run, previewed with tokens, cost and
 * duration first, paced at the provider's limits, paused, resumed and cancelled, restartable
 * after a crash with every cell done once, and exported for the tools that send the copy.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Batch generation",
        allowedDependencies = {"platform", "journey", "evidence", "experiments", "model", "suggestions", "generation"})
package com.journeyassistant.batch;
