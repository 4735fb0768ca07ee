package com.journeyassistant.web;

import com.journeyassistant.analytics.AnalyticsReport;
import com.journeyassistant.analytics.JourneyAnalytics;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.journey.MapModels.Opportunity;
import com.journeyassistant.journey.MapModels.Solution;
import com.journeyassistant.journey.MapModels.Stage;
import com.journeyassistant.journey.MapModels.Touchpoint;
import com.journeyassistant.journey.Opportunities;
import com.journeyassistant.journey.Solutions;
import com.journeyassistant.journey.Stages;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.CurrentWorkspace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the journey canvas shows, assembled from the map and its analytics: stages as columns
 * with their lanes, touchpoints with their KPI status, the emotion curve as points to draw, and
 * the opportunities with their solutions. The records are public so that the template's
 * expressions over them compile to bytecode (Spring's expression compiler skips non-public types).
 */
@Component
class JourneyCanvas {

    /** Width of one touchpoint's slot in the emotion curve's drawing, and the height of one level. */
    static final int SLOT = 56;
    static final int LEVEL = 22;

    public record Canvas(Journey journey, List<Column> columns, List<com.journeyassistant.journey.MapModels.Persona> personas,
                  List<OpportunityCard> opportunities) {
    }

    /** One stage: its lanes, and its stretch of the emotion curve. */
    /** {@code feedbackPains} and {@code feedbackGains}: the strongest causes found in the stage's feedback. */
    public record Column(Stage stage, List<TouchpointCard> touchpoints, Curve curve, List<AnalyticsReport.KpiStatus> kpis,
                  Integer feedback, Double meanScore, List<AnalyticsReport.Cause> feedbackPains,
                  List<AnalyticsReport.Cause> feedbackGains) {
    }

    static final int PAINS_SHOWN = 2;
    static final int GAINS_SHOWN = 1;

    /** {@code kpiStatus}: the worst status among the touchpoint's KPIs with a target, or null. */
    public record TouchpointCard(Touchpoint touchpoint, AnalyticsReport.Status kpiStatus, int experimentPlans, String path) {
    }

    /** A stretch of the emotion curve to draw: points in a {@code width} × {@code height} box, and the line through them. */
    public record Curve(int width, int height, List<Point> points, String line) {
    }

    /** One touchpoint on the curve; {@code level} null when nothing is known about how customers feel there. */
    public record Point(UUID touchpointId, String name, Integer level, int items, int x, int y, String path) {
    }

    public record OpportunityCard(Opportunity opportunity, List<Solution> solutions) {
    }

    private final Journeys journeys;
    private final Stages stages;
    private final Touchpoints touchpoints;
    private final Opportunities opportunities;
    private final Solutions solutions;
    private final JourneyAnalytics analytics;
    private final com.journeyassistant.journey.Personas personas;
    private final com.journeyassistant.experiments.ExperimentPlans plans;

    JourneyCanvas(Journeys journeys, Stages stages, Touchpoints touchpoints, Opportunities opportunities,
                  Solutions solutions, JourneyAnalytics analytics, com.journeyassistant.journey.Personas personas,
                  com.journeyassistant.experiments.ExperimentPlans plans) {
        this.personas = personas;
        this.plans = plans;
        this.journeys = journeys;
        this.stages = stages;
        this.touchpoints = touchpoints;
        this.opportunities = opportunities;
        this.solutions = solutions;
        this.analytics = analytics;
    }

    Canvas of(CurrentWorkspace caller, UUID journeyId) {
        UUID ws = caller.workspaceId();
        Journey journey = journeys.get(ws, journeyId);
        List<Stage> stageList = stages.list(ws, journeyId);
        List<Touchpoint> all = touchpoints.list(ws, journeyId);
        AnalyticsReport report = analytics.analyse(ws, journeyId, stageList, all);
        Map<UUID, AnalyticsReport.StageAnalytics> stageAnalytics = new HashMap<>();
        report.stages().forEach(s -> stageAnalytics.put(s.stageId(), s));
        Map<UUID, AnalyticsReport.EmotionPoint> emotions = new HashMap<>();
        report.emotionCurve().forEach(p -> emotions.put(p.touchpointId(), p));

        Map<UUID, Integer> planCounts = plans.countsPerTouchpoint(ws, journeyId);
        List<Column> columns = new ArrayList<>();
        for (Stage stage : stageList) {
            AnalyticsReport.StageAnalytics figures = stageAnalytics.get(stage.id());
            List<AnalyticsReport.KpiStatus> kpis = figures == null ? List.of() : figures.kpis();
            List<TouchpointCard> cards = new ArrayList<>();
            List<Point> points = new ArrayList<>();
            for (Touchpoint touchpoint : all.stream().filter(t -> stage.id().equals(t.stageId()))
                    .sorted(Comparator.comparingInt(Touchpoint::position)).toList()) {
                // the panel's address, built once here rather than per link in the template (a canvas has hundreds)
                String path = "/journeys/" + journeyId + "/touchpoints/" + touchpoint.id();
                cards.add(new TouchpointCard(touchpoint, worst(kpis, touchpoint.id()),
                        planCounts.getOrDefault(touchpoint.id(), 0), path));
                AnalyticsReport.EmotionPoint emotion = emotions.get(touchpoint.id());
                Integer level = emotion == null ? null : emotion.level();
                points.add(new Point(touchpoint.id(), touchpoint.name(), level, emotion == null ? 0 : emotion.items(),
                        points.size() * SLOT + SLOT / 2, y(level == null ? 3 : level), path));
            }
            String line = String.join(" ", points.stream().filter(p -> p.level() != null)
                    .map(p -> p.x() + "," + p.y()).toList());
            columns.add(new Column(stage, cards, new Curve(Math.max(points.size(), 1) * SLOT, 6 * LEVEL, points, line),
                    kpis, figures == null ? null : figures.feedback(), figures == null ? null : figures.meanScore(),
                    figures == null ? List.of() : figures.pains().stream().limit(PAINS_SHOWN).toList(),
                    figures == null ? List.of() : figures.gains().stream().limit(GAINS_SHOWN).toList()));
        }

        Map<UUID, List<Solution>> solutionsOf = solutions.byOpportunity(ws, journeyId);
        List<OpportunityCard> cards = opportunities.list(ws, journeyId).stream()
                .map(o -> new OpportunityCard(o, solutionsOf.getOrDefault(o.id(), List.of()))).toList();
        return new Canvas(journey, columns, personas.list(ws, journeyId), cards);
    }

    /** Level 5 (very happy) at the top, level 1 at the bottom. */
    private static int y(int level) {
        return (6 - level) * LEVEL;
    }

    private static AnalyticsReport.Status worst(List<AnalyticsReport.KpiStatus> kpis, UUID touchpointId) {
        return kpis.stream().filter(k -> touchpointId.equals(k.touchpointId()))
                .map(AnalyticsReport.KpiStatus::status)
                .filter(status -> status != AnalyticsReport.Status.NO_TARGET)
                .max(Comparator.naturalOrder()).orElse(null);
    }
}
