package com.journeyassistant.journey;

import java.util.List;

/**
 * The stage model a journey starts from. Presets create their stages (names in the journey's
 * language); CUSTOM takes the stage names from the request. Stages stay editable afterwards.
 */
public enum StageModel {
    FIVE_STAGE(List.of(
            new PresetStage("awareness", "Awareness", "Bewustwording"),
            new PresetStage("consideration", "Consideration", "Overweging"),
            new PresetStage("purchase", "Purchase", "Aankoop"),
            new PresetStage("service", "Service & retention", "Service & behoud"),
            new PresetStage("loyalty", "Loyalty & advocacy", "Loyaliteit & ambassadeurschap"))),
    STDC(List.of(
            new PresetStage("see", "See", "See"),
            new PresetStage("think", "Think", "Think"),
            new PresetStage("do", "Do", "Do"),
            new PresetStage("care", "Care", "Care"))),
    AAARRR(List.of(
            new PresetStage("awareness", "Awareness", "Awareness"),
            new PresetStage("acquisition", "Acquisition", "Acquisition"),
            new PresetStage("activation", "Activation", "Activation"),
            new PresetStage("retention", "Retention", "Retention"),
            new PresetStage("revenue", "Revenue", "Revenue"),
            new PresetStage("referral", "Referral", "Referral"))),
    CUSTOM(List.of());

    record PresetStage(String key, String english, String dutch) {
        String name(Language language) {
            return language == Language.NL ? dutch : english;
        }
    }

    private final List<PresetStage> stages;

    StageModel(List<PresetStage> stages) {
        this.stages = stages;
    }

    List<PresetStage> presetStages() {
        return stages;
    }
}
