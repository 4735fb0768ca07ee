package com.journeyassistant.generation;

import com.journeyassistant.journey.Channel;
import com.journeyassistant.platform.CurrentWorkspace;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generation jobs and the suggestion review for other modules (the chat), each run as the
 * caller exactly as its endpoint would run it. Answers are the endpoint's JSON; model failures
 * become the same problems (502, 503, 504).
 */
@Service
public class GenerationJobs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    public JsonNode contentVariants(CurrentWorkspace caller, UUID touchpointId, UUID personaId, Channel channel,
                                    String language, Integer count, String brief) {
        return JSON.valueToTree(GenerationController.withModel(() -> contentVariants.generate(caller, touchpointId,
                new ContentVariants.Request(personaId, channel, language, count, brief))));
    }

    public JsonNode experimentSuggestions(CurrentWorkspace caller, UUID touchpointId, Integer count, String language) {
        return JSON.valueToTree(GenerationController.withModel(() -> experiments.generate(caller, touchpointId,
                new ExperimentSuggestions.Request(count, language))));
    }

    public JsonNode solutionProposals(CurrentWorkspace caller, UUID opportunityId, Integer count, String language) {
        return JSON.valueToTree(GenerationController.withModel(() -> solutions.generate(caller, opportunityId,
                new SolutionProposals.Request(count, language))));
    }

    public JsonNode opportunityProposals(CurrentWorkspace caller, UUID journeyId, Integer count, String language) {
        return JSON.valueToTree(GenerationController.withModel(() -> opportunities.generate(caller, journeyId,
                new OpportunityProposals.Request(count, language))));
    }

    public JsonNode personaDrafts(CurrentWorkspace caller, UUID journeyId, Integer count, String language) {
        return JSON.valueToTree(GenerationController.withModel(() -> personas.generate(caller, journeyId,
                new PersonaDrafts.Request(count, language))));
    }

    /** Accepts or rejects a suggestion, as PATCH /suggestions/{id} does. */
    public JsonNode review(CurrentWorkspace caller, UUID suggestionId, boolean accept, String note) {
        return JSON.valueToTree(suggestions.review(caller.workspaceId(), suggestionId,
                new Suggestions.Review(accept ? "ACCEPTED" : "REJECTED", null, note, null), caller.apiKeyName()));
    }

    /** A suggestion of the caller's workspace, as GET /suggestions/{id} shows it (404 when it is not there). */
    public JsonNode suggestion(CurrentWorkspace caller, UUID suggestionId) {
        return JSON.valueToTree(suggestions.get(caller.workspaceId(), suggestionId));
    }
}
