package com.journeyassistant.analytics;

import com.journeyassistant.analytics.AnalyticsReport.Emotion;
import com.journeyassistant.analytics.AnalyticsReport.EmotionPoint;
import com.journeyassistant.analytics.AnalyticsReport.EvidenceCounts;
import com.journeyassistant.analytics.AnalyticsReport.FunnelStep;
import com.journeyassistant.analytics.AnalyticsReport.KpiStatus;
import com.journeyassistant.analytics.AnalyticsReport.Insights;
import com.journeyassistant.analytics.AnalyticsReport.TouchpointInsights;
import com.journeyassistant.analytics.AnalyticsReport.StageAnalytics;
import com.journeyassistant.analytics.AnalyticsReport.Status;
import com.journeyassistant.analytics.AnalyticsReport.Volume;
import com.journeyassistant.evidence.EvidenceFacts;
import com.journeyassistant.evidence.EvidenceFacts.FeedbackFact;
import com.journeyassistant.evidence.EvidenceFacts.KpiFact;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels.Stage;
import com.journeyassistant.journey.MapModels.Touchpoint;
import com.journeyassistant.journey.Stages;
import com.journeyassistant.journey.Touchpoints;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Computes a journey's analytics from its map and evidence; nothing here asks a model. */
@Service
public class JourneyAnalytics {

    /** A journey's themes, pains and gains are built from at most this many of its most recent feedback items. */
    static final int MAX_THEMED = 20_000;
    /** A stage's from at most this many of its most recent ones, a touchpoint's from at most this many. */
    static final int MAX_THEMED_PER_STAGE = 1_500;
    static final int MAX_THEMED_PER_TOUCHPOINT = 500;
    /** Touchpoints with fewer embedded feedback items get no themes of their own. */
    static final int MIN_TOUCHPOINT_ITEMS = 20;
    static final int CACHED_JOURNEYS = 100;
    private static final double CLOSE_TO_TARGET = 0.10;
    private static final Set<String> VOLUME_UNITS = Set.of("count", "visitors", "visits", "sessions", "users",
            "customers", "orders", "people", "bezoekers", "bezoeken", "sessies", "gebruikers", "klanten",
            "bestellingen", "personen", "aantal");

    private final Journeys journeys;
    private final Stages stages;
    private final Touchpoints touchpoints;
    private final EvidenceFacts evidence;

    private final List<ThemeNaming> naming;

    JourneyAnalytics(Journeys journeys, Stages stages, Touchpoints touchpoints, EvidenceFacts evidence,
                     List<ThemeNaming> naming) {
        this.journeys = journeys;
        this.stages = stages;
        this.touchpoints = touchpoints;
        this.evidence = evidence;
        this.naming = naming;
    }

    /**
     * The journey's analytics. The figures only change with the evidence and the map, so they
     * are kept per journey until either changes; a large journey takes seconds to cluster.
     */
    public AnalyticsReport analyse(UUID workspaceId, UUID journeyId) {
        journeys.get(workspaceId, journeyId);
        return analyse(workspaceId, journeyId, stages.list(workspaceId, journeyId),
                touchpoints.list(workspaceId, journeyId));
    }

    /**
     * The same, for a caller that has just read the journey's stages and touchpoints (the canvas
     * shows them too): they are not read a second time.
     */
    public AnalyticsReport analyse(UUID workspaceId, UUID journeyId, List<Stage> journeyStages,
                                   List<Touchpoint> touchpointList) {
        List<Stage> stageList = journeyStages.stream().sorted(Comparator.comparingInt(Stage::position)).toList();
        String version = evidence.version(workspaceId, journeyId) + "|"
                + stageList.stream().map(s -> s.id() + ":" + s.version()).collect(Collectors.joining(",")) + "|"
                + touchpointList.stream().map(t -> t.id() + ":" + t.version()).collect(Collectors.joining(",")) + "|"
                + naming.stream().map(n -> n.version(workspaceId, journeyId)).collect(Collectors.joining(","));
        List<Object> key = List.of(workspaceId, journeyId);
        Cached cached = cache.get(key);
        if (cached != null && cached.version().equals(version)) {
            return cached.report();
        }
        long asked = System.nanoTime();
        // one computation per journey at a time: a team opening the map together after an import
        // waits for one report instead of each computing its own, which took the CPU for seconds
        synchronized (computing.computeIfAbsent(key, k -> new Object())) {
            cached = cache.get(key);
            if (cached != null && (cached.version().equals(version) || cached.computedAt() - asked >= 0)) {
                return cached.report();
            }
            Map<String, String> names = new HashMap<>();
            naming.forEach(n -> names.putAll(n.names(workspaceId, journeyId)));
            AnalyticsReport report = named(compute(workspaceId, journeyId, stageList, touchpointList), names);
            cache.put(key, new Cached(version, report, System.nanoTime()));
            return report;
        }
    }

    /** {@code computedAt}: {@link System#nanoTime()} when the report was done, newer than any request waiting for it. */
    private record Cached(String version, AnalyticsReport report, long computedAt) {
    }

    private final Map<List<Object>, Object> computing = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<List<Object>, Cached> cache = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, Cached> eldest) {
                    return size() > CACHED_JOURNEYS;
                }
            });

    private AnalyticsReport compute(UUID workspaceId, UUID journeyId, List<Stage> stageList,
                                    List<Touchpoint> touchpointList) {
        List<FeedbackFact> feedback = evidence.feedback(workspaceId, journeyId);
        List<KpiFact> kpis = evidence.kpis(workspaceId, journeyId);
        Map<UUID, Scored> levels = new HashMap<>();
        feedback.forEach(f -> levels.put(f.id(), Scored.of(f)));

        // quarantined feedback counts in the scores but is never themed: its words would become quotes in prompts
        List<FeedbackFact> quotable = feedback.stream().filter(f -> !f.quarantined()).toList();
        List<FeedbackFact> themed = quotable.subList(Math.max(0, quotable.size() - MAX_THEMED), quotable.size());
        Map<UUID, float[]> vectors = evidence.vectors(workspaceId, themed.stream().map(FeedbackFact::id).toList());
        List<FeedbackThemes.Item> items = themed.stream().filter(f -> vectors.containsKey(f.id()))
                .map(f -> new FeedbackThemes.Item(f.id(), f.text(), levels.get(f.id()).level(), vectors.get(f.id())))
                .toList();
        FeedbackThemes.Corpus corpus = FeedbackThemes.Corpus.of(items);
        Map<UUID, FeedbackFact> byId = new HashMap<>();
        feedback.forEach(f -> byId.put(f.id(), f));

        List<KpiStatus> latest = EvidenceFacts.latestPerMetric(kpis).stream().map(JourneyAnalytics::status).toList();
        Map<UUID, KpiFact> kpiById = new HashMap<>();
        kpis.forEach(k -> kpiById.put(k.id(), k));
        Map<UUID, List<FeedbackFact>> feedbackByStage = new HashMap<>();
        feedback.stream().filter(f -> f.stageId() != null)
                .forEach(f -> feedbackByStage.computeIfAbsent(f.stageId(), s -> new ArrayList<>()).add(f));
        List<StageAnalytics> stageResults = new ArrayList<>();
        // each item's place in its stage and touchpoint, in one pass; the most recent ones are kept per place
        Map<UUID, List<Integer>> stagePositions = new HashMap<>();
        Map<UUID, List<Integer>> touchpointPositions = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            FeedbackFact fact = byId.get(items.get(i).id());
            if (fact.stageId() != null) {
                stagePositions.computeIfAbsent(fact.stageId(), s -> new ArrayList<>()).add(i);
            }
            if (fact.touchpointId() != null) {
                touchpointPositions.computeIfAbsent(fact.touchpointId(), t -> new ArrayList<>()).add(i);
            }
        }
        Map<UUID, FeedbackThemes.Corpus> scopes = new HashMap<>();
        scopes.put(journeyId, corpus);
        stageList.forEach(stage -> scopes.put(stage.id(), corpus.subset(latest(
                stagePositions.getOrDefault(stage.id(), List.of()), MAX_THEMED_PER_STAGE))));
        Set<UUID> touchpointScopes = new java.util.HashSet<>();
        touchpointList.forEach(t -> {
            List<Integer> positions = touchpointPositions.getOrDefault(t.id(), List.of());
            if (positions.size() >= MIN_TOUCHPOINT_ITEMS) {
                scopes.put(t.id(), corpus.subset(latest(positions, MAX_THEMED_PER_TOUCHPOINT)));
                touchpointScopes.add(t.id());
            }
        });
        // the journey, its stages and its touchpoints are grouped side by side: the work is all arithmetic;
        // touchpoints get themes and pains but no gains, which saves a third of their share of the work
        Map<UUID, FeedbackThemes.Result> grouping = new java.util.concurrent.ConcurrentHashMap<>();
        scopes.entrySet().parallelStream().forEach(scope -> grouping.put(scope.getKey(),
                FeedbackThemes.analyse(scope.getValue(), !touchpointScopes.contains(scope.getKey()))));
        for (Stage stage : stageList) {
            List<FeedbackFact> stageFeedback = feedbackByStage.getOrDefault(stage.id(), List.of());
            FeedbackThemes.Result grouped = grouping.get(stage.id());
            List<KpiStatus> stageKpis = latest.stream().filter(k -> stage.id().equals(kpiById.get(k.kpiId()).stageId()))
                    .toList();
            stageResults.add(new StageAnalytics(stage.id(), stage.name(), stage.position(), stageKpis,
                    volume(stageKpis, kpiById), stageFeedback.size(), meanLevel(stageFeedback, levels),
                    grouped.themes(), grouped.pains(), grouped.gains()));
        }
        FeedbackThemes.Result journeyGroups = grouping.get(journeyId);
        List<TouchpointInsights> touchpointResults = new ArrayList<>();
        for (Touchpoint touchpoint : touchpointList) {
            if (touchpointScopes.contains(touchpoint.id())) {
                touchpointResults.add(new TouchpointInsights(touchpoint.id(), touchpoint.name(), touchpoint.stageId(),
                        insights(scopes.get(touchpoint.id()).size(), grouping.get(touchpoint.id()))));
            }
        }
        List<AnalyticsReport.Trend> trends = Trends.of(journeyGroups, themed, kpis);
        int notEmbedded = themed.size() - items.size();
        return new AnalyticsReport(journeyId, Instant.now(),
                new EvidenceCounts(feedback.size(), kpis.size(), (int) feedback.stream().filter(f -> f.stageId() == null)
                        .count(), notEmbedded),
                stageResults, latest.stream().filter(k -> kpiById.get(k.kpiId()).stageId() == null).toList(),
                funnel(stageResults), emotionCurve(touchpointList, stageList, feedback, levels),
                segments(feedback, levels), insights(items.size(), journeyGroups), touchpointResults, trends,
                Trends.movers(trends));
    }

    /** The last {@code limit} of the positions: items come oldest first, so these are the most recent. */
    private static List<Integer> latest(List<Integer> positions, int limit) {
        return positions.subList(Math.max(0, positions.size() - limit), positions.size());
    }

    /** The report with the names a model gave its themes, pains and gains, wherever their labels match. */
    private static AnalyticsReport named(AnalyticsReport report, Map<String, String> names) {
        if (names.isEmpty()) {
            return report;
        }
        List<StageAnalytics> stages = report.stages().stream().map(s -> new StageAnalytics(s.stageId(), s.name(),
                s.position(), s.kpis(), s.volume(), s.feedback(), s.meanScore(), themes(s.themes(), names),
                causes(s.pains(), "pain", names), causes(s.gains(), "gain", names))).toList();
        List<TouchpointInsights> touchpoints = report.touchpoints().stream().map(t -> new TouchpointInsights(
                t.touchpointId(), t.name(), t.stageId(), named(t.insights(), names))).toList();
        return new AnalyticsReport(report.journeyId(), report.computedAt(), report.evidence(), stages,
                report.journeyKpis(), report.funnel(), report.emotionCurve(), report.segments(),
                named(report.journey(), names), touchpoints, report.trends(), report.movers());
    }

    private static Insights named(Insights insights, Map<String, String> names) {
        return new Insights(insights.feedback(), insights.unhappy(), insights.happy(), themes(insights.themes(), names),
                causes(insights.pains(), "pain", names), causes(insights.gains(), "gain", names));
    }

    private static List<AnalyticsReport.Theme> themes(List<AnalyticsReport.Theme> themes, Map<String, String> names) {
        return themes.stream().map(t -> t.named(names)).toList();
    }

    private static List<AnalyticsReport.Cause> causes(List<AnalyticsReport.Cause> causes, String kind,
                                                      Map<String, String> names) {
        return causes.stream().map(c -> c.named(kind, names)).toList();
    }

    private static Insights insights(int feedback, FeedbackThemes.Result grouped) {
        return new Insights(feedback, grouped.negative(), grouped.positive(), grouped.themes(), grouped.pains(),
                grouped.gains());
    }

    /** Largest first. */
    private static List<AnalyticsReport.Segment> segments(List<FeedbackFact> feedback, Map<UUID, Scored> levels) {
        Map<String, List<FeedbackFact>> bySegment = new HashMap<>();
        feedback.stream().filter(f -> f.segment() != null && !f.segment().isBlank())
                .forEach(f -> bySegment.computeIfAbsent(f.segment(), s -> new ArrayList<>()).add(f));
        return bySegment.entrySet().stream()
                .map(e -> new AnalyticsReport.Segment(e.getKey(), e.getValue().size(), meanLevel(e.getValue(), levels)))
                .sorted(Comparator.comparingInt(AnalyticsReport.Segment::feedback).reversed()
                        .thenComparing(AnalyticsReport.Segment::name))
                .toList();
    }

    /** An item's level on the 1–5 scale and where it came from. */
    record Scored(Double level, boolean fromScore) {
        static Scored of(FeedbackFact f) {
            if (f.csat() != null) {
                return new Scored(f.csat().doubleValue(), true);
            }
            if (f.nps() != null) {
                return new Scored(1 + 0.4 * f.nps(), true);
            }
            if (f.rating() != null) {
                return new Scored(1 + 0.4 * f.rating().doubleValue(), true);
            }
            Double sentiment = Sentiment.score(f.text());
            return new Scored(sentiment == null ? null : 3 + 2 * sentiment, false);
        }
    }

    private static Double meanLevel(List<FeedbackFact> items, Map<UUID, Scored> levels) {
        double sum = 0;
        int count = 0;
        for (FeedbackFact f : items) {
            Double level = levels.get(f.id()).level();
            if (level != null) {
                sum += level;
                count++;
            }
        }
        return count == 0 ? null : round(sum / count, 2);
    }

    private static KpiStatus status(KpiFact kpi) {
        String better = kpi.higherIsBetter() ? "higher" : "lower";
        if (kpi.target() == null) {
            return new KpiStatus(kpi.id(), kpi.metric(), kpi.touchpointId(), kpi.period(), kpi.value(), kpi.unit(), null,
                    better, null, null, Status.NO_TARGET, kpi.dailyTraffic());
        }
        BigDecimal gap = kpi.value().subtract(kpi.target()).stripTrailingZeros();
        gap = gap.scale() < 0 ? gap.setScale(0) : gap;
        boolean met = kpi.higherIsBetter() ? gap.signum() >= 0 : gap.signum() <= 0;
        Double gapPercent = kpi.target().signum() == 0 ? null
                : round(gap.doubleValue() / kpi.target().abs().doubleValue() * 100, 1);
        Status status = met ? Status.MET
                : gapPercent != null && Math.abs(gapPercent) <= CLOSE_TO_TARGET * 100 ? Status.CLOSE : Status.MISSED;
        return new KpiStatus(kpi.id(), kpi.metric(), kpi.touchpointId(), kpi.period(), kpi.value(), kpi.unit(),
                kpi.target(), better, gap, gapPercent, status, kpi.dailyTraffic());
    }

    private static Volume volume(List<KpiStatus> stageKpis, Map<UUID, KpiFact> kpiById) {
        return stageKpis.stream()
                .filter(k -> k.touchpointId() == null && k.unit() != null
                        && VOLUME_UNITS.contains(k.unit().toLowerCase(Locale.ROOT)))
                .max(Comparator.comparing(KpiStatus::value))
                .map(k -> new Volume(k.kpiId(), k.metric(), k.value(), k.unit(), k.period()))
                .orElse(null);
    }

    private static List<FunnelStep> funnel(List<StageAnalytics> stages) {
        List<StageAnalytics> withVolume = stages.stream().filter(s -> s.volume() != null).toList();
        List<FunnelStep> steps = new ArrayList<>();
        for (int i = 1; i < withVolume.size(); i++) {
            StageAnalytics from = withVolume.get(i - 1);
            StageAnalytics to = withVolume.get(i);
            if (from.volume().value().signum() <= 0) {
                continue;
            }
            double conversion = to.volume().value().divide(from.volume().value(), MathContext.DECIMAL64).doubleValue();
            steps.add(new FunnelStep(from.stageId(), to.stageId(), from.volume().value(), to.volume().value(),
                    round(conversion, 4), round(1 - conversion, 4)));
        }
        return steps;
    }

    private static List<EmotionPoint> emotionCurve(List<Touchpoint> touchpointList, List<Stage> stageList,
                                                   List<FeedbackFact> feedback, Map<UUID, Scored> levels) {
        Map<UUID, Integer> stageOrder = new HashMap<>();
        stageList.forEach(s -> stageOrder.put(s.id(), s.position()));
        Map<UUID, List<Scored>> byTouchpoint = new HashMap<>();
        feedback.stream().filter(f -> f.touchpointId() != null)
                .forEach(f -> byTouchpoint.computeIfAbsent(f.touchpointId(), t -> new ArrayList<>()).add(levels.get(f.id())));
        return touchpointList.stream()
                .sorted(Comparator.comparing((Touchpoint t) -> stageOrder.getOrDefault(t.stageId(), Integer.MAX_VALUE))
                        .thenComparingInt(Touchpoint::position))
                .map(t -> point(t, byTouchpoint.getOrDefault(t.id(), List.of())))
                .toList();
    }

    private static EmotionPoint point(Touchpoint touchpoint, List<Scored> scored) {
        int fromScores = (int) scored.stream().filter(s -> s.level() != null && s.fromScore()).count();
        int fromSentiment = (int) scored.stream().filter(s -> s.level() != null && !s.fromScore()).count();
        double sum = scored.stream().filter(s -> s.level() != null).mapToDouble(Scored::level).sum();
        int counted = fromScores + fromSentiment;
        Double mean = counted == 0 ? null : round(sum / counted, 2);
        Integer level = mean == null ? null : (int) Math.max(1, Math.min(5, Math.round(mean)));
        return new EmotionPoint(touchpoint.id(), touchpoint.name(), touchpoint.stageId(), level,
                level == null ? null : Emotion.values()[level - 1], mean, scored.size(), fromScores, fromSentiment);
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
