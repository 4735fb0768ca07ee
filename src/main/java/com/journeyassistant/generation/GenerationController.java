package com.journeyassistant.generation;

import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.Opportunities;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Generation", description = "Grounded suggestions from the configured language model, reviewed by marketers")
@RestController
@RequestMapping("/api/workspaces/{ws}")
class GenerationController {

    private final GenerationJobs jobs;
    private final Suggestions suggestions;
    private final Journeys journeys;
    private final Touchpoints touchpoints;
    private final Opportunities opportunities;

    GenerationController(GenerationJobs jobs, Suggestions suggestions, Journeys journeys, Touchpoints touchpoints,
                         Opportunities opportunities) {
        this.jobs = jobs;
        this.suggestions = suggestions;
        this.journeys = journeys;
        this.touchpoints = touchpoints;
        this.opportunities = opportunities;
    }

    @Operation(summary = "Draft personas from the journey's feedback segments, every attribute with its receipts",
            description = "Body: count (1-3, default 2), language. Attributes backed by fewer than two items are"
                    + " flagged thinBacking. Accepting one adds a Persona to the journey.")
    @PostMapping("/journeys/{id}/persona-drafts")
    @ResponseStatus(HttpStatus.CREATED)
    GenerationResult personaDrafts(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                   @RequestBody(required = false) JobRequest request) {
        return jobs.personaDrafts(caller, id, JobRequest.orDefaults(request));
    }

    @Operation(summary = "Propose opportunities from KPI gaps, unhappy touchpoints and negative feedback themes",
            description = "Body: count (1-5, default 3), language. Priority is computed by code from reach, severity"
                    + " and confidence. Accepting one adds an Opportunity to the journey.")
    @PostMapping("/journeys/{id}/opportunity-proposals")
    @ResponseStatus(HttpStatus.CREATED)
    GenerationResult opportunityProposals(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                          @RequestBody(required = false) JobRequest request) {
        return jobs.opportunityProposals(caller, id, JobRequest.orDefaults(request));
    }

    @GetMapping("/journeys/{id}/suggestions")
    List<Suggestions.Suggestion> journeySuggestions(@AuthenticationPrincipal CurrentWorkspace caller,
                                                    @PathVariable UUID id) {
        journeys.get(caller.workspaceId(), id); // another workspace's journey is not found, like every sub-resource
        return suggestions.forTarget(caller.workspaceId(), "journey", id);
    }

    @Operation(summary = "Propose solutions for an opportunity, grounded in its touchpoints' evidence",
            description = "Body: count (1-5, default 3), language. Accepting one adds a Solution to the opportunity.")
    @PostMapping("/opportunities/{id}/solution-proposals")
    @ResponseStatus(HttpStatus.CREATED)
    GenerationResult solutionProposals(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                       @RequestBody(required = false) JobRequest request) {
        return jobs.solutionProposals(caller, id, JobRequest.orDefaults(request));
    }

    @Operation(summary = "Suggest A/B tests for a touchpoint; sample size and duration computed from its KPIs",
            description = "Body: count (1-3, default 1), language. The primary metric must be one of the touchpoint's"
                    + " rate KPIs (unit %); its daily traffic gives the duration; over eight weeks is flagged as not"
                    + " testable yet. Accepting one adds an experiment plan to the touchpoint.")
    @PostMapping("/touchpoints/{id}/experiment-suggestions")
    @ResponseStatus(HttpStatus.CREATED)
    GenerationResult experimentSuggestions(@AuthenticationPrincipal CurrentWorkspace caller,
            @PathVariable UUID id, @RequestBody(required = false) JobRequest request) {
        return jobs.experimentSuggestions(caller, id, JobRequest.orDefaults(request));
    }

    @Operation(summary = "Write content variants for a touchpoint, grounded in its evidence; stored as suggestions",
            description = "Body: personaId, channel (default: the touchpoint's), language (nl|en; default: the brand"
                    + " profile's), count (1-5, default 3), brief. 503 without a configured model; 422 when the copy"
                    + " breaks the rules even after one repair round; 502/504 when the model fails.")
    @PostMapping("/touchpoints/{id}/content-variants")
    @ResponseStatus(HttpStatus.CREATED)
    GenerationResult contentVariants(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                           @RequestBody(required = false) ContentVariants.Request request) {
        ContentVariants.Request body = request == null ? new ContentVariants.Request(null, null, null, null, null) : request;
        return jobs.contentVariants(caller, id, body);
    }

    @GetMapping("/suggestions/{id}")
    Suggestions.Suggestion suggestion(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return suggestions.get(caller.workspaceId(), id);
    }

    @Operation(summary = "Accept, reject or edit a suggestion; its history is appended, never rewritten",
            description = "Body: status (ACCEPTED, REJECTED or EDITED), content (the edited content, for EDITED), note,"
                    + " version (optional, for optimistic locking).")
    @PatchMapping("/suggestions/{id}")
    Suggestions.Suggestion review(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                  @RequestBody Suggestions.Review review) {
        return suggestions.review(caller.workspaceId(), id, review, caller.apiKeyName());
    }

    @GetMapping("/touchpoints/{id}/suggestions")
    List<Suggestions.Suggestion> touchpointSuggestions(@AuthenticationPrincipal CurrentWorkspace caller,
                                                       @PathVariable UUID id) {
        touchpoints.get(caller.workspaceId(), id);
        return suggestions.forTarget(caller.workspaceId(), "touchpoint", id);
    }

    @GetMapping("/opportunities/{id}/suggestions")
    List<Suggestions.Suggestion> opportunitySuggestions(@AuthenticationPrincipal CurrentWorkspace caller,
                                                        @PathVariable UUID id) {
        opportunities.get(caller.workspaceId(), id);
        return suggestions.forTarget(caller.workspaceId(), "opportunity", id);
    }
}
