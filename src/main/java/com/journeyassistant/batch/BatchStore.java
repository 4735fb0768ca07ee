package com.journeyassistant.batch;

import com.journeyassistant.batch.BatchModels.Cell;
import com.journeyassistant.batch.BatchModels.CellStatus;
import com.journeyassistant.batch.BatchModels.PlannedCell;
import com.journeyassistant.batch.BatchModels.RunStatus;
import com.journeyassistant.journey.Channel;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The runs and their cells. Cells are claimed with a lease, so that a worker that dies gives its cell back. */
@Repository
class BatchStore {

    /** A run as stored, with the caller it runs as. */
    record Run(UUID id, UUID workspaceId, UUID journeyId, String name, String source, RunStatus status,
               String requestedBy, String callerSlug, Role callerRole, UUID callerKeyId, int round,
               Long jobExecutionId, String owner, Instant heartbeatAt, Instant createdAt, Instant startedAt,
               Instant finishedAt, BatchModels.Delivery delivery, String providerBatchId, String providerStatus) {

        /** Whether the run still goes through the provider's batch endpoint (a retry afterwards goes live). */
        boolean throughProvider() {
            return delivery == BatchModels.Delivery.PROVIDER_BATCH && (providerStatus == null
                    || !List.of("completed", "failed", "expired", "cancelled").contains(providerStatus));
        }

        CurrentWorkspace caller() {
            return new CurrentWorkspace(workspaceId, callerSlug, callerRole, callerKeyId, requestedBy);
        }
    }

    /** Counts of a run's cells by status, and the tokens its cells used. */
    record Tally(Map<CellStatus, Integer> byStatus, long inputTokens, long outputTokens, int finishedLastMinute) {

        int of(CellStatus status) {
            return byStatus.getOrDefault(status, 0);
        }

        int total() {
            return byStatus.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final JdbcClient jdbc;

    BatchStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    /** A new run owned by {@code owner} from the start, so that no process takes it for one whose owner died. */
    Run create(CurrentWorkspace caller, UUID journeyId, String name, String source, List<PlannedCell> cells,
               String owner, BatchModels.Delivery delivery) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("""
                insert into batch_run (id, workspace_id, journey_id, name, source, status, requested_by, caller_slug,
                    caller_role, caller_key_id, round, owner, heartbeat_at, created_at, started_at, delivery)
                values (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""")
                .params(id, caller.workspaceId(), journeyId, name, source, caller.apiKeyName(), caller.slug(),
                        caller.role().name(), caller.apiKeyId(), owner, now, now, now, delivery.name()).update();
        for (PlannedCell cell : cells) {
            jdbc.sql("""
                    insert into batch_cell (id, run_id, position, touchpoint_id, persona_id, channel, language,
                        variant_count, brief, status, reason, attempts, input_tokens, output_tokens)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)""")
                    .params(UUID.randomUUID(), id, cell.position(), cell.touchpointId(), cell.personaId(),
                            cell.channel().name(), cell.language(), cell.count(), cell.brief(),
                            cell.blocked() == null ? CellStatus.PENDING.name() : CellStatus.BLOCKED.name(),
                            cell.blocked())
                    .update();
        }
        return run(id).orElseThrow();
    }

    Optional<Run> run(UUID id) {
        return jdbc.sql("select * from batch_run where id = ?").param(id).query(BatchStore::run).optional();
    }

    /** The run if it is in the workspace; 404 otherwise, the same as one that does not exist. */
    Run run(UUID workspaceId, UUID id) {
        return jdbc.sql("select * from batch_run where id = ? and workspace_id = ?").params(id, workspaceId)
                .query(BatchStore::run).optional().orElseThrow(() -> ApiProblemException.notFound("Batch", id));
    }

    List<Run> runs(UUID workspaceId, UUID journeyId) {
        return jdbc.sql("""
                select * from batch_run where workspace_id = ? and journey_id = ? order by created_at desc limit 100""")
                .params(workspaceId, journeyId).query(BatchStore::run).list();
    }

    /** Runs under way whose owner has not said it is alive since {@code silentSince}. */
    List<Run> orphans(Instant silentSince) {
        return jdbc.sql("""
                select * from batch_run where status in ('RUNNING', 'PAUSING')
                and (heartbeat_at is null or heartbeat_at < ?) order by created_at""")
                .param(at(silentSince)).query(BatchStore::run).list();
    }

    /** Takes a run over for {@code owner}, unless another process took it since it was found silent. */
    boolean takeOver(UUID runId, String previousOwner, String owner) {
        return previousOwner == null
                ? jdbc.sql("update batch_run set owner = ?, heartbeat_at = ? where id = ? and owner is null")
                        .params(owner, now(), runId).update() == 1
                : jdbc.sql("update batch_run set owner = ?, heartbeat_at = ? where id = ? and owner = ?")
                        .params(owner, now(), runId, previousOwner).update() == 1;
    }

    void heartbeat(String owner, List<UUID> runIds) {
        for (UUID id : runIds) {
            jdbc.sql("update batch_run set heartbeat_at = ? where id = ? and owner = ?").params(now(), id, owner)
                    .update();
        }
    }

    void started(UUID runId, String owner, long jobExecutionId) {
        jdbc.sql("update batch_run set owner = ?, heartbeat_at = ?, job_execution_id = ? where id = ?")
                .params(owner, now(), jobExecutionId, runId).update();
    }

    /** Moves the run to {@code to} if it is in one of {@code from}; whether it did. */
    boolean status(UUID runId, RunStatus to, RunStatus... from) {
        String marks = String.join(", ", java.util.Collections.nCopies(from.length, "?"));
        List<Object> params = new java.util.ArrayList<>(List.of(to.name()));
        String set = "status = ?";
        if (to == RunStatus.RUNNING) {
            set += ", started_at = ?, finished_at = null";
            params.add(now());
        } else if (isEnd(to)) {
            set += ", finished_at = ?";
            params.add(now());
        }
        params.add(runId);
        for (RunStatus status : from) {
            params.add(status.name());
        }
        return jdbc.sql("update batch_run set " + set + " where id = ? and status in (" + marks + ")").params(params)
                .update() == 1;
    }

    void nextRound(UUID runId) {
        jdbc.sql("update batch_run set round = round + 1 where id = ?").param(runId).update();
    }

    /**
     * Claims the next cell to work on for {@code claim}: a pending one, or one whose lease ran out
     * (its worker died). The update re-checks the cell's state, so two workers never hold one cell.
     */
    Optional<Cell> claim(UUID runId, String claim, Instant leaseUntil) {
        OffsetDateTime now = now();
        for (int tries = 0; tries < 5; tries++) {
            List<UUID> candidates = jdbc.sql("""
                    select id from batch_cell where run_id = ?
                    and (status = 'PENDING' or (status = 'RUNNING' and lease_until < ?))
                    order by position limit 8""").params(runId, now).query(UUID.class).list();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            // workers starting together would all reach for the first cell; a random one of the next few spreads them
            UUID id = candidates.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(candidates.size()));
            int claimed = jdbc.sql("""
                    update batch_cell set status = 'RUNNING', claim = ?, lease_until = ?, attempts = attempts + 1
                    where id = ? and (status = 'PENDING' or (status = 'RUNNING' and lease_until < ?))""")
                    .params(claim, at(leaseUntil), id, now).update();
            if (claimed == 1) {
                return Optional.of(cell(id));
            }
        }
        return Optional.empty();
    }

    /** Marks a claimed cell done with what it produced; false when the claim was lost (nothing may be stored then). */
    boolean done(UUID cellId, String claim, UUID generationId, int inputTokens, int outputTokens) {
        return jdbc.sql("""
                update batch_cell set status = 'DONE', generation_id = ?, input_tokens = ?, output_tokens = ?,
                    reason = null, claim = null, lease_until = null, finished_at = ?
                where id = ? and claim = ? and status = 'RUNNING' and generation_id is null""")
                .params(generationId, inputTokens, outputTokens, now(), cellId, claim).update() == 1;
    }

    boolean failed(UUID cellId, String claim, String reason) {
        return jdbc.sql("""
                update batch_cell set status = 'FAILED', reason = ?, claim = null, lease_until = null, finished_at = ?
                where id = ? and claim = ? and status = 'RUNNING'""")
                .params(reason.length() > 2000 ? reason.substring(0, 2000) : reason, now(), cellId, claim)
                .update() == 1;
    }

    /** Gives a claimed cell back untouched (the model is unavailable for a while); its attempt does not count. */
    void giveBack(UUID cellId, String claim) {
        jdbc.sql("""
                update batch_cell set status = 'PENDING', claim = null, lease_until = null, attempts = attempts - 1
                where id = ? and claim = ? and status = 'RUNNING'""").params(cellId, claim).update();
    }

    /** After its owner died: the cells it had in flight are pending again. */
    int releaseClaims(UUID runId, String claimPrefix) {
        return jdbc.sql("""
                update batch_cell set status = 'PENDING', claim = null, lease_until = null
                where run_id = ? and status = 'RUNNING' and claim like ?""")
                .params(runId, claimPrefix + "%").update();
    }

    /** Says that the process {@code name} is alive. */
    void nodeAlive(String name, String mode) {
        OffsetDateTime now = now();
        if (jdbc.sql("update batch_node set heartbeat_at = ?, mode = ? where name = ?").params(now, mode, name)
                .update() == 0) {
            jdbc.sql("insert into batch_node (name, mode, heartbeat_at) values (?, ?, ?)").params(name, mode, now)
                    .update();
        }
    }

    /** The processes that have not said they are alive since {@code since}. */
    List<String> silentNodes(Instant since) {
        return jdbc.sql("select name from batch_node where heartbeat_at < ?").param(at(since)).query(String.class)
                .list();
    }

    /** The processes in {@code mode} alive since {@code since}. */
    int liveNodes(String mode, Instant since) {
        return jdbc.sql("select count(*) from batch_node where mode = ? and heartbeat_at >= ?").params(mode, at(since))
                .query(Integer.class).single();
    }

    /** A silent process's cells are pending again, in every run; then it is forgotten. How many cells. */
    int releaseNode(String name, String claimPrefix) {
        int released = jdbc.sql("update batch_cell set status = 'PENDING', claim = null, lease_until = null"
                + " where status = 'RUNNING' and claim like ?").param(claimPrefix + "%").update();
        jdbc.sql("delete from batch_node where name = ?").param(name).update();
        return released;
    }

    /** Cells of the run being worked on by some worker. */
    int inFlight(UUID runId) {
        return jdbc.sql("select count(*) from batch_cell where run_id = ? and status = 'RUNNING'").param(runId)
                .query(Integer.class).single();
    }

    void providerBatch(UUID runId, String batchId, String status) {
        jdbc.sql("update batch_run set provider_batch_id = ?, provider_status = ? where id = ?")
                .params(batchId, status, runId).update();
    }

    void providerStatus(UUID runId, String status) {
        jdbc.sql("update batch_run set provider_status = ? where id = ?").params(status, runId).update();
    }

    /** What a cell was asked with through the provider's batch endpoint, until its answer arrives. */
    void freeze(UUID cellId, String frozen) {
        jdbc.sql("update batch_cell set frozen = ? where id = ?").params(frozen, cellId).update();
    }

    String frozen(UUID cellId) {
        return jdbc.sql("select frozen from batch_cell where id = ?").param(cellId).query(String.class).optional()
                .orElse(null);
    }

    /** The cells still held under {@code claim}. */
    List<Cell> held(UUID runId, String claim) {
        return jdbc.sql("select * from batch_cell where run_id = ? and status = 'RUNNING' and claim = ?"
                + " order by position").params(runId, claim).query(BatchStore::cell).list();
    }

    int cancelHeld(UUID runId, String claim) {
        return jdbc.sql("update batch_cell set status = 'CANCELLED', reason = 'cancelled before it was answered',"
                + " claim = null, lease_until = null, finished_at = ? where run_id = ? and status = 'RUNNING'"
                + " and claim = ?").params(now(), runId, claim).update();
    }

    int retryFailed(UUID runId) {
        return jdbc.sql("update batch_cell set status = 'PENDING', reason = null, finished_at = null"
                + " where run_id = ? and status = 'FAILED'").param(runId).update();
    }

    int cancelPending(UUID runId) {
        return jdbc.sql("update batch_cell set status = 'CANCELLED', reason = 'cancelled before it ran', finished_at = ?"
                + " where run_id = ? and status = 'PENDING'").params(now(), runId).update();
    }

    Tally tally(UUID runId) {
        Map<CellStatus, Integer> byStatus = new EnumMap<>(CellStatus.class);
        long[] tokens = new long[2];
        jdbc.sql("""
                select status, count(*) as n, coalesce(sum(input_tokens), 0) as tin, coalesce(sum(output_tokens), 0)
                    as tout from batch_cell where run_id = ? group by status""").param(runId).query(rs -> {
                        byStatus.put(CellStatus.valueOf(rs.getString("status")), rs.getInt("n"));
                        tokens[0] += rs.getLong("tin");
                        tokens[1] += rs.getLong("tout");
                    });
        Integer lastMinute = jdbc.sql("""
                select count(*) from batch_cell where run_id = ? and status in ('DONE', 'FAILED') and finished_at >= ?""")
                .params(runId, now().minusMinutes(1)).query(Integer.class).single();
        return new Tally(byStatus, tokens[0], tokens[1], lastMinute);
    }

    /** Cells finished since the run (re)started, for its rate. */
    int finishedSince(UUID runId, Instant since) {
        return jdbc.sql("""
                select count(*) from batch_cell where run_id = ? and status in ('DONE', 'FAILED') and finished_at >= ?""")
                .params(runId, at(since)).query(Integer.class).single();
    }

    Cell cell(UUID id) {
        return jdbc.sql("select * from batch_cell where id = ?").param(id).query(BatchStore::cell).single();
    }

    List<Cell> cells(UUID runId, CellStatus status, int offset, int limit) {
        return status == null
                ? jdbc.sql("select * from batch_cell where run_id = ? order by position limit ? offset ?")
                        .params(runId, limit, offset).query(BatchStore::cell).list()
                : jdbc.sql("select * from batch_cell where run_id = ? and status = ? order by position limit ? offset ?")
                        .params(runId, status.name(), limit, offset).query(BatchStore::cell).list();
    }

    private static boolean isEnd(RunStatus status) {
        return status == RunStatus.COMPLETED || status == RunStatus.CANCELLED || status == RunStatus.FAILED;
    }

    private static Run run(ResultSet rs, int n) throws SQLException {
        return new Run(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getObject("journey_id", UUID.class), rs.getString("name"), rs.getString("source"),
                RunStatus.valueOf(rs.getString("status")), rs.getString("requested_by"), rs.getString("caller_slug"),
                Role.valueOf(rs.getString("caller_role")), rs.getObject("caller_key_id", UUID.class),
                rs.getInt("round"), rs.getObject("job_execution_id", Long.class), rs.getString("owner"),
                instant(rs, "heartbeat_at"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), BatchModels.Delivery.valueOf(rs.getString("delivery")),
                rs.getString("provider_batch_id"), rs.getString("provider_status"));
    }

    private static Cell cell(ResultSet rs, int n) throws SQLException {
        return new Cell(rs.getObject("id", UUID.class), rs.getInt("position"), rs.getObject("touchpoint_id", UUID.class),
                rs.getObject("persona_id", UUID.class), Channel.valueOf(rs.getString("channel")),
                rs.getString("language"), rs.getInt("variant_count"), rs.getString("brief"),
                CellStatus.valueOf(rs.getString("status")), rs.getString("reason"), rs.getInt("attempts"),
                rs.getInt("input_tokens"), rs.getInt("output_tokens"), rs.getObject("generation_id", UUID.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
