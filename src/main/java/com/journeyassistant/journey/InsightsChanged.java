package com.journeyassistant.journey;

import java.util.UUID;

/** Published when insights of a workspace were created, changed or deleted, so their search index can follow. */
public record InsightsChanged(UUID workspaceId) {
}
