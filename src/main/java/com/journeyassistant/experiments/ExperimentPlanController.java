package com.journeyassistant.experiments;

import com.journeyassistant.journey.Touchpoints;
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

    private final ExperimentPlans plans;
    private final Touchpoints touchpoints;

    ExperimentPlanController(ExperimentPlans plans, Touchpoints touchpoints) {
        this.plans = plans;
        this.touchpoints = touchpoints;
    }

    @Operation(summary = "The experiment plans of a touchpoint (accepted experiment suggestions)")
    @GetMapping("/api/workspaces/{ws}/touchpoints/{id}/experiments")
    List<ExperimentPlans.ExperimentPlan> experiments(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        touchpoints.get(caller.workspaceId(), id);
        return plans.ofTouchpoint(caller.workspaceId(), id);
    }
}
