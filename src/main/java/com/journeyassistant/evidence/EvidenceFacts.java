package com.journeyassistant.evidence;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Read access to a journey's evidence for computations (analytics, generation): the stored,
 * already redacted feedback and the KPIs, scoped to one workspace in every query.
 */
@Service
public class EvidenceFacts {

    /** {@code quarantined}: held back from the assistant; its scores count, its words are never quoted. */
    public record FeedbackFact(UUID id, UUID stageId, UUID touchpointId, String text, String language, Integer csat,
                               Integer nps, BigDecimal rating, LocalDate date, String segment, boolean quarantined) {
    }

    public record KpiFact(UUID id, UUID stageId, UUID touchpointId, String metric, BigDecimal value, String unit,
                          String period, BigDecimal target, boolean higherIsBetter, BigDecimal dailyTraffic) {
    }

    /** Where a journey has evidence the assistant can ground copy in: touchpoints and stages with indexed items or KPIs. */
    public record GroundedPlaces(Set<UUID> touchpointIds, Set<UUID> stageIds) {

        /** A touchpoint's job searches its own evidence, then its stage's. */
        public boolean has(UUID touchpointId, UUID stageId) {
            return touchpointIds.contains(touchpointId) || stageIds.contains(stageId);
        }
    }

    private static final int IDS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;
    private final IndexStore index;

    EvidenceFacts(JdbcTemplate jdbc, IndexStore index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    /** The journey's feedback, oldest import first. */
    public List<FeedbackFact> feedback(UUID workspaceId, UUID journeyId) {
        return feedbackWhere("journey_id", workspaceId, journeyId);
    }

    /** One touchpoint's feedback, oldest import first. */
    public List<FeedbackFact> feedbackOfTouchpoint(UUID workspaceId, UUID touchpointId) {
        return feedbackWhere("touchpoint_id", workspaceId, touchpointId);
    }

    private List<FeedbackFact> feedbackWhere(String column, UUID workspaceId, UUID id) {
        return jdbc.query("""
                select id, stage_id, touchpoint_id, text, language, csat, nps, rating, feedback_date, segment,
                       case when suspected_injection is not null and released_at is null then true else false end
                           as quarantined
                from feedback where workspace_id = ? and %s = ? order by seq""".formatted(column),
                (rs, n) -> new FeedbackFact(rs.getObject("id", UUID.class), rs.getObject("stage_id", UUID.class),
                        rs.getObject("touchpoint_id", UUID.class), rs.getString("text"), rs.getString("language"),
                        rs.getObject("csat", Integer.class), rs.getObject("nps", Integer.class), rs.getBigDecimal("rating"),
                        rs.getObject("feedback_date", LocalDate.class), rs.getString("segment"),
                        rs.getBoolean("quarantined")),
                workspaceId, id);
    }

    /** The journey's KPIs, in import order. */
    public List<KpiFact> kpis(UUID workspaceId, UUID journeyId) {
        return kpisWhere("journey_id", workspaceId, journeyId);
    }

    /** One touchpoint's KPIs, in import order. */
    public List<KpiFact> kpisOfTouchpoint(UUID workspaceId, UUID touchpointId) {
        return kpisWhere("touchpoint_id", workspaceId, touchpointId);
    }

    private List<KpiFact> kpisWhere(String column, UUID workspaceId, UUID id) {
        return jdbc.query("""
                select id, stage_id, touchpoint_id, metric, kpi_value, unit, period, target, higher_is_better, daily_traffic
                from kpi where workspace_id = ? and %s = ? order by seq""".formatted(column),
                (rs, n) -> new KpiFact(rs.getObject("id", UUID.class), rs.getObject("stage_id", UUID.class),
                        rs.getObject("touchpoint_id", UUID.class), rs.getString("metric"),
                        strip(rs.getBigDecimal("kpi_value")), rs.getString("unit"), rs.getString("period"),
                        strip(rs.getBigDecimal("target")), rs.getBoolean("higher_is_better"),
                        strip(rs.getBigDecimal("daily_traffic"))),
                workspaceId, id);
    }

    /**
     * Changes whenever the journey's evidence does (an import, or the indexer embedding more of it):
     * what a cache of figures computed from the evidence is keyed on.
     */
    public String version(UUID workspaceId, UUID journeyId) {
        return jdbc.queryForObject("""
                select (select coalesce(max(id), 0) from evidence_change where workspace_id = ? and journey_id = ?)
                    || ':' || (select coalesce(max(id), 0) from evidence_change where workspace_id is null)""",
                String.class, workspaceId, journeyId);
    }

    /**
     * Of each metric at each place (stage, touchpoint, or the journey as a whole) the KPI of the
     * latest period, in import order; when periods tie, the later import wins.
     */
    public static List<KpiFact> latestPerMetric(List<KpiFact> kpis) {
        Map<List<Object>, KpiFact> latest = new LinkedHashMap<>();
        for (KpiFact kpi : kpis) {
            List<Object> key = java.util.Arrays.asList(kpi.stageId(), kpi.touchpointId(),
                    kpi.metric().toLowerCase(java.util.Locale.ROOT));
            KpiFact current = latest.get(key);
            if (current == null || java.util.Objects.toString(kpi.period(), "")
                    .compareTo(java.util.Objects.toString(current.period(), "")) >= 0) {
                latest.put(key, kpi);
            }
        }
        return List.copyOf(latest.values());
    }

    /** The touchpoints and stages of a journey that have evidence indexed for search, or KPIs. */
    public GroundedPlaces groundedPlaces(UUID workspaceId, UUID journeyId) {
        Set<UUID> touchpoints = new HashSet<>();
        Set<UUID> stages = new HashSet<>();
        jdbc.query("""
                select distinct touchpoint_id, stage_id from evidence_index
                where workspace_id = ? and journey_id = ? and item_type <> 'kpi'
                union
                select distinct touchpoint_id, stage_id from kpi
                where workspace_id = ? and journey_id = ? and touchpoint_id is not null""",
                (java.sql.ResultSet rs) -> {
                    UUID touchpoint = rs.getObject(1, UUID.class);
                    UUID stage = rs.getObject(2, UUID.class);
                    if (touchpoint != null) {
                        touchpoints.add(touchpoint);
                    }
                    // a touchpoint's KPIs ground only that touchpoint, not its stage
                    if (stage != null && rs.getObject(1) == null) {
                        stages.add(stage);
                    }
                }, workspaceId, journeyId, workspaceId, journeyId);
        return new GroundedPlaces(Set.copyOf(touchpoints), Set.copyOf(stages));
    }

    /** The stored embeddings of the given items; items not indexed yet are absent. */
    public Map<UUID, float[]> vectors(UUID workspaceId, List<UUID> itemIds) {
        Map<UUID, float[]> vectors = new HashMap<>();
        for (int from = 0; from < itemIds.size(); from += IDS_PER_QUERY) {
            vectors.putAll(index.vectors(workspaceId, new ArrayList<>(
                    itemIds.subList(from, Math.min(itemIds.size(), from + IDS_PER_QUERY)))));
        }
        return vectors;
    }

    private static BigDecimal strip(BigDecimal value) {
        return EvidenceStore.strip(value);
    }
}
