package com.journeyassistant.journey;

import com.journeyassistant.journey.MapModels.ExperimentPlan;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How other modules add to the map: accepted suggestions become personas, opportunities,
 * solutions and experiment plans through here, with the same checks as the map API.
 */
@Service
public class MapAdditions {

    public record PlannedExperiment(String hypothesis, String control, List<String> variants, String primaryMetric,
                                    BigDecimal baselineRate, BigDecimal minimumDetectableEffect, BigDecimal alpha,
                                    BigDecimal power, long sampleSizePerArm, Integer durationDays) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Personas personas;
    private final Opportunities opportunities;
    private final Solutions solutions;
    private final Touchpoints touchpoints;
    private final JdbcClient jdbc;

    MapAdditions(Personas personas, Opportunities opportunities, Solutions solutions, Touchpoints touchpoints,
                 JdbcClient jdbc) {
        this.personas = personas;
        this.opportunities = opportunities;
        this.solutions = solutions;
        this.touchpoints = touchpoints;
        this.jdbc = jdbc;
    }

    public MapModels.Persona addPersona(UUID workspaceId, UUID journeyId, String name, String description,
                                        List<String> goals, List<String> pains, List<String> behaviours,
                                        List<String> channels) {
        return personas.create(workspaceId, journeyId, new MapInputs.PersonaInput(clip(name, 200), clip(description, 4000),
                null, items(goals), items(pains), items(behaviours), items(channels), null));
    }

    public MapModels.Opportunity addOpportunity(UUID workspaceId, UUID journeyId, String title, String description,
                                                String priority, List<UUID> touchpointIds) {
        return opportunities.create(workspaceId, journeyId, new MapInputs.OpportunityInput(clip(title, 200),
                clip(description, 4000), Priority.valueOf(priority), null, touchpointIds, List.of(), null));
    }

    public MapModels.Solution addSolution(UUID workspaceId, UUID opportunityId, String title, String description) {
        return solutions.create(workspaceId, opportunityId, new MapInputs.SolutionInput(clip(title, 200),
                clip(description, 4000), SolutionStatus.IDEA, null, null));
    }

    @Transactional
    public ExperimentPlan addExperimentPlan(UUID workspaceId, UUID touchpointId, PlannedExperiment plan,
                                            UUID sourceSuggestionId) {
        MapModels.Touchpoint touchpoint = touchpoints.get(workspaceId, touchpointId);
        UUID id = UUID.randomUUID();
        var now = MapTable.utc(MapTable.now());
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
                .query(MapAdditions::plan).single();
    }

    public List<ExperimentPlan> experimentPlans(UUID workspaceId, UUID touchpointId) {
        return jdbc.sql("select * from experiment_plan where workspace_id = ? and touchpoint_id = ? order by created_at, id")
                .params(workspaceId, touchpointId).query(MapAdditions::plan).list();
    }

    /** How many experiment plans each touchpoint of a journey has (touchpoints without any are left out). */
    public java.util.Map<UUID, Integer> experimentPlanCounts(UUID workspaceId, UUID journeyId) {
        java.util.Map<UUID, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("select touchpoint_id, count(*) as plans from experiment_plan where workspace_id = ? and journey_id = ?"
                        + " group by touchpoint_id")
                .params(workspaceId, journeyId)
                .query(rs -> {
                    counts.put(MapTable.uuid(rs, "touchpoint_id"), rs.getInt("plans"));
                });
        return counts;
    }

    /** The plans of a journey's touchpoints, each touchpoint's oldest first. */
    public List<ExperimentPlan> experimentPlansOfJourney(UUID workspaceId, UUID journeyId) {
        return jdbc.sql("select * from experiment_plan where workspace_id = ? and journey_id = ?"
                        + " order by touchpoint_id, created_at, id")
                .params(workspaceId, journeyId).query(MapAdditions::plan).list();
    }

    private static ExperimentPlan plan(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ExperimentPlan(MapTable.uuid(rs, "id"), MapTable.uuid(rs, "journey_id"),
                MapTable.uuid(rs, "touchpoint_id"), rs.getString("hypothesis"), rs.getString("control"),
                JSON.readValue(rs.getString("variants"), STRINGS), rs.getString("primary_metric"),
                rs.getBigDecimal("baseline_rate").stripTrailingZeros(),
                rs.getBigDecimal("minimum_detectable_effect").stripTrailingZeros(),
                rs.getBigDecimal("alpha").stripTrailingZeros(), rs.getBigDecimal("power").stripTrailingZeros(),
                rs.getLong("sample_size_per_arm"), rs.getObject("duration_days", Integer.class),
                MapTable.uuid(rs, "source_suggestion_id"), rs.getLong("version"),
                MapTable.instant(rs, "created_at"), MapTable.instant(rs, "updated_at"));
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max - 1).strip() + "…";
    }

    /** Map list items are short and non-blank: longer ones are shortened, blank ones dropped. */
    private static List<String> items(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank())
                .map(v -> clip(v, MapInputs.MAX_ITEM)).limit(MapInputs.MAX_LIST).toList();
    }
}
