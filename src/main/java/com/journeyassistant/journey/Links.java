package com.journeyassistant.journey;

import com.journeyassistant.platform.ApiProblemException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many-to-many links between map items (insight → touchpoints, opportunity → touchpoints and
 * insights), and the check that every linked id is an item of the same journey and workspace.
 */
final class Links {

    private final JdbcClient jdbc;
    private final String linkTable;
    private final String ownerColumn;
    private final String targetColumn;
    private final String targetTable;

    Links(JdbcClient jdbc, String linkTable, String ownerColumn, String targetColumn, String targetTable) {
        this.jdbc = jdbc;
        this.linkTable = linkTable;
        this.ownerColumn = ownerColumn;
        this.targetColumn = targetColumn;
        this.targetTable = targetTable;
    }

    /** 400 naming each id (by its index in {@code field}) that is not a {@code targetTable} of the journey. */
    void requireInJourney(UUID workspaceId, UUID journeyId, List<UUID> ids, String field) {
        if (ids.isEmpty()) {
            return;
        }
        Set<UUID> known = new HashSet<>(jdbc.sql("select id from " + targetTable
                        + " where workspace_id = :ws and journey_id = :journey and id in (:ids)")
                .param("ws", workspaceId).param("journey", journeyId).param("ids", ids)
                .query(UUID.class).list());
        List<ApiProblemException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!known.contains(ids.get(i))) {
                errors.add(new ApiProblemException.FieldError(field + "[" + i + "]",
                        "no " + targetTable + " " + ids.get(i) + " in this journey"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
    }

    void replace(UUID ownerId, List<UUID> targetIds) {
        jdbc.sql("delete from " + linkTable + " where " + ownerColumn + " = ?").param(ownerId).update();
        for (int i = 0; i < targetIds.size(); i++) {
            jdbc.sql("insert into " + linkTable + " (" + ownerColumn + ", " + targetColumn + ", position) values (?, ?, ?)")
                    .params(ownerId, targetIds.get(i), i).update();
        }
    }

    /** Linked ids per owner, for all owners of one journey, in the order they were given. */
    Map<UUID, List<UUID>> forJourney(UUID workspaceId, UUID journeyId) {
        Map<UUID, List<UUID>> links = new LinkedHashMap<>();
        jdbc.sql("select l." + ownerColumn + " as owner_id, l." + targetColumn + " as target_id from " + linkTable + " l"
                        + " join " + targetTable + " t on t.id = l." + targetColumn
                        + " where t.workspace_id = ? and t.journey_id = ? order by l." + ownerColumn + ", l.position")
                .params(workspaceId, journeyId)
                .query(rs -> {
                    links.computeIfAbsent(rs.getObject("owner_id", UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject("target_id", UUID.class));
                });
        return links;
    }

    List<UUID> forOwner(UUID ownerId) {
        return jdbc.sql("select " + targetColumn + " from " + linkTable + " where " + ownerColumn + " = ? order by position")
                .param(ownerId).query(UUID.class).list();
    }
}
