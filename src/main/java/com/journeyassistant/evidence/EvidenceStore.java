package com.journeyassistant.evidence;

import com.journeyassistant.evidence.EvidenceRows.FeedbackRow;
import com.journeyassistant.evidence.EvidenceRows.KpiRow;
import com.journeyassistant.platform.InjectionScreen;
import java.sql.Date;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Batched inserts that skip items already stored (same dedupe key in the same workspace). */
@Repository
class EvidenceStore {

    private final JdbcTemplate jdbc;

    EvidenceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many rows were new, and how many of those went into quarantine. */
    record Stored(int stored, int quarantined) {
    }

    /**
     * Inserts the rows and returns how many were new. The new ones are screened for injections
     * in the same transaction, before anyone can read them; duplicates are not screened at all.
     */
    Stored insertFeedback(UUID workspaceId, List<FeedbackRow> rows) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<UUID> ids = rows.stream().map(r -> UUID.randomUUID()).toList();
        List<Object[]> params = new java.util.ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            FeedbackRow r = rows.get(i);
            params.add(new Object[] {ids.get(i), workspaceId, r.placement().journeyId(), r.placement().stageId(),
                    r.placement().touchpointId(), r.dedupeKey(), r.externalId(), r.text(), r.language(), r.hiddenText(),
                    r.piiRedacted(), r.source().name(), r.csat(), r.nps(), r.rating(),
                    r.date() == null ? null : Date.valueOf(r.date()), r.segment(), now});
        }
        int[] counts = jdbc.batchUpdate("""
                insert into feedback (id, workspace_id, journey_id, stage_id, touchpoint_id, dedupe_key, external_id, text,
                    language, hidden_text, pii_redacted, source_channel, csat, nps, rating, feedback_date, segment, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""", params);
        List<Object[]> flagged = new java.util.ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            InjectionScreen.Verdict verdict = counts[i] > 0 ? InjectionScreen.screen(rows.get(i).rawText())
                    : InjectionScreen.Verdict.CLEAN;
            if (verdict.suspected()) {
                flagged.add(new Object[] {verdict.reason(), ids.get(i)});
            }
        }
        if (!flagged.isEmpty()) {
            jdbc.batchUpdate("update feedback set suspected_injection = ? where id = ?", flagged);
        }
        return new Stored(recordChange(workspaceId, rows.stream().map(r -> r.placement().journeyId()), counts),
                flagged.size());
    }

    int insertKpis(UUID workspaceId, List<KpiRow> rows) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> params = rows.stream().map(r -> new Object[] {UUID.randomUUID(), workspaceId,
                r.placement().journeyId(), r.placement().stageId(), r.placement().touchpointId(), r.dedupeKey(),
                r.externalId(), r.metric(), r.value(), r.unit(), r.period(), r.target(), r.higherIsBetter(),
                r.dailyTraffic(), now}).toList();
        return recordChange(workspaceId, rows.stream().map(r -> r.placement().journeyId()), jdbc.batchUpdate("""
                insert into kpi (id, workspace_id, journey_id, stage_id, touchpoint_id, dedupe_key, external_id, metric,
                    kpi_value, unit, period, target, higher_is_better, daily_traffic, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""", params));
    }

    private int recordChange(UUID workspaceId, java.util.stream.Stream<UUID> journeyIds, int[] counts) {
        int inserted = inserted(counts);
        if (inserted > 0) {
            recordChange(jdbc, workspaceId, journeyIds.filter(java.util.Objects::nonNull).distinct().toList());
        }
        return inserted;
    }

    /** Notes that evidence of these journeys changed (see {@link EvidenceFacts#version}). */
    static void recordChange(JdbcTemplate jdbc, UUID workspaceId, List<UUID> journeyIds) {
        jdbc.batchUpdate("insert into evidence_change (workspace_id, journey_id) values (?, ?)",
                journeyIds.stream().map(j -> new Object[] {workspaceId, j}).toList());
    }

    /** Filters: any of journey, stage and touchpoint may be null (not filtered). */
    record Filter(UUID workspaceId, UUID journeyId, UUID stageId, UUID touchpointId) {
        String where() {
            return " where workspace_id = ?" + (journeyId == null ? "" : " and journey_id = ?")
                    + (stageId == null ? "" : " and stage_id = ?") + (touchpointId == null ? "" : " and touchpoint_id = ?");
        }

        Object[] params(Object... extra) {
            List<Object> params = new java.util.ArrayList<>();
            params.add(workspaceId);
            for (UUID id : new UUID[] {journeyId, stageId, touchpointId}) {
                if (id != null) {
                    params.add(id);
                }
            }
            params.addAll(Arrays.asList(extra));
            return params.toArray();
        }
    }

    EvidenceViews.Page<EvidenceViews.Feedback> feedback(Filter filter, int limit, int offset) {
        return page("feedback", filter, limit, offset,
                (rs, n) -> new EvidenceViews.Feedback(rs.getObject("id", UUID.class), rs.getObject("journey_id", UUID.class),
                        rs.getObject("stage_id", UUID.class), rs.getObject("touchpoint_id", UUID.class),
                        rs.getString("external_id"), rs.getString("text"), rs.getString("language"),
                        rs.getBoolean("hidden_text"), rs.getInt("pii_redacted"),
                        SourceChannel.valueOf(rs.getString("source_channel")), (Integer) rs.getObject("csat", Integer.class),
                        rs.getObject("nps", Integer.class), rs.getBigDecimal("rating"),
                        rs.getObject("feedback_date", java.time.LocalDate.class), rs.getString("segment"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getString("released_at") == null ? rs.getString("suspected_injection") : null));
    }

    EvidenceViews.Page<EvidenceViews.Kpi> kpis(Filter filter, int limit, int offset) {
        return page("kpi", filter, limit, offset,
                (rs, n) -> new EvidenceViews.Kpi(rs.getObject("id", UUID.class), rs.getObject("journey_id", UUID.class),
                        rs.getObject("stage_id", UUID.class), rs.getObject("touchpoint_id", UUID.class),
                        rs.getString("external_id"), rs.getString("metric"), strip(rs.getBigDecimal("kpi_value")),
                        rs.getString("unit"), rs.getString("period"), strip(rs.getBigDecimal("target")),
                        rs.getBoolean("higher_is_better"), strip(rs.getBigDecimal("daily_traffic")),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()));
    }

    /** One page of a table's rows that pass the filter, in import order, with the total count. */
    private <T> EvidenceViews.Page<T> page(String table, Filter filter, int limit, int offset, RowMapper<T> rows) {
        long total = jdbc.queryForObject("select count(*) from " + table + filter.where(), Long.class, filter.params());
        List<T> items = jdbc.query("select * from " + table + filter.where() + " order by seq limit ? offset ?", rows,
                filter.params(limit, offset));
        return new EvidenceViews.Page<>(items, total, limit, offset);
    }

    /** Without trailing zeros, and never in exponent form: 400000, not 4E+5. */
    static java.math.BigDecimal strip(java.math.BigDecimal value) {
        if (value == null) {
            return null;
        }
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static int inserted(int[] counts) {
        return Arrays.stream(counts).map(c -> Math.max(c, 0)).sum();
    }
}
