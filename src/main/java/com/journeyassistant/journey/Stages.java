package com.journeyassistant.journey;

import static com.journeyassistant.journey.MapInputs.orEmpty;
import static com.journeyassistant.journey.MapTable.instant;
import static com.journeyassistant.journey.MapTable.json;
import static com.journeyassistant.journey.MapTable.strings;
import static com.journeyassistant.journey.MapTable.uuid;

import com.journeyassistant.journey.MapModels.Stage;
import com.journeyassistant.platform.ApiProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The ordered stages of a journey with the customer's needs, actions, questions, pains and gains. */
@Service
public class Stages {

    private static final RowMapper<Stage> ROW = (rs, n) -> new Stage(uuid(rs, "id"), uuid(rs, "journey_id"),
            rs.getInt("position"), rs.getString("stage_key"), rs.getString("name"), rs.getString("description"),
            strings(rs, "customer_needs"), strings(rs, "actions"), strings(rs, "motivations"),
            strings(rs, "questions"), strings(rs, "pains"), strings(rs, "gains"),
            rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));

    private final MapTable table;

    Stages(JdbcClient jdbc) {
        this.table = new MapTable(jdbc, "stage", "Stage");
    }

    static MapInputs.StageInput named(String name, String key) {
        return new MapInputs.StageInput(name, null, key, null, null, null, null, null, null, null, null);
    }

    public List<Stage> list(UUID workspaceId, UUID journeyId) {
        return table.jdbc().sql("select * from stage where workspace_id = ? and journey_id = ? order by position, created_at, id")
                .params(workspaceId, journeyId).query(ROW).list();
    }

    public Stage get(UUID workspaceId, UUID id) {
        return table.jdbc().sql("select * from stage where workspace_id = ? and id = ?")
                .params(workspaceId, id).query(ROW).optional()
                .orElseThrow(() -> table.notFound(id));
    }

    @Transactional
    Stage create(UUID workspaceId, UUID journeyId, MapInputs.StageInput input) {
        UUID id = UUID.randomUUID();
        Map<String, Object> row = columns(input);
        row.put("journey_id", journeyId);
        row.put("position", table.positionOrNext(input.position(), workspaceId, "journey_id", journeyId));
        table.insert(workspaceId, id, row);
        return get(workspaceId, id);
    }

    @Transactional
    Stage update(UUID workspaceId, UUID id, long expectedVersion, MapInputs.StageInput input) {
        Map<String, Object> row = columns(input);
        if (input.position() != null) {
            row.put("position", input.position());
        }
        table.update(workspaceId, id, expectedVersion, row);
        return get(workspaceId, id);
    }

    @Transactional
    void delete(UUID workspaceId, UUID id) {
        long touchpoints = table.jdbc().sql("select count(*) from touchpoint where workspace_id = ? and stage_id = ?")
                .params(workspaceId, id).query(Long.class).single();
        if (touchpoints > 0) {
            table.currentVersion(workspaceId, id);
            throw ApiProblemException.conflict("stage " + id + " still has " + touchpoints
                    + " touchpoint(s); move or delete them first");
        }
        table.delete(workspaceId, id);
    }

    private static Map<String, Object> columns(MapInputs.StageInput input) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stage_key", input.key());
        row.put("name", input.name().strip());
        row.put("description", input.description());
        row.put("customer_needs", json(orEmpty(input.customerNeeds())));
        row.put("actions", json(orEmpty(input.actions())));
        row.put("motivations", json(orEmpty(input.motivations())));
        row.put("questions", json(orEmpty(input.questions())));
        row.put("pains", json(orEmpty(input.pains())));
        row.put("gains", json(orEmpty(input.gains())));
        return row;
    }
}
