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

    private final MapTable<Stage> table;

    Stages(JdbcClient jdbc) {
        this.table = new MapTable<>(jdbc, "stage", "Stage", ROW);
    }

    static MapInputs.StageInput named(String name, String key) {
        return new MapInputs.StageInput(name, null, key, null, null, null, null, null, null, null, null);
    }

    public List<Stage> list(UUID workspaceId, UUID journeyId) {
        return table.list(workspaceId, "journey_id", journeyId);
    }

    public java.util.Optional<Stage> find(UUID workspaceId, UUID id) {
        return table.find(workspaceId, id);
    }

    public Stage get(UUID workspaceId, UUID id) {
        return table.get(workspaceId, id);
    }

    @Transactional
    Stage create(UUID workspaceId, UUID journeyId, MapInputs.StageInput input) {
        Map<String, Object> row = columns(input);
        row.put("journey_id", journeyId);
        row.put("position", table.positionOrNext(input.position(), workspaceId, "journey_id", journeyId));
        return table.insertAndGet(workspaceId, row);
    }

    /** What people edit of a stage in place: its name, description and lanes; its key, position, actions and motivations stay. */
    public record StageEdit(String name, String description, List<String> customerNeeds, List<String> questions,
                            List<String> pains, List<String> gains) {
    }

    /** Edits a stage in place; 400 naming each bad field, 409 when it changed since {@code expectedVersion}. */
    @Transactional
    public Stage edit(UUID workspaceId, UUID id, long expectedVersion, StageEdit edit) {
        List<ApiProblemException.FieldError> errors = new java.util.ArrayList<>();
        if (edit.name() == null || edit.name().isBlank() || edit.name().length() > 200) {
            errors.add(new ApiProblemException.FieldError("name", "must be 1 to 200 characters"));
        }
        if (edit.description() != null && edit.description().length() > 4000) {
            errors.add(new ApiProblemException.FieldError("description", "must be at most 4000 characters"));
        }
        checkLane(errors, "customerNeeds", edit.customerNeeds());
        checkLane(errors, "questions", edit.questions());
        checkLane(errors, "pains", edit.pains());
        checkLane(errors, "gains", edit.gains());
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        Stage current = get(workspaceId, id);
        return update(workspaceId, id, expectedVersion, new MapInputs.StageInput(edit.name().strip(),
                edit.description() == null || edit.description().isBlank() ? null : edit.description().strip(),
                current.key(), null, edit.customerNeeds(), current.actions(), current.motivations(), edit.questions(),
                edit.pains(), edit.gains(), expectedVersion));
    }

    private static void checkLane(List<ApiProblemException.FieldError> errors, String field, List<String> items) {
        if (items.size() > MapInputs.MAX_LIST || items.stream().anyMatch(i -> i.isBlank() || i.length() > MapInputs.MAX_ITEM)) {
            errors.add(new ApiProblemException.FieldError(field, "at most " + MapInputs.MAX_LIST + " lines of at most "
                    + MapInputs.MAX_ITEM + " characters"));
        }
    }

    /** Who saved the stage last: a person's e-mail or "key:" and an API key's name; empty when unknown. */
    public java.util.Optional<String> changedBy(UUID workspaceId, UUID id) {
        return table.changedBy(workspaceId, id);
    }

    @Transactional
    Stage update(UUID workspaceId, UUID id, long expectedVersion, MapInputs.StageInput input) {
        return table.updateAndGet(workspaceId, id, expectedVersion, columns(input), input.position());
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
