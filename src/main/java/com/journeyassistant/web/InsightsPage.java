package com.journeyassistant.web;

import com.journeyassistant.analytics.AnalyticsReport;
import com.journeyassistant.analytics.JourneyAnalytics;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels.Touchpoint;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.WorkspaceUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A journey's analytics as a marketer reads them: the funnel, KPIs against their targets per
 * stage, the themes customers talk about with their quotes, and the top pains; each leads to
 * the evidence behind it.
 */
@Controller
class InsightsPage {

    /** One bar of the funnel: a stage's volume, as a share of the largest, and the conversion to the next. */
    record FunnelBar(String stage, java.math.BigDecimal volume, String unit, int widthPercent, Double conversion) {
    }

    private final Journeys journeys;
    private final Touchpoints touchpoints;
    private final JourneyAnalytics analytics;

    InsightsPage(Journeys journeys, Touchpoints touchpoints, JourneyAnalytics analytics) {
        this.journeys = journeys;
        this.touchpoints = touchpoints;
        this.analytics = analytics;
    }

    @GetMapping("/journeys/{id}/insights")
    String insights(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, Model model) {
        CurrentWorkspace caller = user.workspace();
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(caller.workspaceId(), id));
        AnalyticsReport report = analytics.analyse(caller.workspaceId(), id);
        model.addAttribute("report", report);
        model.addAttribute("funnel", funnel(report));
        model.addAttribute("touchpointNames", touchpoints.list(caller.workspaceId(), id).stream()
                .collect(Collectors.toMap(Touchpoint::id, Touchpoint::name)));
        return "insights";
    }

    static List<FunnelBar> funnel(AnalyticsReport report) {
        List<AnalyticsReport.StageAnalytics> withVolume = report.stages().stream()
                .filter(stage -> stage.volume() != null).toList();
        double largest = withVolume.stream().mapToDouble(s -> s.volume().value().doubleValue()).max().orElse(0);
        Map<UUID, Double> conversionFrom = new HashMap<>();
        report.funnel().forEach(step -> conversionFrom.put(step.fromStageId(), step.conversion()));
        return withVolume.stream().map(stage -> new FunnelBar(stage.name(), stage.volume().value(),
                stage.volume().unit(), largest <= 0 ? 0
                        : (int) Math.max(2, Math.round(100 * stage.volume().value().doubleValue() / largest)),
                conversionFrom.get(stage.stageId()))).toList();
    }
}
