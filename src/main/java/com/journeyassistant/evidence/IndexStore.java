package com.journeyassistant.evidence;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The search index; one implementation per storage back end. */
interface IndexStore {

    enum ItemType { FEEDBACK, KPI }

    record Entry(UUID itemId, UUID workspaceId, ItemType type, UUID journeyId, UUID stageId, UUID touchpointId,
                 String segment, LocalDate date, String language, String text, float[] vector) {
    }

    /** Writes the entries, replacing those of the same items. */
    void upsert(List<Entry> entries, String modelId, int dimension);
}
