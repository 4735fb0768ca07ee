package com.journeyassistant.journey;

import static com.journeyassistant.journey.MapInputs.distinctOrEmpty;
import static com.journeyassistant.journey.MapTable.instant;
import static com.journeyassistant.journey.MapTable.uuid;

import com.journeyassistant.journey.MapModels.Opportunity;
import com.journeyassistant.platform.ApiProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places where the journey can improve, linked to the touchpoints and insights behind them. */
@Service
public class Opportunities {

    private final MapTable<Opportunity> table;
    private final Links touchpoints;
    private final Links insights;

    Opportunities(JdbcClient jdbc) {
        this.table = new MapTable<>(jdbc, "opportunity", "Opportunity", (rs, n) -> row(rs, List.of(), List.of()));
        this.touchpoints = new Links(jdbc, "opportunity_touchpoint", "opportunity_id", "touchpoint_id", "touchpoint");
        this.insights = new Links(jdbc, "opportunity_insight", "opportunity_id", "insight_id", "insight");
    }

    public List<Opportunity> list(UUID workspaceId, UUID journeyId) {
        Map<UUID, List<UUID>> touchpointLinks = touchpoints.forJourney(workspaceId, journeyId);
        Map<UUID, List<UUID>> insightLinks = insights.forJourney(workspaceId, journeyId);
        return table.list(workspaceId, "journey_id", journeyId,
                (rs, n) -> row(rs, touchpointLinks.getOrDefault(uuid(rs, "id"), List.of()),
                        insightLinks.getOrDefault(uuid(rs, "id"), List.of())));
    }

    public Opportunity get(UUID workspaceId, UUID id) {
        // links are read after the row, never inside its mapping, where each would hold a second connection
        Opportunity o = table.get(workspaceId, id);
        return new Opportunity(o.id(), o.journeyId(), o.position(), o.title(), o.description(), o.priority(),
                List.copyOf(touchpoints.forOwner(id)), List.copyOf(insights.forOwner(id)), o.version(), o.createdAt(), o.updatedAt());
    }

    @Transactional
    Opportunity create(UUID workspaceId, UUID journeyId, MapInputs.OpportunityInput input) {
        List<UUID> linkedTouchpoints = distinctOrEmpty(input.touchpointIds());
        List<UUID> linkedInsights = distinctOrEmpty(input.insightIds());
        touchpoints.requireInJourney(workspaceId, journeyId, linkedTouchpoints, "touchpointIds");
        insights.requireInJourney(workspaceId, journeyId, linkedInsights, "insightIds");
        Map<String, Object> row = columns(input);
        row.put("journey_id", journeyId);
        row.put("position", table.positionOrNext(input.position(), workspaceId, "journey_id", journeyId));
        UUID id = table.insert(workspaceId, row);
        touchpoints.replace(id, linkedTouchpoints);
        insights.replace(id, linkedInsights);
        return get(workspaceId, id);
    }

    /** Edits an opportunity in place (title, description, priority; its links stay); 400 or 409 as the API. */
    @Transactional
    public Opportunity edit(UUID workspaceId, UUID id, long expectedVersion, String title, String description,
                            Priority priority) {
        List<ApiProblemException.FieldError> errors = new java.util.ArrayList<>();
        if (title == null || title.isBlank() || title.length() > 200) {
            errors.add(new ApiProblemException.FieldError("title", "must be 1 to 200 characters"));
        }
        if (description != null && description.length() > 4000) {
            errors.add(new ApiProblemException.FieldError("description", "must be at most 4000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        Opportunity current = get(workspaceId, id);
        return update(workspaceId, id, expectedVersion, new MapInputs.OpportunityInput(title.strip(),
                description == null || description.isBlank() ? null : description.strip(), priority, null,
                current.touchpointIds(), current.insightIds(), expectedVersion));
    }

    /** Who saved the opportunity last: a person's e-mail or "key:" and an API key's name; empty when unknown. */
    public java.util.Optional<String> changedBy(UUID workspaceId, UUID id) {
        return table.changedBy(workspaceId, id);
    }

    @Transactional
    Opportunity update(UUID workspaceId, UUID id, long expectedVersion, MapInputs.OpportunityInput input) {
        Opportunity current = get(workspaceId, id);
        List<UUID> linkedTouchpoints = distinctOrEmpty(input.touchpointIds());
        List<UUID> linkedInsights = distinctOrEmpty(input.insightIds());
        touchpoints.requireInJourney(workspaceId, current.journeyId(), linkedTouchpoints, "touchpointIds");
        insights.requireInJourney(workspaceId, current.journeyId(), linkedInsights, "insightIds");
        table.update(workspaceId, id, expectedVersion, columns(input), input.position());
        touchpoints.replace(id, linkedTouchpoints);
        insights.replace(id, linkedInsights);
        return get(workspaceId, id);
    }

    @Transactional
    void delete(UUID workspaceId, UUID id) {
        table.delete(workspaceId, id);
    }

    private static Opportunity row(ResultSet rs, List<UUID> touchpointIds, List<UUID> insightIds) throws SQLException {
        return new Opportunity(uuid(rs, "id"), uuid(rs, "journey_id"), rs.getInt("position"), rs.getString("title"),
                rs.getString("description"), Priority.valueOf(rs.getString("priority")), List.copyOf(touchpointIds),
                List.copyOf(insightIds), rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Map<String, Object> columns(MapInputs.OpportunityInput input) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("title", input.title().strip());
        row.put("description", input.description());
        row.put("priority", (input.priority() == null ? Priority.MEDIUM : input.priority()).name());
        return row;
    }
}
