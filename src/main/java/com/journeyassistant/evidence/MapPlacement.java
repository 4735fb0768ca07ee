package com.journeyassistant.evidence;

import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels;
import com.journeyassistant.journey.Stages;
import com.journeyassistant.journey.Touchpoints;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where an evidence item sits on the map. A touchpoint implies its stage and journey, a stage
 * its journey; ids that are given must exist in the caller's workspace and agree with each
 * other. Lookups are cached for the length of one import.
 */
final class MapPlacement {

    record Placement(UUID journeyId, UUID stageId, UUID touchpointId) {
    }

    private final UUID workspaceId;
    private final Journeys journeys;
    private final Stages stages;
    private final Touchpoints touchpoints;
    private final Map<UUID, Optional<MapModels.Journey>> journeyCache = new HashMap<>();
    private final Map<UUID, Optional<MapModels.Stage>> stageCache = new HashMap<>();
    private final Map<UUID, Optional<MapModels.Touchpoint>> touchpointCache = new HashMap<>();

    MapPlacement(UUID workspaceId, Journeys journeys, Stages stages, Touchpoints touchpoints) {
        this.workspaceId = workspaceId;
        this.journeys = journeys;
        this.stages = stages;
        this.touchpoints = touchpoints;
    }

    Placement resolve(FieldValues values) {
        UUID journeyId = values.uuid("journeyId");
        UUID stageId = values.uuid("stageId");
        UUID touchpointId = values.uuid("touchpointId");
        if (touchpointId != null) {
            Optional<MapModels.Touchpoint> touchpoint = touchpointCache.computeIfAbsent(touchpointId,
                    id -> touchpoints.find(workspaceId, id));
            if (touchpoint.isEmpty()) {
                values.fail("touchpointId", "no touchpoint " + touchpointId + " in this workspace");
                return null;
            }
            agree(values, "journeyId", journeyId, touchpoint.get().journeyId(), "touchpoint");
            agree(values, "stageId", stageId, touchpoint.get().stageId(), "touchpoint");
            return new Placement(touchpoint.get().journeyId(), touchpoint.get().stageId(), touchpointId);
        }
        if (stageId != null) {
            Optional<MapModels.Stage> stage = stageCache.computeIfAbsent(stageId, id -> stages.find(workspaceId, id));
            if (stage.isEmpty()) {
                values.fail("stageId", "no stage " + stageId + " in this workspace");
                return null;
            }
            agree(values, "journeyId", journeyId, stage.get().journeyId(), "stage");
            return new Placement(stage.get().journeyId(), stageId, null);
        }
        if (journeyId != null && journeyCache.computeIfAbsent(journeyId, id -> journeys.find(workspaceId, id)).isEmpty()) {
            values.fail("journeyId", "no journey " + journeyId + " in this workspace");
            return null;
        }
        return new Placement(journeyId, null, null);
    }

    /**
     * The journey an insight belongs to: the one given, else that of its touchpoints. Every
     * touchpoint must be in the caller's workspace and in that one journey. Null when it fails.
     */
    UUID journeyOf(FieldValues values, List<UUID> touchpointIds) {
        UUID journeyId = values.uuid("journeyId");
        if (journeyId != null && journeyCache.computeIfAbsent(journeyId, id -> journeys.find(workspaceId, id)).isEmpty()) {
            values.fail("journeyId", "no journey " + journeyId + " in this workspace");
            return null;
        }
        UUID journey = journeyId;
        for (UUID touchpointId : touchpointIds) {
            Optional<MapModels.Touchpoint> touchpoint = touchpointCache.computeIfAbsent(touchpointId,
                    id -> touchpoints.find(workspaceId, id));
            if (touchpoint.isEmpty()) {
                values.fail("touchpointIds", "no touchpoint " + touchpointId + " in this workspace");
                return null;
            }
            if (journey == null) {
                journey = touchpoint.get().journeyId();
            } else if (!journey.equals(touchpoint.get().journeyId())) {
                values.fail("touchpointIds", "touchpoint " + touchpointId + " is not in journey " + journey);
                return null;
            }
        }
        if (journey == null && !values.has("journeyId")) {
            values.fail("journeyId", "is required unless touchpointIds are given");
        }
        return journey;
    }

    private static void agree(FieldValues values, String field, UUID given, UUID actual, String via) {
        if (given != null && !given.equals(actual)) {
            values.fail(field, "does not match the " + via + "'s " + field.replace("Id", "") + " " + actual);
        }
    }
}
