package com.journeyassistant.suggestions;

import com.journeyassistant.experiments.ExperimentPlans;
import com.journeyassistant.journey.MapAdditions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What accepting a suggestion does to the map: a solution suggestion becomes a Solution of
 * its opportunity, an experiment suggestion an ExperimentPlan of its touchpoint, an
 * opportunity proposal an Opportunity and a persona draft a Persona. Content variants are
 * copy to use elsewhere and change nothing. Runs inside the review's transaction.
 */
@Component
class SuggestionEffects {

    /** The map item an acceptance created, recorded in the suggestion's history. */
    record Created(String type, UUID id) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MapAdditions map;
    private final ExperimentPlans experiments;

    SuggestionEffects(MapAdditions map, ExperimentPlans experiments) {
        this.map = map;
        this.experiments = experiments;
    }

    Created accept(UUID workspaceId, Suggestions.Suggestion suggestion) {
        JsonNode content = JSON.valueToTree(suggestion.currentContent());
        return switch (suggestion.kind()) {
            case SOLUTION -> new Created("solution", map.addSolution(workspaceId, suggestion.targetId(),
                    text(content, "title"), text(content, "description")).id());
            case EXPERIMENT -> new Created("experimentPlan", experiments.add(workspaceId, suggestion.targetId(),
                    new ExperimentPlans.PlannedExperiment(text(content, "hypothesis"), text(content, "control"),
                            strings(content.path("variants")), content.path("primaryMetric").path("metric").asString(),
                            decimal(content, "baselineRate"), decimal(content, "minimumDetectableEffect"),
                            decimal(content, "alpha"), decimal(content, "power"),
                            content.path("sampleSizePerArm").asLong(),
                            content.has("durationDays") ? content.path("durationDays").asInt() : null),
                    suggestion.id()).id());
            case OPPORTUNITY -> new Created("opportunity", map.addOpportunity(workspaceId, suggestion.journeyId(),
                    text(content, "title"), text(content, "statement"), content.path("priority").asString("MEDIUM"),
                    strings(content.path("touchpointIds")).stream().map(UUID::fromString).toList()).id());
            case PERSONA -> new Created("persona", map.addPersona(workspaceId, suggestion.journeyId(),
                    text(content, "name"), text(content, "description"), attributes(content, "goal"),
                    attributes(content, "pain"), attributes(content, "behaviour"), attributes(content, "channel")).id());
            case CONTENT_VARIANT -> null;
        };
    }

    static Map<String, Object> asContent(Created created) {
        return created == null ? null : Map.of("created", Map.of("type", created.type(), "id", created.id().toString()));
    }

    private static String text(JsonNode content, String field) {
        return content.path(field).isString() ? content.path(field).asString() : null;
    }

    private static BigDecimal decimal(JsonNode content, String field) {
        return content.path(field).decimalValue();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    /** Persona attributes are [{kind, text, …}]; the map keeps the texts per kind. */
    private static List<String> attributes(JsonNode content, String kind) {
        List<String> values = new ArrayList<>();
        content.path("attributes").forEach(a -> {
            if (kind.equals(a.path("kind").asString())) {
                values.add(a.path("text").asString());
            }
        });
        return values;
    }
}
