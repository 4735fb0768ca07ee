package com.journeyassistant.journey;

import static com.journeyassistant.journey.MapTable.instant;
import static com.journeyassistant.journey.MapTable.uuid;

import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.platform.ApiProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Journeys of a workspace; creating one also creates the stages of its stage model. */
@Service
public class Journeys {

    private static final RowMapper<Journey> ROW = (rs, n) -> new Journey(uuid(rs, "id"), rs.getString("name"),
            rs.getString("description"), Language.fromCode(rs.getString("language")),
            StageModel.valueOf(rs.getString("stage_model")), rs.getLong("version"),
            instant(rs, "created_at"), instant(rs, "updated_at"));

    private final MapTable<Journey> table;
    private final Stages stages;
    private final BrandProfiles brandProfiles;

    Journeys(JdbcClient jdbc, Stages stages, BrandProfiles brandProfiles) {
        this.table = new MapTable<>(jdbc, "journey", "Journey", ROW);
        this.stages = stages;
        this.brandProfiles = brandProfiles;
    }

    public List<Journey> list(UUID workspaceId) {
        return table.jdbc().sql("select * from journey where workspace_id = ? order by created_at, name, id")
                .param(workspaceId).query(ROW).list();
    }

    public java.util.Optional<Journey> find(UUID workspaceId, UUID id) {
        return table.find(workspaceId, id);
    }

    public Journey get(UUID workspaceId, UUID id) {
        return table.get(workspaceId, id);
    }

    @Transactional
    Journey create(UUID workspaceId, MapInputs.NewJourney input) {
        StageModel model = input.stageModel() == null ? StageModel.FIVE_STAGE : input.stageModel();
        // an empty list is no stages given: generated clients send one for every list they were not given
        List<String> custom = input.customStages() == null || input.customStages().isEmpty() ? null
                : input.customStages();
        if (model == StageModel.CUSTOM && custom == null) {
            throw ApiProblemException.invalid("customStages", "give 1 to 20 stage names when stageModel is CUSTOM");
        }
        if (model != StageModel.CUSTOM && custom != null) {
            throw ApiProblemException.invalid("customStages", "only allowed when stageModel is CUSTOM");
        }
        Language language = input.language() != null ? input.language() : brandProfiles.get(workspaceId).defaultLanguage();
        UUID id = createWithoutStages(workspaceId, input.name(), input.description(), language, model).id();
        if (model == StageModel.CUSTOM) {
            for (String name : custom) {
                stages.create(workspaceId, id, Stages.named(name.strip(), null));
            }
        } else {
            for (StageModel.PresetStage preset : model.presetStages()) {
                stages.create(workspaceId, id, Stages.named(preset.name(language), preset.key()));
            }
        }
        return get(workspaceId, id);
    }

    /**
     * A new journey with its stages, from a preset stage model or (CUSTOM) the given stage names;
     * checked as the API checks it: 400 naming the field that is wrong.
     */
    @Transactional
    public Journey create(UUID workspaceId, String name, String description, Language language, StageModel model,
                          List<String> customStages) {
        checkName(name);
        if (description != null && description.length() > 4000) {
            throw ApiProblemException.invalid("description", "must be at most 4000 characters");
        }
        if (customStages != null && (customStages.isEmpty() || customStages.size() > 20
                || customStages.stream().anyMatch(stage -> stage.isBlank() || stage.length() > 200))) {
            throw ApiProblemException.invalid("customStages", "give 1 to 20 stage names of at most 200 characters");
        }
        return create(workspaceId, new MapInputs.NewJourney(name, description, language, model, customStages));
    }

    /** Gives the journey a new name, keeping the rest; 409 when it changed since {@code expectedVersion}. */
    @Transactional
    public Journey rename(UUID workspaceId, UUID id, long expectedVersion, String name) {
        checkName(name);
        Journey current = get(workspaceId, id);
        return update(workspaceId, id, expectedVersion, new MapInputs.JourneyUpdate(name, current.description(),
                current.language(), expectedVersion));
    }

    /** Who saved the journey last: a person's e-mail or "key:" and an API key's name; empty when unknown. */
    public java.util.Optional<String> changedBy(UUID workspaceId, UUID id) {
        return table.changedBy(workspaceId, id);
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiProblemException.invalid("name", "must be 1 to 200 characters");
        }
    }

    /** The journey alone; the caller adds its stages (used by import, whose document lists them). */
    @Transactional
    Journey createWithoutStages(UUID workspaceId, String name, String description, Language language, StageModel model) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name.strip());
        row.put("description", description);
        row.put("language", language.code());
        row.put("stage_model", model.name());
        return get(workspaceId, table.insert(workspaceId, row));
    }

    @Transactional
    Journey update(UUID workspaceId, UUID id, long expectedVersion, MapInputs.JourneyUpdate input) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", input.name().strip());
        row.put("description", input.description());
        row.put("language", input.language().code());
        table.update(workspaceId, id, expectedVersion, row);
        return get(workspaceId, id);
    }

    /** Deletes the journey with everything on it. */
    @Transactional
    public void delete(UUID workspaceId, UUID id) {
        // Touchpoints go first: they reference stages, which only cascade from the journey.
        table.jdbc().sql("delete from touchpoint where workspace_id = ? and journey_id = ?").params(workspaceId, id).update();
        table.delete(workspaceId, id);
    }

    /** Fails with 404 unless the journey exists in the workspace. */
    void require(UUID workspaceId, UUID id) {
        table.currentVersion(workspaceId, id);
    }
}
