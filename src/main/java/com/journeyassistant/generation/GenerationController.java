package com.journeyassistant.generation;

import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
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

    private final ContentVariants contentVariants;
    private final ExperimentSuggestions experiments;
    private final Suggestions suggestions;

    GenerationController(ContentVariants contentVariants, ExperimentSuggestions experiments, Suggestions suggestions) {
        this.contentVariants = contentVariants;
        this.experiments = experiments;
        this.suggestions = suggestions;
    }

    @Operation(summary = "Suggest A/B tests for a touchpoint; sample size and duration computed from its KPIs",
            description = "Body: count (1-3, default 1), language. The primary metric must be one of the touchpoint's"
                    + " rate KPIs (unit %); its daily traffic gives the duration; over eight weeks is flagged as not"
                    + " testable yet. Accepting one adds an experiment plan to the touchpoint.")
    @PostMapping("/touchpoints/{id}/experiment-suggestions")
    @ResponseStatus(HttpStatus.CREATED)
    ExperimentSuggestions.Result experimentSuggestions(@AuthenticationPrincipal CurrentWorkspace caller,
            @PathVariable UUID id, @RequestBody(required = false) ExperimentSuggestions.Request request) {
        ExperimentSuggestions.Request body = request == null ? new ExperimentSuggestions.Request(null, null) : request;
        return withModel(() -> experiments.generate(caller, id, body));
    }

    @Operation(summary = "Write content variants for a touchpoint, grounded in its evidence; stored as suggestions",
            description = "Body: personaId, channel (default: the touchpoint's), language (nl|en; default: the brand"
                    + " profile's), count (1-5, default 3), brief. 503 without a configured model; 422 when the copy"
                    + " breaks the rules even after one repair round; 502/504 when the model fails.")
    @PostMapping("/touchpoints/{id}/content-variants")
    @ResponseStatus(HttpStatus.CREATED)
    ContentVariants.Result contentVariants(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                           @RequestBody(required = false) ContentVariants.Request request) {
        ContentVariants.Request body = request == null ? new ContentVariants.Request(null, null, null, null, null) : request;
        return withModel(() -> contentVariants.generate(caller, id, body));
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
        return suggestions.forTarget(caller.workspaceId(), "touchpoint", id);
    }

    @GetMapping("/opportunities/{id}/suggestions")
    List<Suggestions.Suggestion> opportunitySuggestions(@AuthenticationPrincipal CurrentWorkspace caller,
                                                        @PathVariable UUID id) {
        return suggestions.forTarget(caller.workspaceId(), "opportunity", id);
    }

    /** Failures of the model service become problems that say what happened, never what was sent. */
    private static <T> T withModel(Supplier<T> call) {
        try {
            return call.get();
        } catch (ModelUnavailableException e) {
            String title = switch (e.reason()) {
                case CIRCUIT_OPEN -> "Language model temporarily unavailable";
                case TIMEOUT -> "Language model timed out";
                default -> "Language model failed";
            };
            throw new ApiProblemException(HttpStatus.valueOf(e.status()), title, e.getMessage(), List.of());
        } catch (MalformedAnswerException e) {
            throw new ApiProblemException(HttpStatus.BAD_GATEWAY, "Unusable model answer", e.getMessage(), List.of());
        }
    }
}
