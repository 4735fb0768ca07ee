package com.journeyassistant.experiments;

import com.journeyassistant.journey.MapModels;
import com.journeyassistant.journey.Touchpoints;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A/B test plans of touchpoints, made when a marketer accepts an experiment suggestion. */
@Service
public class ExperimentPlans {

    /** What an accepted experiment suggestion plans. */
    public record PlannedExperiment(String hypothesis, String control, List<String> variants, String primaryMetric,
                                    BigDecimal baselineRate, BigDecimal minimumDetectableEffect, BigDecimal alpha,
                                    BigDecimal power, long sampleSizePerArm, Integer durationDays) {
    }

    public record ExperimentPlan(UUID id, UUID journeyId, UUID touchpointId, String hypothesis, String control,
                                 List<String> variants, String primaryMetric, BigDecimal baselineRate,
                                 BigDecimal minimumDetectableEffect, BigDecimal alpha, BigDecimal power,
                                 long sampleSizePerArm, Integer durationDays, UUID sourceSuggestionId, long version,
                                 Instant createdAt, Instant updatedAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Touchpoints touchpoints;
    private final JdbcClient jdbc;

    ExperimentPlans(Touchpoints touchpoints, JdbcClient jdbc) {
        this.touchpoints = touchpoints;
        this.jdbc = jdbc;
    }

    @Transactional
    public ExperimentPlan add(UUID workspaceId, UUID touchpointId, PlannedExperiment plan, UUID sourceSuggestionId) {
        MapModels.Touchpoint touchpoint = touchpoints.get(workspaceId, touchpointId);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                insert into experiment_plan (id, workspace_id, journey_id, touchpoint_id, hypothesis, control, variants,
                    primary_metric, baseline_rate, minimum_detectable_effect, alpha, power, sample_size_per_arm,
                    duration_days, source_suggestion_id, version, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)""")
                .params(id, workspaceId, touchpoint.journeyId(), touchpointId, clip(plan.hypothesis(), 4000),
                        clip(plan.control(), 4000), JSON.writeValueAsString(plan.variants()), clip(plan.primaryMetric(), 100),
                        plan.baselineRate(), plan.minimumDetectableEffect(), plan.alpha(), plan.power(),
                        plan.sampleSizePerArm(), plan.durationDays(), sourceSuggestionId, now, now)
                .update();
        return jdbc.sql("select * from experiment_plan where workspace_id = ? and id = ?").params(workspaceId, id)
                .query(ExperimentPlans::plan).single();
    }

    public List<ExperimentPlan> ofTouchpoint(UUID workspaceId, UUID touchpointId) {
        return jdbc.sql("select * from experiment_plan where workspace_id = ? and touchpoint_id = ? order by created_at, id")
                .params(workspaceId, touchpointId).query(ExperimentPlans::plan).list();
    }

    /** How many plans each touchpoint of a journey has (touchpoints without any are left out). */
    public Map<UUID, Integer> countsPerTouchpoint(UUID workspaceId, UUID journeyId) {
        Map<UUID, Integer> counts = new HashMap<>();
        jdbc.sql("select touchpoint_id, count(*) as plans from experiment_plan where workspace_id = ? and journey_id = ?"
                        + " group by touchpoint_id")
                .params(workspaceId, journeyId)
                .query(rs -> {
                    counts.put(rs.getObject("touchpoint_id", UUID.class), rs.getInt("plans"));
                });
        return counts;
    }

    /** The plans of a journey's touchpoints, each touchpoint's oldest first. */
    public List<ExperimentPlan> ofJourney(UUID workspaceId, UUID journeyId) {
        return jdbc.sql("select * from experiment_plan where workspace_id = ? and journey_id = ?"
                        + " order by touchpoint_id, created_at, id")
                .params(workspaceId, journeyId).query(ExperimentPlans::plan).list();
    }

    private static ExperimentPlan plan(ResultSet rs, int row) throws SQLException {
        return new ExperimentPlan(rs.getObject("id", UUID.class), rs.getObject("journey_id", UUID.class),
                rs.getObject("touchpoint_id", UUID.class), rs.getString("hypothesis"), rs.getString("control"),
                JSON.readValue(rs.getString("variants"), STRINGS), rs.getString("primary_metric"),
                rs.getBigDecimal("baseline_rate").stripTrailingZeros(),
                rs.getBigDecimal("minimum_detectable_effect").stripTrailingZeros(),
                rs.getBigDecimal("alpha").stripTrailingZeros(), rs.getBigDecimal("power").stripTrailingZeros(),
                rs.getLong("sample_size_per_arm"), rs.getObject("duration_days", Integer.class),
                rs.getObject("source_suggestion_id", UUID.class), rs.getLong("version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max - 1).strip() + "…";
    }
}
