package com.journeyassistant.journey;

import java.util.List;
import java.util.UUID;

/**
 * Published once the demo workspace's journey map exists, so other modules can add their demo
 * data. {@code stageIds} and {@code touchpointIds} are in map order: the demo files'
 * "stage-N" and "touchpoint-N" are entry N-1.
 */
public record DemoJourneySeeded(UUID workspaceId, UUID journeyId, List<UUID> stageIds, List<UUID> touchpointIds) {
}
