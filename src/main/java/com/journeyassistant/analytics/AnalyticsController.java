package com.journeyassistant.analytics;

import com.journeyassistant.platform.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Analytics", description = "Journey figures computed from the map and its evidence")
@RestController
class AnalyticsController {

    private final JourneyAnalytics analytics;

    AnalyticsController(JourneyAnalytics analytics) {
        this.analytics = analytics;
    }

    @Operation(summary = "KPIs against target per stage, funnel, emotion curve, feedback themes and top pains",
            description = "Computed on request, deterministically; themes only cover feedback that is already embedded.")
    @GetMapping("/api/workspaces/{ws}/journeys/{id}/analytics")
    AnalyticsReport analytics(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return analytics.analyse(caller.workspaceId(), id);
    }
}
