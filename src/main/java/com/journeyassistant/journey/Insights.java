package com.journeyassistant.journey;

import static com.journeyassistant.journey.MapInputs.distinctOrEmpty;
import static com.journeyassistant.journey.MapTable.instant;
import static com.journeyassistant.journey.MapTable.uuid;

import com.journeyassistant.journey.MapModels.Insight;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Qualitative research nuggets, linked to the touchpoints they are about. */
@Service
public class Insights {

    /**
     * An insight imported as evidence: its text is already normalised and redacted, its
     * touchpoints checked to be in the journey. {@code dedupeKey} makes re-imports no-ops.
     */
    public record ImportedInsight(UUID journeyId, String title, String text, String source, List<UUID> touchpointIds,
                                  String externalId, String dedupeKey) {
    }

    private final MapTable<Insight> table;
    private final Links touchpoints;
    private final ApplicationEventPublisher events;

    Insights(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.table = new MapTable<>(jdbc, "insight", "Insight", (rs, n) -> row(rs, List.of()));
        this.touchpoints = new Links(jdbc, "insight_touchpoint", "insight_id", "touchpoint_id", "touchpoint");
        this.events = events;
    }

    /** Adds the insights that are not there yet (by dedupe key), at the end of their journey; returns how many. */
    @Transactional
    public int importAll(UUID workspaceId, List<ImportedInsight> insights) {
        Map<UUID, Integer> nextPosition = new HashMap<>();
        int stored = 0;
        for (ImportedInsight insight : insights) {
            int position = nextPosition.computeIfAbsent(insight.journeyId(),
                    journey -> table.positionOrNext(null, workspaceId, "journey_id", journey));
            UUID id = UUID.randomUUID();
            OffsetDateTime now = MapTable.utc(MapTable.now());
            int inserted = table.jdbc().sql("""
                    insert into insight (id, workspace_id, journey_id, position, title, text, source, external_id,
                        dedupe_key, version, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                    on conflict do nothing""")
                    .params(id, workspaceId, insight.journeyId(), position, insight.title(), insight.text(),
                            insight.source(), insight.externalId(), insight.dedupeKey(), now, now)
                    .update();
            if (inserted == 1) {
                touchpoints.replace(id, distinctOrEmpty(insight.touchpointIds()));
                nextPosition.put(insight.journeyId(), position + 1);
                stored++;
            }
        }
        if (stored > 0) {
            events.publishEvent(new InsightsChanged(workspaceId));
        }
        return stored;
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
        events.publishEvent(new InsightsChanged(workspaceId));
        return get(workspaceId, id);
    }

    @Transactional
    Insight update(UUID workspaceId, UUID id, long expectedVersion, MapInputs.InsightInput input) {
        Insight current = get(workspaceId, id);
        List<UUID> linked = distinctOrEmpty(input.touchpointIds());
        touchpoints.requireInJourney(workspaceId, current.journeyId(), linked, "touchpointIds");
        table.update(workspaceId, id, expectedVersion, columns(input), input.position());
        touchpoints.replace(id, linked);
        events.publishEvent(new InsightsChanged(workspaceId));
        return get(workspaceId, id);
    }

    @Transactional
    void delete(UUID workspaceId, UUID id) {
        table.delete(workspaceId, id);
        events.publishEvent(new InsightsChanged(workspaceId));
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
