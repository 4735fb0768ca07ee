package com.journeyassistant.journey;

import com.journeyassistant.platform.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Journey map items")
@RestController
class ExperimentPlanController {

    private final MapAdditions additions;
    private final Touchpoints touchpoints;

    ExperimentPlanController(MapAdditions additions, Touchpoints touchpoints) {
        this.additions = additions;
        this.touchpoints = touchpoints;
    }

    @Operation(summary = "The experiment plans of a touchpoint (accepted experiment suggestions)")
    @GetMapping("/api/workspaces/{ws}/touchpoints/{id}/experiments")
    List<MapModels.ExperimentPlan> experiments(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        touchpoints.get(caller.workspaceId(), id);
        return additions.experimentPlans(caller.workspaceId(), id);
    }
}
