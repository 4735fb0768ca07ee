package com.journeyassistant.evidence;

import com.journeyassistant.platform.TenantScope;
import com.journeyassistant.evidence.IndexStore.Entry;
import com.journeyassistant.evidence.IndexStore.ItemType;
import com.journeyassistant.journey.Insights;
import com.journeyassistant.journey.Insights.InsightVersion;
import com.journeyassistant.journey.InsightsChanged;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Embeds evidence in the background, in batches, so an upload returns as soon as its rows are
 * stored. Items wait with {@code indexed_model} null; after each import, on start-up and on a
 * timer the single worker drains them, which makes indexing resumable after a restart. When
 * the configured model differs from the one items were indexed with, they are indexed again.
 */
@Component
class EvidenceIndexer {

    /** Progress of one workspace's index; {@code lastError} says why indexing is stalled, if it is. */
    record Status(String model, int dimension, long items, long indexed, long pending, String lastError) {
    }

    private static final Logger log = LoggerFactory.getLogger(EvidenceIndexer.class);
    private static final int BATCH = 128;

    private final JdbcTemplate jdbc;
    private final EvidenceEmbeddings.Embedder embedder;
    private final IndexStore index;
    private final TransactionTemplate transactions;
    private final Insights insights;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "evidence-indexer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean insightsChanged = new AtomicBoolean();
    private volatile String lastError;

    EvidenceIndexer(JdbcTemplate jdbc, EvidenceEmbeddings.Embedder embedder, IndexStore index,
                    TransactionTemplate transactions, Insights insights) {
        this.jdbc = jdbc;
        this.insights = insights;
        this.embedder = embedder;
        this.index = index;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        TenantScope.acrossWorkspaces("evidence indexer", this::resetItemsOfOtherModels);
        insightsChanged.set(true);
        requestDrain();
    }

    /** Insights are edited on the map; their index follows once the change is committed. */
    @TransactionalEventListener(fallbackExecution = true)
    void onInsightsChanged(InsightsChanged event) {
        insightsChanged.set(true);
        requestDrain();
    }

    @Scheduled(fixedDelayString = "${journey.evidence.index-poll-interval:PT30S}",
            initialDelayString = "${journey.evidence.index-poll-interval:PT30S}")
    void poll() {
        requestDrain();
    }

    /** Asks the worker to index whatever is pending; at most one run waits behind the current one. */
    void requestDrain() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                TenantScope.acrossWorkspaces("evidence indexer", this::drain);
            });
        }
    }

    Status status(UUID workspaceId) {
        long[] feedback = counts("feedback", workspaceId);
        long[] kpis = counts("kpi", workspaceId);
        Map<UUID, Long> indexedInsights = indexedInsightVersions(workspaceId);
        List<InsightVersion> current = insights.versions(workspaceId);
        long[] insightCounts = {current.size(),
                current.stream().filter(v -> Long.valueOf(v.version()).equals(indexedInsights.get(v.id()))).count()};
        long items = feedback[0] + kpis[0] + insightCounts[0];
        long indexed = feedback[1] + kpis[1] + insightCounts[1];
        return new Status(embedder.modelId(), embedder.dimension(), items, indexed, items - indexed,
                items == indexed ? null : lastError);
    }

    /** Items embedded with another model are queued again, and their old vectors removed. */
    void resetItemsOfOtherModels() {
        String model = embedder.modelId();
        int reset = transactions.execute(status -> {
            int count = jdbc.update("update feedback set indexed_model = null where indexed_model <> ?", model)
                    + jdbc.update("update kpi set indexed_model = null where indexed_model <> ?", model);
            jdbc.update("delete from evidence_index where model_id <> ?", model);
            if (count > 0) {
                jdbc.update("insert into evidence_change (workspace_id, journey_id) values (null, null)");
            }
            return count;
        });
        if (reset > 0) {
            log.info("Embedding model is now {}: {} evidence items will be embedded again", model, reset);
        }
    }

    private void drain() {
        long started = System.nanoTime();
        int total = 0;
        // Insights change only through journey's events (and at start-up), so a timed drain does not
        // compare every insight's version with the index; a failed drain looks again next time.
        boolean insightsToCheck = insightsChanged.getAndSet(false);
        try {
            if (insightsToCheck) {
                removeDeletedInsights();
            }
            long waiting = waiting();
            if (waiting > 0) {
                log.info("Indexing evidence for search with {}: {} items wait (found by their words meanwhile)",
                        embedder.modelId(), waiting);
            }
            for (int done = indexBatch(insightsToCheck); done > 0; done = indexBatch(insightsToCheck)) {
                total += done;
            }
            lastError = null;
        } catch (EmbeddingUnavailableException e) {
            insightsChanged.compareAndSet(false, insightsToCheck);
            lastError = e.getMessage();
            log.warn("Evidence indexing stopped after {} items and will retry: {}", total, e.getMessage());
        } catch (RuntimeException e) {
            insightsChanged.compareAndSet(false, insightsToCheck);
            // Never log the items themselves, nor messages that may quote them: they are customer text.
            lastError = "indexing failed (" + e.getClass().getSimpleName() + ")";
            log.warn("Evidence indexing stopped after {} items and will retry: {}", total, e.getClass().getSimpleName());
        }
        if (total > 0) {
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Indexed {} evidence items in {} s ({} items/s) with {}", total, String.format("%.1f", seconds),
                    Math.round(total / Math.max(seconds, 0.001)), embedder.modelId());
        }
    }

    private int indexBatch(boolean withInsights) {
        List<Entry> batch = new ArrayList<>(pendingFeedback());
        if (batch.size() < BATCH) {
            batch.addAll(pendingKpis(BATCH - batch.size()));
        }
        if (withInsights && batch.size() < BATCH) {
            batch.addAll(pendingInsights(BATCH - batch.size()));
        }
        if (batch.isEmpty()) {
            return 0;
        }
        List<float[]> vectors = embedder.embedPassages(batch.stream().map(Entry::text).toList());
        List<Entry> embedded = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            embedded.add(batch.get(i).withVector(vectors.get(i)));
        }
        transactions.executeWithoutResult(status -> {
            index.upsert(embedded, embedder.modelId(), embedder.dimension());
            markIndexed(embedded, ItemType.FEEDBACK, "feedback");
            markIndexed(embedded, ItemType.KPI, "kpi");
            embedded.stream().filter(e -> e.type() != ItemType.INSIGHT && e.journeyId() != null)
                    .collect(java.util.stream.Collectors.groupingBy(Entry::workspaceId,
                            java.util.stream.Collectors.mapping(Entry::journeyId, java.util.stream.Collectors.toSet())))
                    .forEach((ws, journeys) -> EvidenceStore.recordChange(jdbc, ws, List.copyOf(journeys)));
        });
        return embedded.size();
    }

    private void markIndexed(List<Entry> entries, ItemType type, String table) {
        List<Object[]> ids = entries.stream().filter(e -> e.type() == type)
                .map(e -> new Object[] {embedder.modelId(), e.itemId()}).toList();
        if (!ids.isEmpty()) {
            jdbc.batchUpdate("update " + table + " set indexed_model = ? where id = ?", ids);
        }
    }

    private List<Entry> pendingFeedback() {
        return jdbc.query("""
                select id, workspace_id, journey_id, stage_id, touchpoint_id, segment, feedback_date, language, text,
                       case when suspected_injection is not null and released_at is null then true else false end
                           as quarantined
                from feedback where indexed_model is null order by seq limit ?""",
                (rs, n) -> entry(rs, ItemType.FEEDBACK, rs.getObject("feedback_date", LocalDate.class),
                        rs.getString("language"), rs.getString("text"), rs.getString("segment"),
                        rs.getBoolean("quarantined")), BATCH);
    }

    /**
     * Insights not indexed at their current version, as the journey module places them. They are
     * written on the map rather than imported, so their text is normalised and redacted here,
     * before it is embedded anywhere.
     */
    private List<Entry> pendingInsights(int limit) {
        Map<UUID, Long> indexed = indexedInsightVersions(null);
        List<UUID> pending = insights.versions().stream()
                .filter(v -> !Long.valueOf(v.version()).equals(indexed.get(v.id())))
                .limit(limit).map(InsightVersion::id).toList();
        return insights.placed(pending).stream().map(insight -> {
            String title = insight.title();
            TextNormalizer.Normalized text = TextNormalizer.normalize(
                    insight.text().startsWith(title) ? insight.text() : title + ". " + insight.text());
            return new Entry(insight.id(), insight.workspaceId(), ItemType.INSIGHT, insight.journeyId(),
                    insight.stageId(), insight.touchpointId(), null, null, text.language(),
                    PiiRedactor.redact(text.text()).text(), insight.version(), insight.quarantined(), null);
        }).toList();
    }

    private void removeDeletedInsights() {
        Set<UUID> current = new HashSet<>();
        insights.versions().forEach(v -> current.add(v.id()));
        Map<UUID, List<UUID>> gone = new HashMap<>();
        jdbc.query("select item_id, workspace_id from evidence_index where item_type = 'INSIGHT'", rs -> {
            UUID id = rs.getObject("item_id", UUID.class);
            if (!current.contains(id)) {
                gone.computeIfAbsent(rs.getObject("workspace_id", UUID.class), w -> new ArrayList<>()).add(id);
            }
        });
        gone.forEach((workspace, ids) -> transactions.executeWithoutResult(status -> index.remove(workspace, ids)));
    }

    /** Insight versions in the index for the current model, by insight id: of one workspace, or of all when null. */
    private Map<UUID, Long> indexedInsightVersions(UUID workspaceId) {
        Map<UUID, Long> versions = new HashMap<>();
        String sql = "select item_id, item_version from evidence_index where item_type = 'INSIGHT' and model_id = ?";
        RowCallbackHandler collect = rs -> versions.put(rs.getObject("item_id", UUID.class), rs.getLong("item_version"));
        if (workspaceId == null) {
            jdbc.query(sql, collect, embedder.modelId());
        } else {
            jdbc.query(sql + " and workspace_id = ?", collect, embedder.modelId(), workspaceId);
        }
        return versions;
    }

    private List<Entry> pendingKpis(int limit) {
        return jdbc.query("""
                select id, workspace_id, journey_id, stage_id, touchpoint_id, metric, kpi_value, unit, period, target,
                       higher_is_better
                from kpi where indexed_model is null order by seq limit ?""",
                (rs, n) -> entry(rs, ItemType.KPI, null, "other", kpiText(rs), null, false), limit);
    }

    /** KPIs are found by what they measure: "cart abandonment: 68.5 % (2026-10), target 55, lower is better". */
    private static String kpiText(ResultSet rs) throws SQLException {
        StringBuilder text = new StringBuilder(rs.getString("metric")).append(": ")
                .append(plain(rs.getBigDecimal("kpi_value")));
        if (rs.getString("unit") != null) {
            text.append(' ').append(rs.getString("unit"));
        }
        if (rs.getString("period") != null) {
            text.append(" (").append(rs.getString("period")).append(')');
        }
        if (rs.getBigDecimal("target") != null) {
            text.append(", target ").append(plain(rs.getBigDecimal("target")));
        }
        return text.append(rs.getBoolean("higher_is_better") ? ", higher is better" : ", lower is better").toString();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static Entry entry(ResultSet rs, ItemType type, LocalDate date, String language, String text, String segment,
                               boolean quarantined) throws SQLException {
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class), type,
                rs.getObject("journey_id", UUID.class), rs.getObject("stage_id", UUID.class),
                rs.getObject("touchpoint_id", UUID.class), segment, date, language, text, null, quarantined, null);
    }

    /** Imported feedback and KPIs not embedded yet, in every workspace (insights are few and checked per drain). */
    private long waiting() {
        return jdbc.queryForObject("select (select count(*) from feedback where indexed_model is null)"
                + " + (select count(*) from kpi where indexed_model is null)", Long.class);
    }

    private long[] counts(String table, UUID workspaceId) {
        return jdbc.queryForObject("select count(*), count(case when indexed_model = ? then 1 end) from " + table
                        + " where workspace_id = ?",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, embedder.modelId(), workspaceId);
    }
}
