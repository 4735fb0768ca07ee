package com.journeyassistant.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Who did what and when in a workspace: imports, reviews of suggestions, confirmed proposals, changes to keys,
 * users and the brand profile, exports. Events are only ever added (PostgreSQL refuses to change one); they are
 * removed once older than {@code journey.audit.retention}. They name what was done to what, never customer text.
 */
@Service
public class AuditTrail {

    /** What an event's actor was: an API key, a signed-in person, or the service itself. */
    public enum ActorType { KEY, USER, SYSTEM }

    public record Event(UUID id, Instant occurredAt, ActorType actorType, UUID actorId, String actor, String action,
                        String targetType, String targetId, String detail) {
    }

    public record Page(List<Event> items, long total) {
    }

    /** Narrows a read of the trail; null fields do not filter. */
    public record Filter(String action, String actor, Instant from, Instant to) {
    }

    static final int MAX_DETAIL = 2000;
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Clock clock;

    AuditTrail(JdbcTemplate jdbc, @Value("${journey.audit.retention:P365D}") Duration retention, Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Adds an event done by the caller (a key or a person). Call it inside the change's own transaction, so that
     * the change and its record are written together or not at all.
     */
    public void record(CurrentWorkspace caller, String action, String targetType, Object targetId, String detail) {
        boolean key = caller.apiKeyId() != null && Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from api_key where id = ?)", Boolean.class, caller.apiKeyId()));
        insert(caller.workspaceId(), key ? ActorType.KEY : caller.apiKeyId() == null ? ActorType.SYSTEM : ActorType.USER,
                caller.apiKeyId(), caller.apiKeyName() == null ? "service" : caller.apiKeyName(), action, targetType,
                targetId, detail);
    }

    /**
     * Adds an event done by the key or person of this name in the workspace (where only the name travelled with
     * the change): a person if one signs in with it, else a key of that name, else the service.
     */
    public void recordBy(UUID workspaceId, String actorName, String action, String targetType, Object targetId,
                         String detail) {
        UUID user = jdbc.query("select id from app_user where workspace_id = ? and email = ?",
                rs -> rs.next() ? rs.getObject(1, UUID.class) : null, workspaceId, actorName);
        UUID key = user != null ? null : jdbc.query("select id from api_key where workspace_id = ? and name = ?"
                + " order by created_at desc", rs -> rs.next() ? rs.getObject(1, UUID.class) : null, workspaceId, actorName);
        ActorType type = user != null ? ActorType.USER : key != null ? ActorType.KEY : ActorType.SYSTEM;
        insert(workspaceId, type, user != null ? user : key, actorName == null ? "service" : actorName, action,
                targetType, targetId, detail);
    }

    /** Adds an event the service did by itself, or an operator outside any workspace's keys. */
    public void recordSystem(UUID workspaceId, String actor, String action, String targetType, Object targetId,
                             String detail) {
        insert(workspaceId, ActorType.SYSTEM, null, actor, action, targetType, targetId, detail);
    }

    private void insert(UUID workspaceId, ActorType type, UUID actorId, String actor, String action, String targetType,
                        Object targetId, String detail) {
        String shortDetail = detail == null || detail.length() <= MAX_DETAIL ? detail
                : detail.substring(0, MAX_DETAIL - 1) + "…";
        jdbc.update("""
                insert into audit_event (id, workspace_id, occurred_at, actor_type, actor_id, actor, action, target_type,
                    target_id, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                UUID.randomUUID(), workspaceId, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), type.name(),
                actorId, actor, action, targetType, targetId == null ? null : targetId.toString(), shortDetail);
    }

    /** The workspace's events, newest first. */
    public Page read(UUID workspaceId, Filter filter, int limit, int offset) {
        StringBuilder where = new StringBuilder(" where workspace_id = ?");
        List<Object> args = new ArrayList<>(List.of(workspaceId));
        if (filter.action() != null) {
            where.append(" and action = ?");
            args.add(filter.action());
        }
        if (filter.actor() != null) {
            where.append(" and actor = ?");
            args.add(filter.actor());
        }
        if (filter.from() != null) {
            where.append(" and occurred_at >= ?");
            args.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            where.append(" and occurred_at < ?");
            args.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        long total = jdbc.queryForObject("select count(*) from audit_event" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(limit);
        pageArgs.add(offset);
        List<Event> items = jdbc.query("select * from audit_event" + where
                        + " order by occurred_at desc, seq desc limit ? offset ?",
                (rs, n) -> new Event(rs.getObject("id", UUID.class),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        ActorType.valueOf(rs.getString("actor_type")), rs.getObject("actor_id", UUID.class),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target_type"),
                        rs.getString("target_id"), rs.getString("detail")), pageArgs.toArray());
        return new Page(items, total);
    }

    /** Removes the events older than the retention; answers how many went. */
    @Scheduled(fixedDelayString = "${journey.audit.purge-interval:PT6H}", initialDelayString = "PT1M")
    public int purge() {
        int removed = TenantScope.acrossWorkspaces("audit retention", () -> jdbc.update(
                "delete from audit_event where occurred_at < ?",
                OffsetDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC)));
        if (removed > 0) {
            log.info("Removed {} audit events older than {}", removed, retention);
        }
        return removed;
    }
}
