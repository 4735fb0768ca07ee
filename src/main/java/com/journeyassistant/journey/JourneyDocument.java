package com.journeyassistant.journey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A whole journey map as one JSON document. Items point at each other with document-local
 * {@code ref}s (e.g. a touchpoint's {@code stage: "stage-2"}), so a document can be imported
 * into any workspace; {@code id}s are informative only and ignored on import.
 */
public record JourneyDocument(
        @NotBlank String format,
        @NotNull Integer formatVersion,
        Instant exportedAt,
        @NotNull @Valid Head journey,
        @Size(max = 50) List<@NotNull Stage> stages,
        @Size(max = 100) List<@NotNull Persona> personas,
        @Size(max = 1000) List<@NotNull Touchpoint> touchpoints,
        @Size(max = 2000) List<@NotNull Insight> insights,
        @Size(max = 1000) List<@NotNull Opportunity> opportunities) {

    public static final String FORMAT = "journey-assistant/journey-map";
    public static final int FORMAT_VERSION = 1;

    public record Head(UUID id, String name, String description, @NotNull Language language,
                       @NotNull StageModel stageModel) {
    }

    public record Stage(String ref, UUID id, String key, String name, String description,
                        List<String> customerNeeds, List<String> actions, List<String> motivations,
                        List<String> questions, List<String> pains, List<String> gains) {
    }

    public record Persona(String ref, UUID id, String name, String description, List<String> goals,
                          List<String> pains, List<String> behaviours, List<String> channels) {
    }

    public record Touchpoint(String ref, UUID id, String stage, String name, Channel channel, Boolean direct,
                             String owner, String idealMessage, List<String> assetLinks) {
    }

    public record Insight(String ref, UUID id, String title, String text, String source, List<String> touchpoints) {
    }

    public record Opportunity(String ref, UUID id, String title, String description, Priority priority,
                              List<String> touchpoints, List<String> insights, List<@NotNull Solution> solutions) {
    }

    public record Solution(UUID id, String title, String description, SolutionStatus status) {
    }
}
