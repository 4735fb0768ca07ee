/**
 * The review workflow of the assistant's suggestions: what a generation stored (content with
 * its citations, model and prompt), reviews (accept, reject, edit) appended as history, and what
 * accepting one adds to the map. Generation stores suggestions here; chat, batch and the web
 * workspace review them without the jobs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Suggestions",
        allowedDependencies = {"platform", "journey", "experiments"})
package com.journeyassistant.suggestions;
