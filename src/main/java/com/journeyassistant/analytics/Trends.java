package com.journeyassistant.analytics;

import com.journeyassistant.analytics.AnalyticsReport.Direction;
import com.journeyassistant.analytics.AnalyticsReport.PeriodValue;
import com.journeyassistant.analytics.AnalyticsReport.Trend;
import com.journeyassistant.analytics.AnalyticsReport.TrendSubject;
import com.journeyassistant.evidence.EvidenceFacts.FeedbackFact;
import com.journeyassistant.evidence.EvidenceFacts.KpiFact;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Whether themes, pains and KPIs are moving. Feedback: a theme's or pain's share of all dated feedback in the last
 * three calendar months against the three before, tested as two proportions; each side needs
 * {@value #MIN_ITEMS_PER_WINDOW} dated items or the answer is "not enough data". KPIs: the change from the first to
 * the last of their last six periods, needing at least three periods; a change under {@value #STEADY_PERCENT}% is
 * steady.
 */
final class Trends {

    private Trends() {
    }

    static final int MIN_ITEMS_PER_WINDOW = 30;
    static final double SIGNIFICANCE = 0.05;
    static final double STEADY_PERCENT = 2;
    private static final int WINDOW_MONTHS = 3;
    private static final int KPI_PERIODS = 6;
    private static final int MIN_KPI_PERIODS = 3;
    private static final int MOVERS_PER_KIND = 3;

    static List<Trend> of(FeedbackThemes.Result groups, List<FeedbackFact> feedback, List<KpiFact> kpis) {
        List<Trend> trends = new ArrayList<>();
        Map<UUID, YearMonth> months = new HashMap<>();
        feedback.stream().filter(f -> f.date() != null).forEach(f -> months.put(f.id(), YearMonth.from(f.date())));
        if (!months.isEmpty()) {
            YearMonth last = months.values().stream().max(Comparator.naturalOrder()).orElseThrow();
            List<YearMonth> periods = new ArrayList<>();
            for (int back = 2 * WINDOW_MONTHS - 1; back >= 0; back--) {
                periods.add(last.minusMonths(back));
            }
            Map<YearMonth, Integer> all = counts(months, months.keySet(), periods);
            groups.themeMembers().forEach((theme, members) -> trends.add(feedbackTrend(TrendSubject.THEME,
                    theme.label(), members, months, periods, all)));
            groups.painMembers().forEach((pain, members) -> trends.add(feedbackTrend(TrendSubject.PAIN,
                    pain.label(), members, months, periods, all)));
        }
        Map<List<Object>, List<KpiFact>> series = new LinkedHashMap<>();
        for (KpiFact kpi : kpis) {
            series.computeIfAbsent(java.util.Arrays.asList(kpi.stageId(), kpi.touchpointId(),
                    kpi.metric().toLowerCase(Locale.ROOT)), k -> new ArrayList<>()).add(kpi);
        }
        series.values().forEach(values -> trends.add(kpiTrend(values)));
        trends.sort(Comparator.comparing(Trend::subject).thenComparing(Trend::name));
        return trends;
    }

    /** The feedback themes or pains with the smallest p-values and the KPIs that moved most, three of each. */
    static List<Trend> movers(List<Trend> trends) {
        Set<Direction> moving = Set.of(Direction.GROWING, Direction.SHRINKING, Direction.IMPROVING, Direction.WORSENING);
        List<Trend> movers = new ArrayList<>();
        trends.stream().filter(t -> t.subject() != TrendSubject.KPI && moving.contains(t.direction()))
                .sorted(Comparator.comparingDouble(Trend::pValue)
                        .thenComparing(t -> -Math.abs(t.change())))
                .limit(MOVERS_PER_KIND).forEach(movers::add);
        trends.stream().filter(t -> t.subject() == TrendSubject.KPI && moving.contains(t.direction()))
                .sorted(Comparator.comparingDouble((Trend t) -> -Math.abs(t.change())))
                .limit(MOVERS_PER_KIND).forEach(movers::add);
        return movers;
    }

    private static Map<YearMonth, Integer> counts(Map<UUID, YearMonth> months, Iterable<UUID> ids,
                                                  List<YearMonth> periods) {
        Map<YearMonth, Integer> counts = new LinkedHashMap<>();
        periods.forEach(p -> counts.put(p, 0));
        for (UUID id : ids) {
            YearMonth month = months.get(id);
            if (month != null && counts.containsKey(month)) {
                counts.merge(month, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Trend feedbackTrend(TrendSubject subject, String name, List<UUID> members,
                                       Map<UUID, YearMonth> months, List<YearMonth> periods,
                                       Map<YearMonth, Integer> all) {
        Map<YearMonth, Integer> mine = counts(months, new HashSet<>(members), periods);
        List<PeriodValue> values = periods.stream().map(p -> new PeriodValue(p.toString(),
                all.get(p) == 0 ? 0 : round(100.0 * mine.get(p) / all.get(p), 1), all.get(p))).toList();
        int before = 0;
        int beforeMine = 0;
        int recent = 0;
        int recentMine = 0;
        for (int i = 0; i < periods.size(); i++) {
            if (i < WINDOW_MONTHS) {
                before += all.get(periods.get(i));
                beforeMine += mine.get(periods.get(i));
            } else {
                recent += all.get(periods.get(i));
                recentMine += mine.get(periods.get(i));
            }
        }
        if (before < MIN_ITEMS_PER_WINDOW || recent < MIN_ITEMS_PER_WINDOW) {
            return new Trend(subject, name, null, null, values, Direction.NOT_ENOUGH_DATA, null, null,
                    "Not enough data: " + recent + " dated feedback items in the last three months and " + before
                            + " in the three before; each needs " + MIN_ITEMS_PER_WINDOW + ".");
        }
        com.journeyassistant.experiments.Statistics.TestResult test = com.journeyassistant.experiments.Statistics.twoProportions(before, beforeMine, recent, recentMine,
                1 - SIGNIFICANCE);
        double change = 100.0 * (recentMine / (double) recent - beforeMine / (double) before);
        Direction direction = test.pValue() >= SIGNIFICANCE ? Direction.STEADY
                : change > 0 ? Direction.GROWING : Direction.SHRINKING;
        return new Trend(subject, name, null, null, values, direction, round(change, 1), round(test.pValue(), 4),
                String.format(Locale.ROOT, "%.1f%% of feedback in the last three months, %.1f%% in the three before",
                        100.0 * recentMine / recent, 100.0 * beforeMine / before));
    }

    private static Trend kpiTrend(List<KpiFact> values) {
        List<KpiFact> sorted = values.stream()
                .sorted(Comparator.comparing((KpiFact k) -> Objects.toString(k.period(), ""))).toList();
        List<KpiFact> lastPeriods = sorted.subList(Math.max(0, sorted.size() - KPI_PERIODS), sorted.size());
        KpiFact newest = lastPeriods.get(lastPeriods.size() - 1);
        List<PeriodValue> periods = lastPeriods.stream()
                .map(k -> new PeriodValue(Objects.toString(k.period(), ""), k.value().doubleValue(), 1)).toList();
        if (lastPeriods.size() < MIN_KPI_PERIODS) {
            return new Trend(TrendSubject.KPI, newest.metric(), newest.stageId(), newest.id(), periods,
                    Direction.NOT_ENOUGH_DATA, null, null, "Not enough data: " + lastPeriods.size()
                            + " period(s); a trend needs " + MIN_KPI_PERIODS + ".");
        }
        BigDecimal first = lastPeriods.get(0).value();
        if (first.signum() == 0) {
            return new Trend(TrendSubject.KPI, newest.metric(), newest.stageId(), newest.id(), periods,
                    Direction.NOT_ENOUGH_DATA, null, null, "The first period's value is 0: no relative change.");
        }
        double change = 100 * (newest.value().doubleValue() - first.doubleValue()) / Math.abs(first.doubleValue());
        Direction direction = Math.abs(change) < STEADY_PERCENT ? Direction.STEADY
                : (change > 0) == newest.higherIsBetter() ? Direction.IMPROVING : Direction.WORSENING;
        return new Trend(TrendSubject.KPI, newest.metric(), newest.stageId(), newest.id(), periods, direction,
                round(change, 1), null, String.format(Locale.ROOT, "%s → %s over %d periods (%s is better)",
                first.toPlainString(), newest.value().toPlainString(), lastPeriods.size(),
                newest.higherIsBetter() ? "higher" : "lower"));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
