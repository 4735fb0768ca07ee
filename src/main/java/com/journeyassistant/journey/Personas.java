package com.journeyassistant.journey;

import static com.journeyassistant.journey.MapInputs.orEmpty;
import static com.journeyassistant.journey.MapTable.instant;
import static com.journeyassistant.journey.MapTable.json;
import static com.journeyassistant.journey.MapTable.strings;
import static com.journeyassistant.journey.MapTable.uuid;

import com.journeyassistant.journey.MapModels.Persona;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Semi-fictional typical customers of a journey. */
@Service
public class Personas {

    private static final RowMapper<Persona> ROW = (rs, n) -> new Persona(uuid(rs, "id"), uuid(rs, "journey_id"),
            rs.getInt("position"), rs.getString("name"), rs.getString("description"),
            strings(rs, "goals"), strings(rs, "pains"), strings(rs, "behaviours"), strings(rs, "channels"),
            rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));

    private final MapTable table;

    Personas(JdbcClient jdbc) {
        this.table = new MapTable(jdbc, "persona", "Persona");
    }

    public List<Persona> list(UUID workspaceId, UUID journeyId) {
        return table.jdbc().sql("select * from persona where workspace_id = ? and journey_id = ? order by position, created_at, id")
                .params(workspaceId, journeyId).query(ROW).list();
    }

    public Persona get(UUID workspaceId, UUID id) {
        return table.jdbc().sql("select * from persona where workspace_id = ? and id = ?")
                .params(workspaceId, id).query(ROW).optional()
                .orElseThrow(() -> table.notFound(id));
    }

    @Transactional
    Persona create(UUID workspaceId, UUID journeyId, MapInputs.PersonaInput input) {
        UUID id = UUID.randomUUID();
        Map<String, Object> row = columns(input);
        row.put("journey_id", journeyId);
        row.put("position", table.positionOrNext(input.position(), workspaceId, "journey_id", journeyId));
        table.insert(workspaceId, id, row);
        return get(workspaceId, id);
    }

    @Transactional
    Persona update(UUID workspaceId, UUID id, long expectedVersion, MapInputs.PersonaInput input) {
        Map<String, Object> row = columns(input);
        if (input.position() != null) {
            row.put("position", input.position());
        }
        table.update(workspaceId, id, expectedVersion, row);
        return get(workspaceId, id);
    }

    @Transactional
    void delete(UUID workspaceId, UUID id) {
        table.delete(workspaceId, id);
    }

    private static Map<String, Object> columns(MapInputs.PersonaInput input) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", input.name().strip());
        row.put("description", input.description());
        row.put("goals", json(orEmpty(input.goals())));
        row.put("pains", json(orEmpty(input.pains())));
        row.put("behaviours", json(orEmpty(input.behaviours())));
        row.put("channels", json(orEmpty(input.channels())));
        return row;
    }
}
