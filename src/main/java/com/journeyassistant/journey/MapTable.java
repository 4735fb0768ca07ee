package com.journeyassistant.journey;

import com.journeyassistant.platform.ApiProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL every map table shares: scoped insert, versioned update, scoped delete, positions.
 * Table and column names come from code only; values always travel as bind parameters.
 * Every statement carries {@code workspace_id}, so no query can touch another tenant's rows.
 */
final class MapTable<T> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final String table;
    private final String label;
    private final RowMapper<T> rows;

    MapTable(JdbcClient jdbc, String table, String label, RowMapper<T> rows) {
        this.jdbc = jdbc;
        this.table = table;
        this.label = label;
        this.rows = rows;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** The rows under one parent (e.g. {@code journey_id}), in map order. */
    List<T> list(UUID workspaceId, String parentColumn, UUID parentId) {
        return list(workspaceId, parentColumn, parentId, rows);
    }

    List<T> list(UUID workspaceId, String parentColumn, UUID parentId, RowMapper<T> mapper) {
        return jdbc.sql("select * from " + table + " where workspace_id = ? and " + parentColumn + " = ?"
                        + " order by position, created_at, id")
                .params(workspaceId, parentId).query(mapper).list();
    }

    T get(UUID workspaceId, UUID id) {
        return get(workspaceId, id, rows);
    }

    java.util.Optional<T> find(UUID workspaceId, UUID id) {
        return jdbc.sql("select * from " + table + " where workspace_id = ? and id = ?")
                .params(workspaceId, id).query(rows).optional();
    }

    T get(UUID workspaceId, UUID id, RowMapper<T> mapper) {
        return jdbc.sql("select * from " + table + " where workspace_id = ? and id = ?")
                .params(workspaceId, id).query(mapper).optional()
                .orElseThrow(() -> notFound(id));
    }

    /** Inserts a new row at version 1 and returns its id. */
    UUID insert(UUID workspaceId, Map<String, Object> columns) {
        UUID id = UUID.randomUUID();
        insert(workspaceId, id, columns);
        return id;
    }

    private void insert(UUID workspaceId, UUID id, Map<String, Object> columns) {
        Map<String, Object> row = new LinkedHashMap<>(columns);
        OffsetDateTime now = utc(now());
        row.put("id", id);
        row.put("workspace_id", workspaceId);
        row.put("version", 1L);
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("updated_by", com.journeyassistant.platform.Actors.current());
        String names = String.join(", ", row.keySet());
        String values = row.keySet().stream().map(c -> ":" + c).collect(Collectors.joining(", "));
        jdbc.sql("insert into " + table + " (" + names + ") values (" + values + ")").params(row).update();
    }

    /** As {@link #update(UUID, UUID, long, Map)}, moving the row only when a position is given. */
    void update(UUID workspaceId, UUID id, long expectedVersion, Map<String, Object> columns, Integer position) {
        Map<String, Object> withPosition = new LinkedHashMap<>(columns);
        if (position != null) {
            withPosition.put("position", position);
        }
        update(workspaceId, id, expectedVersion, withPosition);
    }

    /** Applies the change only if the row still has the version the client saw; 404 or 409 otherwise. */
    void update(UUID workspaceId, UUID id, long expectedVersion, Map<String, Object> columns) {
        String assignments = columns.keySet().stream().map(c -> c + " = :" + c).collect(Collectors.joining(", "));
        Map<String, Object> params = new LinkedHashMap<>(columns);
        params.put("id", id);
        params.put("workspace_id", workspaceId);
        params.put("expected_version", expectedVersion);
        params.put("updated_at", utc(now()));
        params.put("updated_by", com.journeyassistant.platform.Actors.current());
        int changed = jdbc.sql("update " + table + " set " + assignments + ", version = version + 1, updated_at = :updated_at"
                        + ", updated_by = :updated_by"
                        + " where id = :id and workspace_id = :workspace_id and version = :expected_version")
                .params(params).update();
        if (changed == 0) {
            long actual = currentVersion(workspaceId, id);
            throw ApiProblemException.staleVersion(label, expectedVersion, actual);
        }
    }

    /** Inserts the row and answers it as stored. */
    T insertAndGet(UUID workspaceId, Map<String, Object> columns) {
        return get(workspaceId, insert(workspaceId, columns));
    }

    /** Updates the row at the expected version (and moves it when a position is given), answering it as it now is. */
    T updateAndGet(UUID workspaceId, UUID id, long expectedVersion, Map<String, Object> columns, Integer position) {
        update(workspaceId, id, expectedVersion, columns, position);
        return get(workspaceId, id);
    }

    /** Who saved the row last (see {@link com.journeyassistant.platform.Actors}); empty when unknown. */
    java.util.Optional<String> changedBy(UUID workspaceId, UUID id) {
        return jdbc.sql("select updated_by from " + table + " where workspace_id = ? and id = ?").params(workspaceId, id)
                .query(String.class).optional();
    }

    void delete(UUID workspaceId, UUID id) {
        int deleted = jdbc.sql("delete from " + table + " where id = ? and workspace_id = ?").params(id, workspaceId).update();
        if (deleted == 0) {
            throw ApiProblemException.notFound(label, id);
        }
    }

    long currentVersion(UUID workspaceId, UUID id) {
        return jdbc.sql("select version from " + table + " where id = ? and workspace_id = ?")
                .params(id, workspaceId).query(Long.class).optional()
                .orElseThrow(() -> ApiProblemException.notFound(label, id));
    }

    /** Where a new row goes when the client does not say: after the last one under the same parent. */
    int positionOrNext(Integer requested, UUID workspaceId, String parentColumn, UUID parentId) {
        if (requested != null) {
            return requested;
        }
        Integer max = jdbc.sql("select max(position) from " + table + " where workspace_id = ? and " + parentColumn + " = ?")
                .params(workspaceId, parentId).query(Integer.class).optional().orElse(null);
        return max == null ? 0 : max + 1;
    }

    ApiProblemException notFound(Object id) {
        return ApiProblemException.notFound(label, id);
    }

    static String json(List<String> values) {
        return JSON.writeValueAsString(values == null ? List.of() : values);
    }

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? List.of() : List.copyOf(JSON.readValue(value, STRINGS));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
