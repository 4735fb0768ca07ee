package com.journeyassistant.suggestions;

import com.journeyassistant.platform.AuditTrail;
import com.journeyassistant.platform.ApiProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Suggestions and their review history. A suggestion's original content never changes; each
 * review is appended as an event, and the latest edit is its current content.
 */
@Service
public class Suggestions {

    public enum Kind { PERSONA, OPPORTUNITY, SOLUTION, CONTENT_VARIANT, EXPERIMENT }

    public enum Status { PROPOSED, ACCEPTED, REJECTED, EDITED }

    /** A pointer from generated content to the evidence behind it. */
    public record Citation(String ref, UUID evidenceId, String type, String quote) {
    }

    public record Event(int seq, Status status, Map<String, Object> content, String actor, String note, Instant at) {
    }

    public record Suggestion(UUID id, UUID journeyId, Kind kind, String targetType, UUID targetId, UUID generationId,
                      Map<String, Object> content, Map<String, Object> currentContent, List<Citation> citations, String model,
                      String promptVersion, int inputTokens, int outputTokens, String requestedBy, Status status,
                      long version, Instant createdAt, Instant updatedAt, List<Event> history) {

        /** One line that tells suggestions apart in a list: the subject or text of copy, else a title, name or hypothesis. */
        public String headline() {
            Object fields = currentContent.get("fields");
            List<Object> candidates = new ArrayList<>();
            if (fields instanceof Map<?, ?> copy) {
                candidates.add(copy.get("subject"));
                candidates.add(copy.get("text"));
            }
            candidates.add(currentContent.get("title"));
            candidates.add(currentContent.get("name"));
            candidates.add(currentContent.get("hypothesis"));
            candidates.add(currentContent.get("angle"));
            return candidates.stream().filter(String.class::isInstance).map(String.class::cast).findFirst().orElse("");
        }
    }

    /** What one generation produced for one target, before it is stored. */
    public record Draft(Map<String, Object> content, List<Citation> citations) {
    }

    public record Provenance(UUID journeyId, Kind kind, String targetType, UUID targetId, String model, String promptVersion,
                      int inputTokens, int outputTokens, String requestedBy) {
    }

    public record Review(String status, Map<String, Object> content, String note, Long version) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> CONTENT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final SuggestionEffects effects;
    private final AuditTrail audit;

    Suggestions(JdbcClient jdbc, SuggestionEffects effects, AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.effects = effects;
    }

    @Transactional
    public List<Suggestion> store(UUID workspaceId, Provenance provenance, List<Draft> drafts) {
        return store(workspaceId, provenance, drafts, null);
    }

    /** As {@link #store(UUID, Provenance, List)}, tagged with the batch cell they were made for. */
    @Transactional
    public List<Suggestion> store(UUID workspaceId, Provenance provenance, List<Draft> drafts, UUID batchCellId) {
        UUID generationId = UUID.randomUUID();
        OffsetDateTime now = now();
        List<UUID> ids = new ArrayList<>();
        for (Draft draft : drafts) {
            // a microsecond apart, so that lists ordered by creation keep the order the model wrote them in
            now = now.plusNanos(1000);
            UUID id = UUID.randomUUID();
            String content = JSON.writeValueAsString(draft.content());
            jdbc.sql("""
                    insert into suggestion (id, workspace_id, journey_id, kind, target_type, target_id, generation_id,
                        content, current_content, citations, model, prompt_version, input_tokens, output_tokens,
                        requested_by, status, version, created_at, updated_at, batch_cell_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PROPOSED', 1, ?, ?, ?)""")
                    .params(id, workspaceId, provenance.journeyId(), provenance.kind().name(), provenance.targetType(),
                            provenance.targetId(), generationId, content, content,
                            JSON.writeValueAsString(draft.citations()), provenance.model(), provenance.promptVersion(),
                            provenance.inputTokens(), provenance.outputTokens(), provenance.requestedBy(), now, now,
                            batchCellId)
                    .update();
            appendEvent(id, 1, Status.PROPOSED, null, provenance.requestedBy(), null, now);
            ids.add(id);
        }
        return listByIds(workspaceId, ids);
    }

    public Suggestion get(UUID workspaceId, UUID id) {
        Suggestion found = listByIds(workspaceId, List.of(id)).get(0);
        if (found == null) {
            throw ApiProblemException.notFound("Suggestion", id);
        }
        return found;
    }

    /** The suggestions with these ids, in that order (null where none is in the workspace), with their histories. */
    private List<Suggestion> listByIds(UUID workspaceId, List<UUID> ids) {
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(workspaceId));
        params.addAll(ids);
        Map<UUID, List<Event>> histories = histories(ids);
        Map<UUID, Suggestion> byId = new HashMap<>();
        jdbc.sql("select * from suggestion where workspace_id = ? and id in (" + marks + ")").params(params)
                .query((rs, n) -> row(rs, histories.getOrDefault(rs.getObject("id", UUID.class), List.of())))
                .list().forEach(s -> byId.put(s.id(), s));
        return ids.stream().map(byId::get).toList();
    }

    private Map<UUID, List<Event>> histories(List<UUID> ids) {
        Map<UUID, List<Event>> histories = new HashMap<>();
        if (ids.isEmpty()) {
            return histories;
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        jdbc.sql("select * from suggestion_event where suggestion_id in (" + marks + ") order by suggestion_id, seq")
                .params(new ArrayList<Object>(ids))
                .query(e -> {
                    histories.computeIfAbsent(e.getObject("suggestion_id", UUID.class), k -> new ArrayList<>())
                            .add(event(e));
                });
        return histories;
    }

    /** The suggestions made for these batch cells, by cell, oldest first; a cell without any is absent. */
    public Map<UUID, List<Suggestion>> ofBatchCells(UUID workspaceId, List<UUID> cellIds) {
        Map<UUID, List<Suggestion>> byCell = new java.util.LinkedHashMap<>();
        for (int from = 0; from < cellIds.size(); from += 500) {
            List<UUID> part = cellIds.subList(from, Math.min(cellIds.size(), from + 500));
            List<Object> params = new ArrayList<>(List.of(workspaceId));
            params.addAll(part);
            Map<UUID, UUID> cellOf = new HashMap<>();
            List<UUID> ids = new ArrayList<>();
            jdbc.sql("select id, batch_cell_id from suggestion where workspace_id = ? and batch_cell_id in ("
                            + String.join(", ", Collections.nCopies(part.size(), "?")) + ") order by created_at, id")
                    .params(params).query(rs -> {
                        UUID id = rs.getObject("id", UUID.class);
                        cellOf.put(id, rs.getObject("batch_cell_id", UUID.class));
                        ids.add(id);
                    });
            if (!ids.isEmpty()) {
                for (Suggestion suggestion : listByIds(workspaceId, ids)) {
                    byCell.computeIfAbsent(cellOf.get(suggestion.id()), k -> new ArrayList<>()).add(suggestion);
                }
            }
        }
        return byCell;
    }

    public List<Suggestion> forTarget(UUID workspaceId, String targetType, UUID targetId) {
        List<UUID> ids = jdbc.sql("""
                select id from suggestion where workspace_id = ? and target_type = ? and target_id = ?
                order by created_at desc, id""").params(workspaceId, targetType, targetId).query(UUID.class).list();
        return ids.isEmpty() ? List.of() : listByIds(workspaceId, ids);
    }

    /** Every suggestion for a journey and what is on it, newest first, optionally of one kind and one status. */
    public List<Suggestion> forJourney(UUID workspaceId, UUID journeyId, Kind kind, Status status) {
        StringBuilder sql = new StringBuilder("select id from suggestion where workspace_id = ? and journey_id = ?");
        List<Object> params = new ArrayList<>(List.of(workspaceId, journeyId));
        if (kind != null) {
            sql.append(" and kind = ?");
            params.add(kind.name());
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status.name());
        }
        List<UUID> ids = jdbc.sql(sql.append(" order by created_at desc, id limit 500").toString()).params(params)
                .query(UUID.class).list();
        return ids.isEmpty() ? List.of() : listByIds(workspaceId, ids);
    }

    /** Accept, reject or edit; a decided suggestion (accepted or rejected) cannot be reviewed again. */
    @Transactional
    public Suggestion review(UUID workspaceId, UUID id, Review review, String reviewer) {
        Suggestion current = get(workspaceId, id);
        Status status;
        try {
            status = Status.valueOf(String.valueOf(review.status()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            status = Status.PROPOSED;
        }
        if (status == Status.PROPOSED) {
            throw ApiProblemException.invalid("status", "must be ACCEPTED, REJECTED or EDITED");
        }
        if (status == Status.EDITED && review.content() == null) {
            throw ApiProblemException.invalid("content", "an edit needs the edited content as a JSON object");
        }
        if (status != Status.EDITED && review.content() != null) {
            throw ApiProblemException.invalid("content", "only an edit carries content");
        }
        if (review.note() != null && review.note().length() > 2000) {
            throw ApiProblemException.invalid("note", "must be at most 2000 characters");
        }
        if (review.version() != null && review.version() < 0) {
            throw ApiProblemException.invalid("version", "must be 0 or more");
        }
        if (review.version() != null && review.version() != current.version()) {
            throw ApiProblemException.staleVersion("Suggestion", review.version(), current.version());
        }
        if (current.status() == Status.ACCEPTED || current.status() == Status.REJECTED) {
            throw ApiProblemException.conflict("Suggestion " + id + " was already " + current.status()
                    + "; its history is kept as it is");
        }
        OffsetDateTime now = now();
        String content = status == Status.EDITED ? JSON.writeValueAsString(review.content()) : null;
        int changed = jdbc.sql("""
                update suggestion set status = ?, current_content = coalesce(?, current_content), version = version + 1,
                    updated_at = ? where id = ? and workspace_id = ? and version = ?""")
                .params(status.name(), content, now, id, workspaceId, current.version()).update();
        if (changed == 0) {
            throw ApiProblemException.staleVersion("Suggestion", current.version(), current.version() + 1);
        }
        if (status == Status.ACCEPTED) {
            var created = SuggestionEffects.asContent(effects.accept(workspaceId, get(workspaceId, id)));
            content = created == null ? null : JSON.writeValueAsString(created);
        }
        appendEvent(id, current.history().size() + 1, status, content, reviewer, review.note(), now);
        audit.recordBy(workspaceId, reviewer, "suggestion." + status.name().toLowerCase(Locale.ROOT), "suggestion", id,
                current.kind().name());
        return get(workspaceId, id);
    }

    private void appendEvent(UUID suggestionId, int seq, Status status, String content, String actor, String note,
                             OffsetDateTime at) {
        jdbc.sql("""
                insert into suggestion_event (id, suggestion_id, seq, status, content, actor, note, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), suggestionId, seq, status.name(), content, actor, note, at).update();
    }

    private static Event event(ResultSet e) throws SQLException {
        return new Event(e.getInt("seq"), Status.valueOf(e.getString("status")),
                e.getString("content") == null ? null : JSON.readValue(e.getString("content"), CONTENT), e.getString("actor"),
                e.getString("note"), e.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static Suggestion row(ResultSet rs, List<Event> history) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Suggestion(id, rs.getObject("journey_id", UUID.class), Kind.valueOf(rs.getString("kind")),
                rs.getString("target_type"), rs.getObject("target_id", UUID.class),
                rs.getObject("generation_id", UUID.class), JSON.readValue(rs.getString("content"), CONTENT),
                JSON.readValue(rs.getString("current_content"), CONTENT), JSON.readValue(rs.getString("citations"), CITATIONS),
                rs.getString("model"), rs.getString("prompt_version"), rs.getInt("input_tokens"),
                rs.getInt("output_tokens"), rs.getString("requested_by"), Status.valueOf(rs.getString("status")),
                rs.getLong("version"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), history);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
