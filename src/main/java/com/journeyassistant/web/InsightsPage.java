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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import com.journeyassistant.generation.GenerationJobs;
import com.journeyassistant.model.LanguageModel;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.Role;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;

/**
 * A journey's analytics as a marketer reads them: the funnel, the journey's pains, gains, themes and
 * biggest movers, and per stage its KPIs against their targets, pains, gains and themes with their quotes;
 * each leads to the evidence behind it. Editors can have the model name the themes.
 */
@Controller
class InsightsPage {

    /** One bar of the funnel: a stage's volume, as a share of the largest, and the conversion to the next. */
    record FunnelBar(String stage, java.math.BigDecimal volume, String unit, int widthPercent, Double conversion) {
    }

    private final Journeys journeys;
    private final Touchpoints touchpoints;
    private final JourneyAnalytics analytics;
    private final GenerationJobs jobs;
    private final LanguageModel languageModel;
    private final MessageSource messages;

    InsightsPage(Journeys journeys, Touchpoints touchpoints, JourneyAnalytics analytics, GenerationJobs jobs,
                 LanguageModel languageModel, MessageSource messages) {
        this.journeys = journeys;
        this.touchpoints = touchpoints;
        this.analytics = analytics;
        this.jobs = jobs;
        this.languageModel = languageModel;
        this.messages = messages;
    }

    /** Asks the model to name the journey's themes, pains and gains; they show on this page once named. */
    @PostMapping("/journeys/{id}/insights/theme-names")
    String nameThemes(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, Locale locale, Model model) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        try {
            int named = jobs.nameThemes(caller, id, locale.getLanguage().equals("nl") ? "nl" : "en");
            return "redirect:/journeys/" + id + "/insights?named=" + named;
        } catch (ApiProblemException problem) {
            if (problem.status() == HttpStatus.NOT_FOUND || problem.status() == HttpStatus.FORBIDDEN) {
                throw problem;
            }
            model.addAttribute("namingProblem", messages.getMessage("chat.problem." + problem.status().value(),
                    new Object[] {problem.getMessage()}, problem.title() + ": " + problem.getMessage(), locale));
            return insights(user, id, null, model);
        }
    }

    @GetMapping("/journeys/{id}/insights")
    String insights(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                    @RequestParam(required = false) Integer named, Model model) {
        CurrentWorkspace caller = user.workspace();
        model.addAttribute("user", user);
        model.addAttribute("named", named);
        model.addAttribute("modelConfigured", languageModel.configured());
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
