package com.journeyassistant.evidence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads many feedback items for benchmarks of other modules, already indexed: each is a demo
 * sentence (with a running number) carrying that sentence's real embedding, so embedding
 * tens of thousands of texts is not what a benchmark waits for.
 */
public final class BenchmarkEvidence {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchmarkEvidence() {
    }

    /** {@code count} feedback items spread round-robin over the touchpoints (touchpoint id → its stage id). */
    public static void feedback(ApplicationContext context, UUID workspace, UUID journeyId,
                                Map<UUID, UUID> stageOfTouchpoint, int count) throws Exception {
        EvidenceEmbeddings.Embedder embedder = context.getBean(EvidenceEmbeddings.Embedder.class);
        IndexStore index = context.getBean(IndexStore.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/demo/feedback.jsonl"))) {
            if (!line.isBlank()) {
                texts.add(JSON.readTree(line).path("text").asString());
            }
        }
        List<float[]> vectors = embedder.embedPassages(texts);
        List<UUID> touchpoints = List.copyOf(stageOfTouchpoint.keySet());
        Random random = new Random(7);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        List<IndexStore.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID touchpoint = touchpoints.get(i % touchpoints.size());
            int t = random.nextInt(texts.size());
            String text = texts.get(t) + " (klant " + i + ")";
            UUID id = UUID.randomUUID();
            String segment = "seg-" + (i % 4);
            // a year of feedback, so that trends have months to compare
            LocalDate date = LocalDate.of(2025, 11, 1).plusDays(i % 365);
            rows.add(new Object[] {id, workspace, journeyId, stageOfTouchpoint.get(touchpoint), touchpoint, "bench:" + i,
                    text, "nl", false, 0, "SURVEY", 1 + random.nextInt(5), segment, date, embedder.modelId(), now});
            entries.add(new IndexStore.Entry(id, workspace, IndexStore.ItemType.FEEDBACK, journeyId,
                    stageOfTouchpoint.get(touchpoint), touchpoint, segment, date, "nl", text, null,
                    false, vectors.get(t)));
            if (rows.size() == 1000 || i == count - 1) {
                jdbc.batchUpdate("""
                        insert into feedback (id, workspace_id, journey_id, stage_id, touchpoint_id, dedupe_key, text,
                            language, hidden_text, pii_redacted, source_channel, csat, segment, feedback_date,
                            indexed_model, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
                index.upsert(entries, embedder.modelId(), embedder.dimension());
                rows.clear();
                entries.clear();
            }
        }
        EvidenceStore.recordChange(jdbc, workspace, List.of(journeyId));
    }
}
