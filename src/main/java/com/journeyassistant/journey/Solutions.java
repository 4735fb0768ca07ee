package com.journeyassistant.journey;

import static com.journeyassistant.journey.MapTable.instant;
import static com.journeyassistant.journey.MapTable.uuid;

import com.journeyassistant.journey.MapModels.Solution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ideas that address an opportunity. */
@Service
public class Solutions {

    private static final RowMapper<Solution> ROW = (rs, n) -> new Solution(uuid(rs, "id"), uuid(rs, "opportunity_id"),
            rs.getInt("position"), rs.getString("title"), rs.getString("description"),
            SolutionStatus.valueOf(rs.getString("status")), rs.getLong("version"),
            instant(rs, "created_at"), instant(rs, "updated_at"));

    private final MapTable<Solution> table;
    private final Opportunities opportunities;

    Solutions(JdbcClient jdbc, Opportunities opportunities) {
        this.table = new MapTable<>(jdbc, "solution", "Solution", ROW);
        this.opportunities = opportunities;
    }

    public List<Solution> list(UUID workspaceId, UUID opportunityId) {
        opportunities.get(workspaceId, opportunityId);
        return table.list(workspaceId, "opportunity_id", opportunityId);
    }

    /** Every solution of a journey by opportunity, in map order: one query for a whole canvas. */
    public Map<UUID, List<Solution>> byOpportunity(UUID workspaceId, UUID journeyId) {
        Map<UUID, List<Solution>> byOpportunity = new LinkedHashMap<>();
        table.list(workspaceId, "journey_id", journeyId).forEach(solution ->
                byOpportunity.computeIfAbsent(solution.opportunityId(), k -> new java.util.ArrayList<>()).add(solution));
        return byOpportunity;
    }

    public Solution get(UUID workspaceId, UUID id) {
        return table.get(workspaceId, id);
    }

    @Transactional
    Solution create(UUID workspaceId, UUID opportunityId, MapInputs.SolutionInput input) {
        UUID journeyId = opportunities.get(workspaceId, opportunityId).journeyId();
        Map<String, Object> row = columns(input);
        row.put("journey_id", journeyId);
        row.put("opportunity_id", opportunityId);
        row.put("position", table.positionOrNext(input.position(), workspaceId, "opportunity_id", opportunityId));
        return table.insertAndGet(workspaceId, row);
    }

    @Transactional
    Solution update(UUID workspaceId, UUID id, long expectedVersion, MapInputs.SolutionInput input) {
        return table.updateAndGet(workspaceId, id, expectedVersion, columns(input), input.position());
    }

    @Transactional
    void delete(UUID workspaceId, UUID id) {
        table.delete(workspaceId, id);
    }

    private static Map<String, Object> columns(MapInputs.SolutionInput input) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("title", input.title().strip());
        row.put("description", input.description());
        row.put("status", (input.status() == null ? SolutionStatus.IDEA : input.status()).name());
        return row;
    }
}
