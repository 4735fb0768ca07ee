package com.journeyassistant.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Work a person starts in one request and finishes in another, kept in the database so that any
 * instance behind a load balancer can finish it, and no instance's memory holds it: an upload
 * waiting for its preview to be confirmed, a chat message waiting for its answer stream, and the
 * tokens of submitted forms, so that a second submit of a form is shown the first one's outcome
 * instead of doing the work again. Only the person (or key) who started a handoff may finish it.
 */
@Service
public class Handoffs {

    public enum Kind { EVIDENCE_UPLOAD, BATCH_BRIEFS, CHAT_TURN, FORM }

    /** Parked work, taken for finishing: its small fields, and whether a file is parked with it. */
    public record Handoff(UUID id, Kind kind, Map<String, String> details, Instant createdAt) {
        public String detail(String name) {
            return details.get(name);
        }
    }

    /** What a form's token says when its form is submitted. */
    public sealed interface Submission {
        /** The first submit: do the work, then {@link #done} or {@link #release} the token. */
        record First(UUID id) implements Submission {
        }

        /** A submit of a form already done: where the first submit led. */
        record AlreadyDone(String outcome) implements Submission {
        }

        /** The first submit is still at work. */
        record InProgress(UUID id) implements Submission {
        }
    }

    static final int PART_SIZE = 1024 * 1024;
    /** Finished forms are remembered this long, so a late second submit still finds the first's outcome. */
    private static final Duration DONE_KEPT_FOR = Duration.ofDays(1);
    /** Parked work nobody finished is dropped after this long. */
    private static final Duration WAITING_KEPT_FOR = Duration.ofHours(2);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;

    Handoffs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Parks work for the caller, with its small fields and (when not null) a file; answers its id. */
    @Transactional
    public UUID park(CurrentWorkspace caller, Kind kind, Map<String, String> details, InputStream file) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("insert into handoff (id, workspace_id, owner_id, kind, token, details, state, created_at, updated_at)"
                        + " values (?, ?, ?, ?, null, ?, 'WAITING', ?, ?)")
                .params(id, caller.workspaceId(), caller.apiKeyId(), kind.name(), JSON.writeValueAsString(details),
                        now, now)
                .update();
        if (file != null) {
            storeParts(id, file);
        }
        return id;
    }

    /**
     * Takes parked work to finish it: once, by the person who parked it, in their workspace, while it
     * is younger than {@code keptFor}. Empty when it is gone, taken already, too old or someone else's.
     */
    public Optional<Handoff> take(CurrentWorkspace caller, Kind kind, UUID id, Duration keptFor) {
        OffsetDateTime now = now();
        int taken = jdbc.sql("update handoff set state = 'TAKEN', updated_at = ? where id = ? and workspace_id = ?"
                        + " and owner_id = ? and kind = ? and state = 'WAITING' and created_at > ?")
                .params(now, id, caller.workspaceId(), caller.apiKeyId(), kind.name(),
                        now.minus(keptFor)).update();
        if (taken == 0) {
            return Optional.empty();
        }
        return jdbc.sql("select id, kind, details, created_at from handoff where id = ? and workspace_id = ?")
                .params(id, caller.workspaceId())
                .query((rs, n) -> new Handoff(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")),
                        JSON.readValue(rs.getString("details"), DETAILS),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Where a taken handoff of the caller's ended, once it has: the outcome {@link #done} recorded. */
    public Optional<String> outcome(CurrentWorkspace caller, UUID id) {
        return jdbc.sql("select outcome from handoff where id = ? and workspace_id = ? and owner_id = ? and state = 'DONE'")
                .params(id, caller.workspaceId(), caller.apiKeyId()).query(String.class).optional();
    }

    /**
     * Waits while another request finishes the caller's handoff, at most {@code atMost}: where it
     * led once done; empty when it is gone (failed, or never existed) or still at work.
     */
    public Optional<String> awaitOutcome(CurrentWorkspace caller, UUID id, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            Optional<String> state = jdbc.sql("select state from handoff where id = ? and workspace_id = ? and owner_id = ?")
                    .params(id, caller.workspaceId(), caller.apiKeyId()).query(String.class).optional();
            if (state.isEmpty() || state.get().equals("WAITING")) {
                return Optional.empty();
            }
            if (state.get().equals("DONE")) {
                return outcome(caller, id);
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Whether another request is finishing the caller's handoff right now. */
    public boolean inProgress(CurrentWorkspace caller, UUID id) {
        return jdbc.sql("select count(*) from handoff where id = ? and workspace_id = ? and owner_id = ? and state = 'TAKEN'")
                .params(id, caller.workspaceId(), caller.apiKeyId()).query(Integer.class).single() > 0;
    }

    /**
     * The parked file, read a part at a time: each part is a query of its own, so reading a file of
     * any size holds one part in memory and no connection between parts.
     */
    public InputStream file(UUID workspaceId, UUID id) {
        int parts = jdbc.sql("select count(*) from handoff_part p join handoff h on h.id = p.handoff_id"
                        + " where h.id = ? and h.workspace_id = ?")
                .params(id, workspaceId).query(Integer.class).single();
        return new SequenceInputStream(new Enumeration<>() {
            private int next;

            @Override
            public boolean hasMoreElements() {
                return next < parts;
            }

            @Override
            public InputStream nextElement() {
                if (next >= parts) {
                    throw new NoSuchElementException();
                }
                byte[] data = jdbc.sql("select data from handoff_part where handoff_id = ? and seq = ?")
                        .params(id, next++).query(byte[].class).single();
                return new ByteArrayInputStream(data);
            }
        });
    }

    /**
     * Claims a form's token for this submit. The first submit gets {@link Submission.First}; a
     * later one of the same form, by the same person, learns where the first led or that it is
     * still at work.
     */
    public Submission submit(CurrentWorkspace caller, String token) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        try {
            jdbc.sql("insert into handoff (id, workspace_id, owner_id, kind, token, details, state, created_at, updated_at)"
                            + " values (?, ?, ?, 'FORM', ?, '{}', 'TAKEN', ?, ?)")
                    .params(id, caller.workspaceId(), caller.apiKeyId(), token, now, now).update();
            return new Submission.First(id);
        } catch (DuplicateKeyException alreadySubmitted) {
            return jdbc.sql("select id, state, outcome from handoff where owner_id = ? and kind = 'FORM' and token = ?"
                            + " and workspace_id = ?")
                    .params(caller.apiKeyId(), token, caller.workspaceId())
                    .query((rs, n) -> "DONE".equals(rs.getString("state"))
                            ? (Submission) new Submission.AlreadyDone(rs.getString("outcome"))
                            : new Submission.InProgress(rs.getObject("id", UUID.class)))
                    .optional()
                    // released between our insert and this read: this submit may be the first after all
                    .orElseGet(() -> submit(caller, token));
        }
    }

    /** Records where finished work led (a page's address), and drops its file. */
    @Transactional
    public void done(UUID id, String outcome) {
        jdbc.sql("update handoff set state = 'DONE', outcome = ?, updated_at = ? where id = ?")
                .params(outcome, now(), id).update();
        jdbc.sql("delete from handoff_part where handoff_id = ?").param(id).update();
    }

    /** Parks taken work again, when finishing it failed: its owner may try once more. */
    public void putBack(UUID id) {
        jdbc.sql("update handoff set state = 'WAITING', updated_at = ? where id = ? and state = 'TAKEN'")
                .params(now(), id).update();
    }

    /** Forgets a handoff and its file: work that failed, or a form whose submit did nothing, may be tried again. */
    public void release(UUID id) {
        jdbc.sql("delete from handoff where id = ?").param(id).update();
    }

    /** Drops finished handoffs after a day and parked work nobody finished after two hours, across workspaces. */
    @Scheduled(fixedDelayString = "${journey.handoffs.purge-interval:PT10M}", initialDelayString = "PT1M")
    void purge() {
        Instant now = clock.instant();
        TenantScope.acrossWorkspaces("clearing handoffs", () -> jdbc.sql(
                        "delete from handoff where (state = 'DONE' and updated_at < ?) or (state <> 'DONE' and updated_at < ?)")
                .params(now.minus(DONE_KEPT_FOR).atOffset(ZoneOffset.UTC), now.minus(WAITING_KEPT_FOR).atOffset(ZoneOffset.UTC))
                .update());
    }

    private void storeParts(UUID id, InputStream file) {
        try (file) {
            int seq = 0;
            byte[] part;
            while ((part = file.readNBytes(PART_SIZE)).length > 0) {
                jdbc.sql("insert into handoff_part (handoff_id, seq, data) values (?, ?, ?)")
                        .params(id, seq++, part).update();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
