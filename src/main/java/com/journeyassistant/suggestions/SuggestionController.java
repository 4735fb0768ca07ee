package com.journeyassistant.suggestions;

import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.Opportunities;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.suggestions.Suggestions.Suggestion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Suggestions", description = "The assistant's suggestions, reviewed by marketers: accept, reject or edit")
@RestController
@RequestMapping("/api/workspaces/{ws}")
class SuggestionController {

    private final Suggestions suggestions;
    private final Journeys journeys;
    private final Touchpoints touchpoints;
    private final Opportunities opportunities;

    SuggestionController(Suggestions suggestions, Journeys journeys, Touchpoints touchpoints,
                         Opportunities opportunities) {
        this.suggestions = suggestions;
        this.journeys = journeys;
        this.touchpoints = touchpoints;
        this.opportunities = opportunities;
    }

    @Operation(summary = "The suggestions for a journey: persona drafts and opportunity proposals, newest first")
    @GetMapping("/journeys/{id}/suggestions")
    List<Suggestion> journeySuggestions(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        journeys.get(caller.workspaceId(), id); // another workspace's journey is not found, like every sub-resource
        return suggestions.forTarget(caller.workspaceId(), "journey", id);
    }

    @Operation(summary = "The suggestions for a touchpoint: content variants and experiment plans, newest first")
    @GetMapping("/touchpoints/{id}/suggestions")
    List<Suggestion> touchpointSuggestions(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        touchpoints.get(caller.workspaceId(), id);
        return suggestions.forTarget(caller.workspaceId(), "touchpoint", id);
    }

    @Operation(summary = "The solution proposals for an opportunity, newest first")
    @GetMapping("/opportunities/{id}/suggestions")
    List<Suggestion> opportunitySuggestions(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        opportunities.get(caller.workspaceId(), id);
        return suggestions.forTarget(caller.workspaceId(), "opportunity", id);
    }

    @Operation(summary = "One suggestion with its citations, model, prompt version and review history")
    @GetMapping("/suggestions/{id}")
    Suggestion suggestion(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return suggestions.get(caller.workspaceId(), id);
    }

    @Operation(operationId = "reviewSuggestion", summary = "Accept, reject or edit a suggestion; its history is appended, never rewritten",
            description = "Body: status (ACCEPTED, REJECTED or EDITED), content (the edited content, for EDITED), note,"
                    + " version (optional, for optimistic locking). Accepting adds what it proposes to the map.")
    @PatchMapping("/suggestions/{id}")
    Suggestion review(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                      @RequestBody Suggestions.Review review) {
        return suggestions.review(caller.workspaceId(), id, review, caller.apiKeyName());
    }
}
