package com.journeyassistant.journey;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies for creating and updating map items. Unknown fields are rejected (a typo
 * must not be dropped silently), except the read-only fields a GET returns, so that a client
 * can send back what it read. {@code version} is the optimistic-locking version for updates.
 */
final class MapInputs {

    /** What an edit of a map item carries besides its fields: the version it was made against, if given. */
    interface Edit {
        Long version();
    }

    private MapInputs() {
    }

    static final int MAX_LIST = 50;
    static final int MAX_ITEM = 500;

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @JacksonAnnotationsInside
    @JsonIgnoreProperties({"id", "journeyId", "opportunityId", "createdAt", "updatedAt"})
    @interface ReadOnlyFieldsIgnored {
    }

    @ReadOnlyFieldsIgnored
    record NewJourney(@NotBlank @Size(max = 200) String name,
                      @Size(max = 4000) String description,
                      Language language,
                      StageModel stageModel,
                      @Size(max = 20) List<@NotBlank @Size(max = 200) String> customStages) {
    }

    /** The stage model is fixed at creation; a GET result sent back may still carry it. */
    @JsonIgnoreProperties({"id", "createdAt", "updatedAt", "stageModel"})
    record JourneyUpdate(@NotBlank @Size(max = 200) String name,
                         @Size(max = 4000) String description,
                         @NotNull Language language,
                         Long version) {
    }

    @ReadOnlyFieldsIgnored
    record StageInput(@NotBlank @Size(max = 200) String name,
                      @Size(max = 4000) String description,
                      @Size(max = 64) @Pattern(regexp = "[a-z0-9_-]+", message = "use lower-case letters, digits, _ and -") String key,
                      @PositiveOrZero Integer position,
                      @Size(max = MAX_LIST) List<@NotBlank @Size(max = MAX_ITEM) String> customerNeeds,
                      @Size(max = MAX_LIST) List<@NotBlank @Size(max = MAX_ITEM) String> actions,
                      @Size(max = MAX_LIST) List<@NotBlank @Size(max = MAX_ITEM) String> motivations,
                      @Size(max = MAX_LIST) List<@NotBlank @Size(max = MAX_ITEM) String> questions,
                      @Size(max = MAX_LIST) List<@NotBlank @Size(max = MAX_ITEM) String> pains,
                      @Size(max = MAX_LIST) List<@NotBlank @Size(max = MAX_ITEM) String> gains,
                      Long version) implements Edit {
    }

    @ReadOnlyFieldsIgnored
    record PersonaInput(@NotBlank @Size(max = 200) String name,
                        @Size(max = 4000) String description,
                        @PositiveOrZero Integer position,
                        @Size(max = MAX_LIST) List<@NotBlank @Size(max = MAX_ITEM) String> goals,
                        @Size(max = MAX_LIST) List<@NotBlank @Size(max = MAX_ITEM) String> pains,
                        @Size(max = MAX_LIST) List<@NotBlank @Size(max = MAX_ITEM) String> behaviours,
                        @Size(max = MAX_LIST) List<@NotBlank @Size(max = MAX_ITEM) String> channels,
                        Long version) implements Edit {
    }

    @ReadOnlyFieldsIgnored
    record TouchpointInput(@NotNull UUID stageId,
                           @NotBlank @Size(max = 200) String name,
                           @NotNull Channel channel,
                           Boolean direct,
                           @Size(max = 200) String owner,
                           @Size(max = 4000) String idealMessage,
                           @PositiveOrZero Integer position,
                           @Size(max = 20) List<@NotBlank @Size(max = 2000)
                           @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String> assetLinks,
                           Long version) implements Edit {
    }

    @ReadOnlyFieldsIgnored
    record InsightInput(@NotBlank @Size(max = 200) String title,
                        @NotBlank @Size(max = 4000) String text,
                        @Size(max = 200) String source,
                        @PositiveOrZero Integer position,
                        @Size(max = 100) List<@NotNull UUID> touchpointIds,
                        Long version) implements Edit {
    }

    @ReadOnlyFieldsIgnored
    record OpportunityInput(@NotBlank @Size(max = 200) String title,
                            @Size(max = 4000) String description,
                            Priority priority,
                            @PositiveOrZero Integer position,
                            @Size(max = 100) List<@NotNull UUID> touchpointIds,
                            @Size(max = 100) List<@NotNull UUID> insightIds,
                            Long version) implements Edit {
    }

    @ReadOnlyFieldsIgnored
    record SolutionInput(@NotBlank @Size(max = 200) String title,
                         @Size(max = 4000) String description,
                         SolutionStatus status,
                         @PositiveOrZero Integer position,
                         Long version) implements Edit {
    }

    @ReadOnlyFieldsIgnored
    record BrandProfileInput(@NotNull @Size(max = 2000) String tone,
                             @Size(max = 200) List<@NotBlank @Size(max = 200) String> wordsToUse,
                             @Size(max = 200) List<@NotBlank @Size(max = 200) String> wordsToAvoid,
                             @Size(max = 20) List<@NotBlank @Size(max = 500) String> mandatoryPhrases,
                             @NotNull Language defaultLanguage,
                             Long version) {
    }

    static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).toList();
    }

    static <T> List<T> distinctOrEmpty(List<T> values) {
        return values == null ? List.of() : values.stream().distinct().toList();
    }
}
