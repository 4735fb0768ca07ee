package com.journeyassistant.journey;

import static com.journeyassistant.journey.MapInputs.distinctOrEmpty;
import static com.journeyassistant.journey.MapTable.instant;
import static com.journeyassistant.journey.MapTable.uuid;

import com.journeyassistant.journey.MapModels.Insight;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Qualitative research nuggets, linked to the touchpoints they are about. */
@Service
public class Insights {

    private final MapTable<Insight> table;
    private final Links touchpoints;

    Insights(JdbcClient jdbc) {
        this.table = new MapTable<>(jdbc, "insight", "Insight", (rs, n) -> row(rs, List.of()));
        this.touchpoints = new Links(jdbc, "insight_touchpoint", "insight_id", "touchpoint_id", "touchpoint");
    }

    public List<Insight> list(UUID workspaceId, UUID journeyId) {
        Map<UUID, List<UUID>> links = touchpoints.forJourney(workspaceId, journeyId);
        return table.list(workspaceId, "journey_id", journeyId,
                (rs, n) -> row(rs, links.getOrDefault(uuid(rs, "id"), List.of())));
    }

    public Insight get(UUID workspaceId, UUID id) {
        return table.get(workspaceId, id, (rs, n) -> row(rs, touchpoints.forOwner(id)));
    }

    @Transactional
    Insight create(UUID workspaceId, UUID journeyId, MapInputs.InsightInput input) {
        List<UUID> linked = distinctOrEmpty(input.touchpointIds());
        touchpoints.requireInJourney(workspaceId, journeyId, linked, "touchpointIds");
        Map<String, Object> row = columns(input);
        row.put("journey_id", journeyId);
        row.put("position", table.positionOrNext(input.position(), workspaceId, "journey_id", journeyId));
        UUID id = table.insert(workspaceId, row);
        touchpoints.replace(id, linked);
        return get(workspaceId, id);
    }

    @Transactional
    Insight update(UUID workspaceId, UUID id, long expectedVersion, MapInputs.InsightInput input) {
        Insight current = get(workspaceId, id);
        List<UUID> linked = distinctOrEmpty(input.touchpointIds());
        touchpoints.requireInJourney(workspaceId, current.journeyId(), linked, "touchpointIds");
        table.update(workspaceId, id, expectedVersion, columns(input), input.position());
        touchpoints.replace(id, linked);
        return get(workspaceId, id);
    }

    @Transactional
    void delete(UUID workspaceId, UUID id) {
        table.delete(workspaceId, id);
    }

    private static Insight row(java.sql.ResultSet rs, List<UUID> touchpointIds) throws java.sql.SQLException {
        return new Insight(uuid(rs, "id"), uuid(rs, "journey_id"), rs.getInt("position"), rs.getString("title"),
                rs.getString("text"), rs.getString("source"), List.copyOf(touchpointIds), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Map<String, Object> columns(MapInputs.InsightInput input) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("title", input.title().strip());
        row.put("text", input.text().strip());
        row.put("source", input.source());
        return row;
    }
}
