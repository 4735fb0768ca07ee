package com.journeyassistant.experiments;

import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.WorkspaceUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A journey's experiments: the plans accepted from the assistant's suggestions, a sample-size
 * and duration calculator, and a reader for a finished test with its confidence interval drawn.
 * Both forms are plain GET forms: a result is a link that can be shared.
 */
@Controller
class ExperimentsPage {

    /** A touchpoint's accepted plans. */
    record TouchpointPlans(MapModels.Touchpoint touchpoint, List<ExperimentPlans.ExperimentPlan> plans) {
    }

    /** The interval of the relative lift on an axis around zero, in a 300 × 40 drawing. */
    record IntervalDrawing(double lowerX, double upperX, double estimateX, double zeroX, String axisFrom,
                           String axisTo) {
    }

    private static final double LEFT = 10;
    private static final double WIDTH = 280;

    private final Journeys journeys;
    private final Touchpoints touchpoints;
    private final ExperimentPlans plans;

    ExperimentsPage(Journeys journeys, Touchpoints touchpoints, ExperimentPlans plans) {
        this.journeys = journeys;
        this.touchpoints = touchpoints;
        this.plans = plans;
    }

    @GetMapping("/journeys/{id}/experiments")
    String experiments(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                       @RequestParam(required = false) Double baselinePercent,
                       @RequestParam(required = false) Double liftPercent,
                       @RequestParam(required = false) Double dailyTraffic,
                       @RequestParam(defaultValue = "1") int variants,
                       @RequestParam(required = false) Long controlVisitors,
                       @RequestParam(required = false) Long controlConversions,
                       @RequestParam(required = false) Long variantVisitors,
                       @RequestParam(required = false) Long variantConversions,
                       @RequestParam(defaultValue = "95") double confidencePercent, Model model) {
        CurrentWorkspace caller = user.workspace();
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(caller.workspaceId(), id));
        List<ExperimentPlans.ExperimentPlan> all = plans.ofJourney(caller.workspaceId(), id);
        List<TouchpointPlans> plans = new ArrayList<>();
        for (MapModels.Touchpoint touchpoint : touchpoints.list(caller.workspaceId(), id)) {
            List<ExperimentPlans.ExperimentPlan> found = all.stream().filter(p -> touchpoint.id().equals(p.touchpointId()))
                    .toList();
            if (!found.isEmpty()) {
                plans.add(new TouchpointPlans(touchpoint, found));
            }
        }
        model.addAttribute("plans", plans);
        model.addAttribute("size", new SizeForm(baselinePercent, liftPercent, dailyTraffic, variants));
        model.addAttribute("result", new ResultForm(controlVisitors, controlConversions, variantVisitors,
                variantConversions, confidencePercent));
        if (baselinePercent != null || liftPercent != null) {
            try {
                model.addAttribute("sampleSize", ExperimentCalculator.sampleSize(new ExperimentCalculator.SampleSizeRequest(
                        percent(baselinePercent), null, null, null, null, percent(liftPercent), null, null, variants,
                        dailyTraffic)));
            } catch (ApiProblemException invalid) {
                model.addAttribute("sizeErrors", fieldsOf(invalid));
            }
        }
        if (controlVisitors != null || variantVisitors != null) {
            try {
                ExperimentCalculator.AbResultResponse read = ExperimentCalculator.abResult(
                        new ExperimentCalculator.AbResultRequest(
                                new ExperimentCalculator.Arm(controlVisitors, controlConversions, null, null, null),
                                new ExperimentCalculator.Arm(variantVisitors, variantConversions, null, null, null),
                                confidencePercent / 100));
                model.addAttribute("read", read);
                model.addAttribute("drawing", drawing(read.relativeLiftInterval(), read.relativeLift()));
            } catch (ApiProblemException invalid) {
                model.addAttribute("resultErrors", fieldsOf(invalid));
            }
        }
        return "experiments";
    }

    record SizeForm(Double baselinePercent, Double liftPercent, Double dailyTraffic, int variants) {
    }

    record ResultForm(Long controlVisitors, Long controlConversions, Long variantVisitors, Long variantConversions,
                      double confidencePercent) {
    }

    static IntervalDrawing drawing(ExperimentCalculator.Interval lift, double estimate) {
        double reach = Math.max(Math.max(Math.abs(lift.lower()), Math.abs(lift.upper())), 0.01) * 1.25;
        return new IntervalDrawing(x(lift.lower(), reach), x(lift.upper(), reach), x(estimate, reach), x(0, reach),
                String.format(java.util.Locale.ROOT, "%+.0f%%", -reach * 100),
                String.format(java.util.Locale.ROOT, "%+.0f%%", reach * 100));
    }

    private static double x(double value, double reach) {
        return Math.round((LEFT + (value + reach) / (2 * reach) * WIDTH) * 10) / 10.0;
    }

    private static Double percent(Double value) {
        return value == null ? null : value / 100;
    }

    /** A wrong field as the form labels it ({@code label} a message key) and what is wrong with it. */
    record FieldProblem(String label, String message) {
    }

    private static List<FieldProblem> fieldsOf(ApiProblemException invalid) {
        return invalid.errors().stream().map(e -> new FieldProblem(switch (e.field()) {
            case "baselineRate" -> "experiments.baseline";
            case "minimumDetectableEffect", "targetRate" -> "experiments.lift";
            case "dailyTraffic" -> "experiments.traffic";
            case "variants" -> "experiments.variants";
            case "control.visitors" -> "experiments.controlVisitors";
            case "control.conversions" -> "experiments.controlConversions";
            case "variant.visitors" -> "experiments.variantVisitors";
            case "variant.conversions" -> "experiments.variantConversions";
            case "confidence" -> "experiments.confidence";
            default -> "experiments.field";
        }, e.message())).distinct().toList();
    }
}
