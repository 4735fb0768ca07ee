package com.journeyassistant.journey;

import static com.journeyassistant.journey.MapInputs.distinctOrEmpty;
import static com.journeyassistant.journey.MapTable.instant;
import static com.journeyassistant.journey.MapTable.uuid;

import com.journeyassistant.journey.MapModels.Insight;
import com.journeyassistant.platform.InjectionScreen;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
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
                                  String externalId, String dedupeKey, String suspectedInjection) {
    }

    private final MapTable<Insight> table;
    private final Links touchpoints;
    private final ApplicationEventPublisher events;

    Insights(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.table = new MapTable<>(jdbc, "insight", "Insight", (rs, n) -> row(rs, List.of()));
        this.touchpoints = new Links(jdbc, "insight_touchpoint", "insight_id", "touchpoint_id", "touchpoint");
        this.events = events;
    }

    /** Which version of an insight is current: what a search index compares its entries with. */
    public record InsightVersion(UUID id, UUID workspaceId, long version) {
    }

    /**
     * An insight as a search index needs it. A link to exactly one touchpoint places it there
     * ({@code touchpointId}); links that all lie in one stage place it in that stage ({@code stageId}).
     */
    public record PlacedInsight(UUID id, UUID workspaceId, UUID journeyId, long version, String title, String text,
                                boolean quarantined, UUID stageId, UUID touchpointId) {
    }

    /** How many insights an import added, and how many of those are quarantined. */
    public record Imported(int stored, int quarantined) {
    }

    /** Adds the insights that are not there yet (by dedupe key), at the end of their journey. */
    @Transactional
    public Imported importAll(UUID workspaceId, List<ImportedInsight> insights) {
        Map<UUID, Integer> nextPosition = new HashMap<>();
        int stored = 0;
        int quarantined = 0;
        for (ImportedInsight insight : insights) {
            int position = nextPosition.computeIfAbsent(insight.journeyId(),
                    journey -> table.positionOrNext(null, workspaceId, "journey_id", journey));
            UUID id = UUID.randomUUID();
            OffsetDateTime now = MapTable.utc(MapTable.now());
            int inserted = table.jdbc().sql("""
                    insert into insight (id, workspace_id, journey_id, position, title, text, source, external_id,
                        dedupe_key, suspected_injection, version, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                    on conflict do nothing""")
                    .params(id, workspaceId, insight.journeyId(), position, insight.title(), insight.text(),
                            insight.source(), insight.externalId(), insight.dedupeKey(), insight.suspectedInjection(),
                            now, now)
                    .update();
            if (inserted == 1) {
                touchpoints.replace(id, distinctOrEmpty(insight.touchpointIds()));
                nextPosition.put(insight.journeyId(), position + 1);
                stored++;
                quarantined += insight.suspectedInjection() == null ? 0 : 1;
            }
        }
        if (stored > 0) {
            events.publishEvent(new InsightsChanged(workspaceId));
        }
        return new Imported(stored, quarantined);
    }

    public List<Insight> list(UUID workspaceId, UUID journeyId) {
        Map<UUID, List<UUID>> links = touchpoints.forJourney(workspaceId, journeyId);
        return table.list(workspaceId, "journey_id", journeyId,
                (rs, n) -> row(rs, links.getOrDefault(uuid(rs, "id"), List.of())));
    }

    public Insight get(UUID workspaceId, UUID id) {
        // links are read after the row, never inside its mapping, where they would hold a second connection
        Insight i = table.get(workspaceId, id);
        return new Insight(i.id(), i.journeyId(), i.position(), i.title(), i.text(), i.source(),
                List.copyOf(touchpoints.forOwner(id)), i.suspectedInjection(), i.version(), i.createdAt(), i.updatedAt());
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

    /** Every insight's current version, oldest first, in every workspace (for the background indexer). */
    public List<InsightVersion> versions() {
        return table.jdbc().sql("select id, workspace_id, version from insight order by created_at, id")
                .query(Insights::version).list();
    }

    /** The current versions of one workspace's insights. */
    public List<InsightVersion> versions(UUID workspaceId) {
        return table.jdbc().sql("select id, workspace_id, version from insight where workspace_id = ?")
                .param(workspaceId).query(Insights::version).list();
    }

    /** These insights with their placement, in two queries whatever their number; unknown ids are left out. */
    public List<PlacedInsight> placed(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID[]>> links = new HashMap<>();
        table.jdbc().sql("""
                        select l.insight_id, t.id, t.stage_id from insight_touchpoint l
                        join touchpoint t on t.id = l.touchpoint_id where l.insight_id in (:ids)""")
                .param("ids", ids)
                .query(rs -> {
                    links.computeIfAbsent(uuid(rs, "insight_id"), id -> new ArrayList<>())
                            .add(new UUID[] {uuid(rs, "id"), uuid(rs, "stage_id")});
                });
        return table.jdbc().sql("""
                        select id, workspace_id, journey_id, version, title, text,
                               case when suspected_injection is not null and released_at is null then true else false end
                                   as quarantined
                        from insight where id in (:ids) order by created_at, id""")
                .param("ids", ids)
                .query((rs, n) -> {
                    List<UUID[]> placement = links.getOrDefault(uuid(rs, "id"), List.of());
                    UUID touchpoint = placement.size() == 1 ? placement.get(0)[0] : null;
                    UUID stage = placement.stream().map(l -> l[1]).distinct().count() == 1 ? placement.get(0)[1] : null;
                    return new PlacedInsight(uuid(rs, "id"), uuid(rs, "workspace_id"), uuid(rs, "journey_id"),
                            rs.getLong("version"), rs.getString("title"), rs.getString("text"),
                            rs.getBoolean("quarantined"), stage, touchpoint);
                })
                .list();
    }

    /** The insights of a workspace held back as suspected injections, newest first, at most {@code limit}. */
    public List<Insight> heldBack(UUID workspaceId, int limit) {
        return table.jdbc().sql("""
                        select id from insight where workspace_id = ? and suspected_injection is not null
                        and released_at is null order by created_at desc, id limit ?""")
                .params(workspaceId, limit).query(UUID.class).list().stream().map(id -> get(workspaceId, id)).toList();
    }

    /** How many insights of a workspace are held back as suspected injections. */
    public long heldBackCount(UUID workspaceId) {
        return table.jdbc().sql("""
                        select count(*) from insight where workspace_id = ? and suspected_injection is not null
                        and released_at is null""")
                .param(workspaceId).query(Long.class).single();
    }

    private static InsightVersion version(ResultSet rs, int n) throws SQLException {
        return new InsightVersion(uuid(rs, "id"), uuid(rs, "workspace_id"), rs.getLong("version"));
    }

    private static Insight row(ResultSet rs, List<UUID> touchpointIds) throws SQLException {
        return new Insight(uuid(rs, "id"), uuid(rs, "journey_id"), rs.getInt("position"), rs.getString("title"),
                rs.getString("text"), rs.getString("source"), List.copyOf(touchpointIds),
                rs.getString("released_at") == null ? rs.getString("suspected_injection") : null, rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    /** What an edit writes; the text is screened again, so an earlier release does not carry over to new text. */
    private static Map<String, Object> columns(MapInputs.InsightInput input) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("title", input.title().strip());
        row.put("text", input.text().strip());
        row.put("source", input.source());
        row.put("suspected_injection", InjectionScreen.screen(input.title() + ". " + input.text()).reason());
        row.put("released_by", null);
        row.put("released_at", null);
        return row;
    }

    /**
     * Lets a quarantined insight reach the assistant again, as an editor decided; false when
     * there is no such insight held back in the workspace. Its index entry follows (the version changes).
     */
    @Transactional
    public boolean release(UUID workspaceId, UUID id, String releasedBy) {
        int released = table.jdbc().sql("""
                update insight set released_by = ?, released_at = ?, version = version + 1
                where workspace_id = ? and id = ? and suspected_injection is not null and released_at is null""")
                .params(releasedBy, MapTable.utc(MapTable.now()), workspaceId, id).update();
        if (released == 1) {
            events.publishEvent(new InsightsChanged(workspaceId));
        }
        return released == 1;
    }
}
