package com.journeyassistant.evidence;

import com.journeyassistant.journey.Insights;
import com.journeyassistant.journey.MapModels.Insight;
import com.journeyassistant.platform.ApiProblemException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feedback and insights that look like instructions to the assistant: flagged when they arrive,
 * kept and searchable for people, left out of every prompt and chat tool result until an editor
 * releases them.
 */
@Service
public class Quarantine {

    /** One held-back item, with why it was flagged. */
    public record Item(UUID id, String type, UUID journeyId, UUID touchpointId, String text, String reason,
                OffsetDateTime createdAt) {
    }

    public record Page(List<Item> items, long total, int limit, int offset) {
    }

    public record Released(UUID id, String type, String releasedBy, OffsetDateTime releasedAt) {
    }

    private final JdbcTemplate jdbc;
    private final IndexStore index;
    private final Insights insights;

    Quarantine(JdbcTemplate jdbc, IndexStore index, Insights insights) {
        this.jdbc = jdbc;
        this.index = index;
        this.insights = insights;
    }

    /** What is held back in the workspace, newest first: held-back feedback merged with journey's held-back insights. */
    public Page list(UUID workspaceId, int limit, int offset) {
        int upTo = offset + limit;
        List<Item> items = new ArrayList<>(jdbc.query("""
                        select id, journey_id, touchpoint_id, text, suspected_injection, created_at from feedback
                        where workspace_id = ? and suspected_injection is not null and released_at is null
                        order by created_at desc, id limit ?""",
                (rs, n) -> new Item(rs.getObject("id", UUID.class), "feedback", rs.getObject("journey_id", UUID.class),
                        rs.getObject("touchpoint_id", UUID.class), rs.getString("text"),
                        rs.getString("suspected_injection"), rs.getObject("created_at", OffsetDateTime.class)),
                workspaceId, upTo));
        for (Insight insight : insights.heldBack(workspaceId, upTo)) {
            items.add(new Item(insight.id(), "insight", insight.journeyId(), null, insight.title() + ". " + insight.text(),
                    insight.suspectedInjection(), insight.createdAt().atOffset(ZoneOffset.UTC)));
        }
        items.sort(Comparator.comparing(Item::createdAt).reversed().thenComparing(Item::id));
        long total = jdbc.queryForObject("""
                select count(*) from feedback
                where workspace_id = ? and suspected_injection is not null and released_at is null""",
                Long.class, workspaceId) + insights.heldBackCount(workspaceId);
        return new Page(List.copyOf(items.subList(Math.min(offset, items.size()), Math.min(upTo, items.size()))),
                total, limit, offset);
    }

    /** An editor lets the item reach the assistant; 404 when no such item is held back in the workspace. */
    @Transactional
    public Released release(UUID workspaceId, UUID id, String releasedBy) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID journeyId = jdbc.query("select journey_id from feedback where workspace_id = ? and id = ?"
                + " and suspected_injection is not null and released_at is null",
                (rs, n) -> rs.getObject(1, UUID.class), workspaceId, id).stream().findFirst().orElse(null);
        boolean feedback = jdbc.update("update feedback set released_by = ?, released_at = ? where workspace_id = ?"
                + " and id = ? and suspected_injection is not null and released_at is null", releasedBy, now, workspaceId,
                id) == 1;
        if (feedback) {
            index.release(workspaceId, id);
            // the analytics (themes and their quotes) may now use it
            EvidenceStore.recordChange(jdbc, workspaceId, journeyId == null ? List.of() : List.of(journeyId));
            return new Released(id, "feedback", releasedBy, now);
        }
        if (insights.release(workspaceId, id, releasedBy)) {
            return new Released(id, "insight", releasedBy, now);
        }
        throw ApiProblemException.notFound("Quarantined item", id);
    }
}
