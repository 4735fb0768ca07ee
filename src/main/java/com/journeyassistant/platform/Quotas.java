package com.journeyassistant.platform;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What one workspace, and one key (or person) in it, may spend on the model: calls a minute and tokens a day (UTC).
 * Past either, a request that would call the model answers 429 with Retry-After before anything is asked. Tokens
 * a day are counted in the database, so they hold across restarts and instances; calls a minute are counted by each
 * instance. A limit of 0 means none.
 */
@Service
public class Quotas {

    /** The limits in force. */
    public record Limits(int workspaceCallsPerMinute, int keyCallsPerMinute, long workspaceTokensPerDay,
                         long keyTokensPerDay) {
    }

    /** One caller's use on one day. */
    public record CallerUsage(UUID callerId, String caller, long calls, long tokens) {
    }

    /** A workspace's use: today's totals and by caller, and the totals of the days before. */
    public record Usage(LocalDate today, long calls, long tokens, List<CallerUsage> callers, List<Day> days,
                        Limits limits) {
    }

    public record Day(LocalDate day, long calls, long tokens) {
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Limits limits;
    private final Map<UUID, Deque<Instant>> workspaceCalls = new ConcurrentHashMap<>();
    private final Map<UUID, Deque<Instant>> callerCalls = new ConcurrentHashMap<>();

    Quotas(JdbcTemplate jdbc, Clock clock, MeterRegistry meters,
           @Value("${journey.quota.workspace-calls-per-minute:120}") int workspaceCallsPerMinute,
           @Value("${journey.quota.key-calls-per-minute:60}") int keyCallsPerMinute,
           @Value("${journey.quota.workspace-tokens-per-day:5000000}") long workspaceTokensPerDay,
           @Value("${journey.quota.key-tokens-per-day:2000000}") long keyTokensPerDay) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.limits = new Limits(workspaceCallsPerMinute, keyCallsPerMinute, workspaceTokensPerDay, keyTokensPerDay);
    }

    /**
     * Lets the caller make one request that asks the model, counting it, or refuses it with 429 and how long to
     * wait. Call it before any work is done.
     */
    public void admit(CurrentWorkspace caller) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long secondsToMidnight = Duration.between(now, today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .toSeconds() + 1;
        if (limits.workspaceTokensPerDay() > 0 && tokens(caller.workspaceId(), null, today) >= limits.workspaceTokensPerDay()) {
            throw refused("This workspace has used its " + limits.workspaceTokensPerDay()
                    + " model tokens for today (UTC)", secondsToMidnight);
        }
        if (limits.keyTokensPerDay() > 0 && caller.apiKeyId() != null
                && tokens(caller.workspaceId(), caller.apiKeyId(), today) >= limits.keyTokensPerDay()) {
            throw refused("This key has used its " + limits.keyTokensPerDay() + " model tokens for today (UTC)",
                    secondsToMidnight);
        }
        synchronized (this) {
            Deque<Instant> workspace = window(workspaceCalls, caller.workspaceId(), now);
            Deque<Instant> key = caller.apiKeyId() == null ? new ArrayDeque<>()
                    : window(callerCalls, caller.apiKeyId(), now);
            if (limits.workspaceCallsPerMinute() > 0 && workspace.size() >= limits.workspaceCallsPerMinute()) {
                throw refused("This workspace has made its " + limits.workspaceCallsPerMinute()
                        + " model requests for this minute", wait(workspace, now));
            }
            if (limits.keyCallsPerMinute() > 0 && key.size() >= limits.keyCallsPerMinute()) {
                throw refused("This key has made its " + limits.keyCallsPerMinute()
                        + " model requests for this minute", wait(key, now));
            }
            workspace.addLast(now);
            key.addLast(now);
        }
        add(caller.workspaceId(), caller.apiKeyId(), caller.apiKeyName(), today, 1, 0);
        meters.counter("journey.usage.calls", "workspace", caller.slug()).increment();
    }

    /** Counts the tokens a call of this caller used (input and output). */
    public void spend(CurrentWorkspace caller, long tokens) {
        if (tokens <= 0) {
            return;
        }
        add(caller.workspaceId(), caller.apiKeyId(), caller.apiKeyName(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), 0, tokens);
        meters.counter("journey.usage.tokens", "workspace", caller.slug()).increment(tokens);
    }

    public Usage usage(UUID workspaceId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<CallerUsage> callers = jdbc.query("""
                select caller_id, caller, calls, tokens from model_usage where workspace_id = ? and usage_day = ?
                order by tokens desc, caller""", (rs, n) -> new CallerUsage(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getLong(3), rs.getLong(4)), workspaceId, today);
        List<Day> days = jdbc.query("""
                select usage_day, sum(calls), sum(tokens) from model_usage where workspace_id = ? and usage_day >= ?
                group by usage_day order by usage_day desc""", (rs, n) -> new Day(rs.getObject(1, LocalDate.class), rs.getLong(2),
                rs.getLong(3)), workspaceId, today.minusDays(6));
        long calls = callers.stream().mapToLong(CallerUsage::calls).sum();
        long tokens = callers.stream().mapToLong(CallerUsage::tokens).sum();
        return new Usage(today, calls, tokens, callers, days, limits);
    }

    private long tokens(UUID workspaceId, UUID callerId, LocalDate day) {
        Long sum = callerId == null
                ? jdbc.queryForObject("select sum(tokens) from model_usage where workspace_id = ? and usage_day = ?",
                        Long.class, workspaceId, day)
                : jdbc.queryForObject("select sum(tokens) from model_usage where workspace_id = ? and caller_id = ?"
                        + " and usage_day = ?", Long.class, workspaceId, callerId, day);
        return sum == null ? 0 : sum;
    }

    private void add(UUID workspaceId, UUID callerId, String callerName, LocalDate day, long calls, long tokens) {
        UUID id = callerId == null ? new UUID(0, 0) : callerId;
        String name = callerName == null ? "service" : callerName;
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = jdbc.update("update model_usage set calls = calls + ?, tokens = tokens + ?"
                    + " where workspace_id = ? and caller_id = ? and usage_day = ?", calls, tokens, workspaceId, id, day);
            if (updated == 1) {
                return;
            }
            try {
                jdbc.update("insert into model_usage (workspace_id, caller_id, caller, usage_day, calls, tokens)"
                        + " values (?, ?, ?, ?, ?, ?)", workspaceId, id, name, day, calls, tokens);
                return;
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another request inserted the row first: add to it
            }
        }
    }

    private static Deque<Instant> window(Map<UUID, Deque<Instant>> windows, UUID id, Instant now) {
        Deque<Instant> calls = windows.computeIfAbsent(id, k -> new ArrayDeque<>());
        while (!calls.isEmpty() && !calls.peekFirst().isAfter(now.minus(MINUTE))) {
            calls.removeFirst();
        }
        return calls;
    }

    private static long wait(Deque<Instant> calls, Instant now) {
        return Duration.between(now, calls.peekFirst().plus(MINUTE)).toSeconds() + 1;
    }

    private static ApiProblemException refused(String detail, long retryAfter) {
        return new ApiProblemException(HttpStatus.TOO_MANY_REQUESTS, "Quota reached",
                detail + "; try again in " + retryAfter + " s (Retry-After), or ask an admin about the limits",
                List.of()).retryAfter(retryAfter);
    }
}
