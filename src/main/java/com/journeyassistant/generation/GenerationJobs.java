package com.journeyassistant.generation;

import com.journeyassistant.model.ModelUnavailableException;
import com.journeyassistant.model.MalformedAnswerException;
import com.journeyassistant.journey.Channel;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The generation jobs and the suggestion review for other modules (the chat), each run as the
 * caller, with typed results. Model failures become problems that say what happened (502, 503, 504).
 */
@Service
public class GenerationJobs {

    private final ContentVariants contentVariants;
    private final ExperimentSuggestions experiments;
    private final SolutionProposals solutions;
    private final OpportunityProposals opportunities;
    private final PersonaDrafts personas;
    private final Suggestions suggestions;

    GenerationJobs(ContentVariants contentVariants, ExperimentSuggestions experiments, SolutionProposals solutions,
                   OpportunityProposals opportunities, PersonaDrafts personas, Suggestions suggestions) {
        this.contentVariants = contentVariants;
        this.experiments = experiments;
        this.solutions = solutions;
        this.opportunities = opportunities;
        this.personas = personas;
        this.suggestions = suggestions;
    }

    /** A stored suggestion as other modules see it: what it is, where its review stands, and its headline. */
    public record SuggestionSummary(UUID id, String kind, String status, long version, String headline) {

        static SuggestionSummary of(Suggestions.Suggestion suggestion) {
            return new SuggestionSummary(suggestion.id(), suggestion.kind().name(), suggestion.status().name(),
                    suggestion.version(), Suggestions.headline(suggestion.currentContent()));
        }
    }

    /** What one run of a job stored; the suggestions' full content is at GET /suggestions/{id}. */
    public record Generated(UUID generationId, String model, String promptVersion, List<SuggestionSummary> suggestions) {

        static Generated of(GenerationResult result) {
            return new Generated(result.generationId(), result.model(), result.promptVersion(),
                    result.suggestions().stream().map(SuggestionSummary::of).toList());
        }
    }

    public Generated contentVariants(CurrentWorkspace caller, UUID touchpointId, UUID personaId, Channel channel,
                                     String language, Integer count, String brief) {
        return Generated.of(contentVariants(caller, touchpointId,
                new ContentVariants.Request(personaId, channel, language, count, brief)));
    }

    public Generated experimentSuggestions(CurrentWorkspace caller, UUID touchpointId, Integer count, String language) {
        return Generated.of(experimentSuggestions(caller, touchpointId, new JobRequest(count, language)));
    }

    public Generated solutionProposals(CurrentWorkspace caller, UUID opportunityId, Integer count, String language) {
        return Generated.of(solutionProposals(caller, opportunityId, new JobRequest(count, language)));
    }

    public Generated opportunityProposals(CurrentWorkspace caller, UUID journeyId, Integer count, String language) {
        return Generated.of(opportunityProposals(caller, journeyId, new JobRequest(count, language)));
    }

    public Generated personaDrafts(CurrentWorkspace caller, UUID journeyId, Integer count, String language) {
        return Generated.of(personaDrafts(caller, journeyId, new JobRequest(count, language)));
    }

    GenerationResult contentVariants(CurrentWorkspace caller, UUID touchpointId, ContentVariants.Request request) {
        return withModel(() -> contentVariants.generate(caller, touchpointId, request));
    }

    GenerationResult experimentSuggestions(CurrentWorkspace caller, UUID touchpointId,
                                           JobRequest request) {
        return withModel(() -> experiments.generate(caller, touchpointId, request));
    }

    GenerationResult solutionProposals(CurrentWorkspace caller, UUID opportunityId, JobRequest request) {
        return withModel(() -> solutions.generate(caller, opportunityId, request));
    }

    GenerationResult opportunityProposals(CurrentWorkspace caller, UUID journeyId, JobRequest request) {
        return withModel(() -> opportunities.generate(caller, journeyId, request));
    }

    GenerationResult personaDrafts(CurrentWorkspace caller, UUID journeyId, JobRequest request) {
        return withModel(() -> personas.generate(caller, journeyId, request));
    }

    /** Accepts or rejects a suggestion, as PATCH /suggestions/{id} does. */
    public SuggestionSummary review(CurrentWorkspace caller, UUID suggestionId, boolean accept, String note) {
        return SuggestionSummary.of(suggestions.review(caller.workspaceId(), suggestionId,
                new Suggestions.Review(accept ? "ACCEPTED" : "REJECTED", null, note, null), caller.apiKeyName()));
    }

    /** A suggestion of the caller's workspace, as GET /suggestions/{id} shows it (404 when it is not there). */
    public SuggestionSummary suggestion(CurrentWorkspace caller, UUID suggestionId) {
        return SuggestionSummary.of(suggestions.get(caller.workspaceId(), suggestionId));
    }

    /** Failures of the model service become problems that say what happened, never what was sent. */
    private static <T> T withModel(Supplier<T> call) {
        try {
            return call.get();
        } catch (ModelUnavailableException e) {
            throw e.problem();
        } catch (MalformedAnswerException e) {
            throw new ApiProblemException(HttpStatus.BAD_GATEWAY, "Unusable model answer", e.getMessage(), List.of());
        }
    }
}
