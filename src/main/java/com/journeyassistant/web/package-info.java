/**
 * The web workspace: server-rendered pages (Thymeleaf, htmx) for marketers who sign in with
 * e-mail and password. It calls the other modules' public API with the signed-in person as the
 * caller, and never reads their tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web workspace",
        allowedDependencies = {"platform", "journey", "evidence", "experiments", "analytics", "model", "suggestions", "generation", "chat", "batch"})
package com.journeyassistant.web;
