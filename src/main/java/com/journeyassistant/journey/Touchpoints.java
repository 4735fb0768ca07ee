package com.journeyassistant.journey;

import static com.journeyassistant.journey.MapInputs.orEmpty;
import static com.journeyassistant.journey.MapTable.instant;
import static com.journeyassistant.journey.MapTable.json;
import static com.journeyassistant.journey.MapTable.strings;
import static com.journeyassistant.journey.MapTable.uuid;

import com.journeyassistant.journey.MapModels.Touchpoint;
import com.journeyassistant.platform.ApiProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Points of contact with the customer, each in one stage of its journey. */
@Service
public class Touchpoints {

    private static final RowMapper<Touchpoint> ROW = (rs, n) -> new Touchpoint(uuid(rs, "id"), uuid(rs, "journey_id"),
            uuid(rs, "stage_id"), rs.getInt("position"), rs.getString("name"), Channel.valueOf(rs.getString("channel")),
            rs.getBoolean("direct"), rs.getString("owner"), rs.getString("ideal_message"), strings(rs, "asset_links"),
            rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));

    private final MapTable<Touchpoint> table;

    Touchpoints(JdbcClient jdbc) {
        this.table = new MapTable<>(jdbc, "touchpoint", "Touchpoint", ROW);
    }

    public List<Touchpoint> list(UUID workspaceId, UUID journeyId) {
        return table.jdbc().sql("""
                        select t.* from touchpoint t join stage s on s.id = t.stage_id
                        where t.workspace_id = ? and t.journey_id = ?
                        order by s.position, t.position, t.created_at, t.id""")
                .params(workspaceId, journeyId).query(ROW).list();
    }

    public java.util.Optional<Touchpoint> find(UUID workspaceId, UUID id) {
        return table.find(workspaceId, id);
    }

    public Touchpoint get(UUID workspaceId, UUID id) {
        return table.get(workspaceId, id);
    }

    @Transactional
    Touchpoint create(UUID workspaceId, UUID journeyId, MapInputs.TouchpointInput input) {
        requireStageOfJourney(workspaceId, journeyId, input.stageId());
        Map<String, Object> row = columns(input);
        row.put("journey_id", journeyId);
        row.put("position", table.positionOrNext(input.position(), workspaceId, "stage_id", input.stageId()));
        return table.insertAndGet(workspaceId, row);
    }

    @Transactional
    Touchpoint update(UUID workspaceId, UUID id, long expectedVersion, MapInputs.TouchpointInput input) {
        Touchpoint current = get(workspaceId, id);
        requireStageOfJourney(workspaceId, current.journeyId(), input.stageId());
        return table.updateAndGet(workspaceId, id, expectedVersion, columns(input), input.position());
    }

    /** Who saved the touchpoint last: a person's e-mail or "key:" and an API key's name; empty when unknown. */
    public java.util.Optional<String> changedBy(UUID workspaceId, UUID id) {
        return table.changedBy(workspaceId, id);
    }

    /** What people edit of a touchpoint in place; its stage, position and asset links stay as they are. */
    public record TouchpointEdit(String name, Channel channel, boolean direct, String owner, String idealMessage) {
    }

    /** Edits a touchpoint in place; 400 naming each bad field, 409 when it changed since {@code expectedVersion}. */
    @Transactional
    public Touchpoint edit(UUID workspaceId, UUID id, long expectedVersion, TouchpointEdit edit) {
        List<ApiProblemException.FieldError> errors = new java.util.ArrayList<>();
        if (edit.name() == null || edit.name().isBlank() || edit.name().length() > 200) {
            errors.add(new ApiProblemException.FieldError("name", "must be 1 to 200 characters"));
        }
        if (edit.channel() == null) {
            errors.add(new ApiProblemException.FieldError("channel", "must be one of the channels"));
        }
        if (edit.owner() != null && edit.owner().length() > 200) {
            errors.add(new ApiProblemException.FieldError("owner", "must be at most 200 characters"));
        }
        if (edit.idealMessage() != null && edit.idealMessage().length() > 4000) {
            errors.add(new ApiProblemException.FieldError("idealMessage", "must be at most 4000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        Touchpoint current = get(workspaceId, id);
        return update(workspaceId, id, expectedVersion, new MapInputs.TouchpointInput(current.stageId(), edit.name(),
                edit.channel(), edit.direct(), blankToNull(edit.owner()), blankToNull(edit.idealMessage()), null,
                current.assetLinks(), expectedVersion));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Transactional
    void delete(UUID workspaceId, UUID id) {
        table.delete(workspaceId, id);
    }

    private void requireStageOfJourney(UUID workspaceId, UUID journeyId, UUID stageId) {
        boolean inJourney = table.jdbc().sql("select count(*) from stage where workspace_id = ? and journey_id = ? and id = ?")
                .params(workspaceId, journeyId, stageId).query(Long.class).single() == 1;
        if (!inJourney) {
            throw ApiProblemException.invalid("stageId", "no stage " + stageId + " in this journey");
        }
    }

    private static Map<String, Object> columns(MapInputs.TouchpointInput input) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stage_id", input.stageId());
        row.put("name", input.name().strip());
        row.put("channel", input.channel().name());
        row.put("direct", input.direct() == null || input.direct());
        row.put("owner", input.owner());
        row.put("ideal_message", input.idealMessage());
        row.put("asset_links", json(orEmpty(input.assetLinks())));
        return row;
    }
}
