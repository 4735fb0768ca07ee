/**
 * Chat with the assistant: conversations with persisted memory, answers streamed as server-sent
 * events, tools over the journey map, evidence, analytics and generation. Tools that would change
 * the map only produce proposals; a proposal runs when its user confirms it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Chat",
        allowedDependencies = {"platform", "journey", "evidence", "experiments", "analytics", "model", "suggestions", "generation"})
package com.journeyassistant.chat;
