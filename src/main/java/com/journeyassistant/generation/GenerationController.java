package com.journeyassistant.generation;

import com.journeyassistant.platform.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
    private final ThemeNames themeNames;

    GenerationController(GenerationJobs jobs, ThemeNames themeNames) {
        this.jobs = jobs;
        this.themeNames = themeNames;
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

    @Operation(summary = "Name the journey's feedback themes, pains and gains in a few words, each name cited to its quotes",
            description = "Body: language (nl|en; default: the brand profile's). The configured model names the journey's"
                    + " largest themes, strongest pains and gains; a name must cite quotes of the group it names, pass the"
                    + " output policy and be in the language, with one repair round. Kept names appear as 'name' in the"
                    + " journey's analytics. 503 without a configured model; 422 when there are no themes or the names"
                    + " break the rules after the repair round; 502/504 when the model fails.")
    @PostMapping("/journeys/{id}/theme-names")
    ThemeNames.Result themeNames(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                 @RequestBody(required = false) ThemeNames.Request request) {
        return themeNames.name(caller, id, request);
    }

}
