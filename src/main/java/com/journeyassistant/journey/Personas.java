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

    private final MapTable<Persona> table;

    Personas(JdbcClient jdbc) {
        this.table = new MapTable<>(jdbc, "persona", "Persona", ROW);
    }

    public List<Persona> list(UUID workspaceId, UUID journeyId) {
        return table.list(workspaceId, "journey_id", journeyId);
    }

    public Persona get(UUID workspaceId, UUID id) {
        return table.get(workspaceId, id);
    }

    public java.util.Optional<Persona> find(UUID workspaceId, UUID id) {
        return table.find(workspaceId, id);
    }

    @Transactional
    Persona create(UUID workspaceId, UUID journeyId, MapInputs.PersonaInput input) {
        Map<String, Object> row = columns(input);
        row.put("journey_id", journeyId);
        row.put("position", table.positionOrNext(input.position(), workspaceId, "journey_id", journeyId));
        return table.insertAndGet(workspaceId, row);
    }

    @Transactional
    Persona update(UUID workspaceId, UUID id, long expectedVersion, MapInputs.PersonaInput input) {
        return table.updateAndGet(workspaceId, id, expectedVersion, columns(input), input.position());
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
