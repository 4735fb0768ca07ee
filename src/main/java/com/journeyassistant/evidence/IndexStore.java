package com.journeyassistant.evidence;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The search index; one implementation per storage back end. */
interface IndexStore {

    enum ItemType { FEEDBACK, KPI, INSIGHT }

    /**
     * {@code version} is the item's version for items that can change (insights), else null.
     * {@code quarantined}: the item looks like an instruction to the assistant and is not released.
     */
    record Entry(UUID itemId, UUID workspaceId, ItemType type, UUID journeyId, UUID stageId, UUID touchpointId,
                 String segment, LocalDate date, String language, String text, Long version, boolean quarantined,
                 float[] vector) {
        Entry withVector(float[] embedding) {
            return new Entry(itemId, workspaceId, type, journeyId, stageId, touchpointId, segment, date, language, text,
                    version, quarantined, embedding);
        }
    }

    /** Writes the entries, replacing those of the same items. */
    void upsert(List<Entry> entries, String modelId, int dimension);

    /** The stored vectors of these items (at most a few hundred ids) in the workspace. */
    java.util.Map<UUID, float[]> vectors(UUID workspaceId, List<UUID> itemIds);

    /** Removes the entries of items that no longer exist. */
    void remove(UUID workspaceId, List<UUID> itemIds);

    /** Lets a released item be found by the assistant's searches again. */
    void release(UUID workspaceId, UUID itemId);

    /**
     * What to search for, and in which part of the workspace's evidence (null filters match all).
     * Quarantined items are found only when {@code includeQuarantined}: by people, never for a prompt.
     */
    record Query(UUID workspaceId, String text, float[] vector, int k, UUID journeyId, UUID stageId, UUID touchpointId,
                 String segment, ItemType type, LocalDate from, LocalDate to, boolean includeQuarantined) {
    }

    /** One result with the score of each retriever (null when it did not find the item) and the fused score. */
    record Hit(UUID itemId, ItemType type, String text, UUID journeyId, UUID stageId, UUID touchpointId, String segment,
               LocalDate date, String language, Double vectorScore, Double textScore, double fusedScore,
               boolean quarantined) {
    }

    enum Mode { HYBRID, VECTOR, TEXT }

    List<Hit> search(Query query, Mode mode);

    /** Reciprocal rank fusion constant: ranks matter, raw scores of different retrievers never mix. */
    int RRF_K = 60;

    /**
     * How many candidates each retriever contributes before fusion. Short lists keep an item that
     * ranks low in both from outscoring one that a retriever ranks near the top.
     */
    static int candidates(int k) {
        return Math.max(20, k * 2);
    }
}
