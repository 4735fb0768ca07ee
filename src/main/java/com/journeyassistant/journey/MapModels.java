package com.journeyassistant.journey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Read models of the journey map, as the API returns them and other modules see them. */
public final class MapModels {

    private MapModels() {
    }

    /** A map item as its endpoints answer it: found by id, changed only at its current version. */
    public interface Versioned {
        UUID id();

        long version();
    }

    public record Journey(UUID id, String name, String description, Language language, StageModel stageModel,
                          long version, Instant createdAt, Instant updatedAt) {
    }

    public record Stage(UUID id, UUID journeyId, int position, String key, String name, String description,
                        List<String> customerNeeds, List<String> actions, List<String> motivations,
                        List<String> questions, List<String> pains, List<String> gains,
                        long version, Instant createdAt, Instant updatedAt) implements Versioned {
    }

    public record Persona(UUID id, UUID journeyId, int position, String name, String description,
                          List<String> goals, List<String> pains, List<String> behaviours, List<String> channels,
                          long version, Instant createdAt, Instant updatedAt) implements Versioned {
    }

    public record Touchpoint(UUID id, UUID journeyId, UUID stageId, int position, String name, Channel channel,
                             boolean direct, String owner, String idealMessage, List<String> assetLinks,
                             long version, Instant createdAt, Instant updatedAt) implements Versioned {
    }

    /** {@code suspectedInjection}: why the insight is held back from the assistant's prompts (null: it is not). */
    public record Insight(UUID id, UUID journeyId, int position, String title, String text, String source,
                          List<UUID> touchpointIds, String suspectedInjection, long version, Instant createdAt,
                          Instant updatedAt) implements Versioned {
    }

    public record Opportunity(UUID id, UUID journeyId, int position, String title, String description,
                              Priority priority, List<UUID> touchpointIds, List<UUID> insightIds,
                              long version, Instant createdAt, Instant updatedAt) implements Versioned {
    }

    public record Solution(UUID id, UUID opportunityId, int position, String title, String description,
                           SolutionStatus status, long version, Instant createdAt, Instant updatedAt) implements Versioned {
    }

    public record BrandProfile(String tone, List<String> wordsToUse, List<String> wordsToAvoid,
                               List<String> mandatoryPhrases, Language defaultLanguage, long version, Instant updatedAt) {
        /** The brand's own words: its tone, the words it uses and its mandatory phrases, one part a line. */
        public String ownWords() {
            return String.join("\n", tone == null ? "" : tone, String.join(" ", wordsToUse),
                    String.join(" ", mandatoryPhrases));
        }
    }
}
