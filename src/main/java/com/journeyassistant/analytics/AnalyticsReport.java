package com.journeyassistant.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A journey's analytics. Levels and scores are on the emotion scale from 1 (very unhappy) to
 * 5 (very happy): CSAT as it is, NPS and ratings (0–10) as 1 + 0.4 × score, and text
 * sentiment as 3 + 2 × sentiment where an item has no score.
 */
public record AnalyticsReport(UUID journeyId, Instant computedAt, EvidenceCounts evidence,
                              List<StageAnalytics> stages, List<KpiStatus> journeyKpis, List<FunnelStep> funnel,
                              List<EmotionPoint> emotionCurve, List<Segment> segments, Insights journey,
                              List<TouchpointInsights> touchpoints, List<Trend> trends, List<Trend> movers) {

    /** How much evidence the figures rest on; themes need feedback that is already embedded. */
    public record EvidenceCounts(int feedback, int kpis, int feedbackWithoutStage, int feedbackNotYetEmbedded) {
    }

    /** A stage's figures; its pains and gains are ranked by impact, strongest first. */
    public record StageAnalytics(UUID stageId, String name, int position, List<KpiStatus> kpis, Volume volume,
                                 int feedback, Double meanScore, List<Theme> themes, List<Cause> pains,
                                 List<Cause> gains) {
    }

    /**
     * What a set of feedback says: its themes, the causes of the unhappy items ({@code pains}) and of the happy ones
     * ({@code gains}). {@code unhappy} and {@code happy} count the items on either side (CSAT 1–2 and 4–5, NPS 0–4 and
     * 7–10, clearly negative or positive text).
     */
    public record Insights(int feedback, int unhappy, int happy, List<Theme> themes, List<Cause> pains,
                           List<Cause> gains) {
        public static final Insights NONE = new Insights(0, 0, 0, List.of(), List.of(), List.of());
    }

    /** A touchpoint's themes and pains (no gains), for touchpoints with at least 20 embedded feedback items. */
    public record TouchpointInsights(UUID touchpointId, String name, UUID stageId, Insights insights) {
    }

    /** The latest value of one metric (per touchpoint) against its target. {@code gap} is value − target. */
    public record KpiStatus(UUID kpiId, String metric, UUID touchpointId, String period, BigDecimal value, String unit,
                            BigDecimal target, String better, BigDecimal gap, Double gapPercent, Status status,
                            BigDecimal dailyTraffic) {
    }

    /** MET: on the right side of the target; CLOSE: within 10% of it; MISSED: further off. */
    public enum Status { MET, CLOSE, MISSED, NO_TARGET }

    /** How many people reached a stage: its largest stage-level count KPI of the latest period. */
    public record Volume(UUID kpiId, String metric, BigDecimal value, String unit, String period) {
    }

    /** From one stage with a volume to the next; {@code dropOff} is 1 − conversion. */
    public record FunnelStep(UUID fromStageId, UUID toStageId, BigDecimal fromVolume, BigDecimal toVolume,
                             double conversion, double dropOff) {
    }

    public record EmotionPoint(UUID touchpointId, String name, UUID stageId, Integer level, Emotion emotion,
                               Double meanScore, int items, int fromScores, int fromSentiment) {
    }

    public enum Emotion { VERY_UNHAPPY, UNHAPPY, NEUTRAL, HAPPY, VERY_HAPPY }

    /**
     * A group of feedback about the same thing, labelled by the words most particular to it, with quotes typical of
     * it; {@code unhappy} and {@code happy} count its items on either side. {@code name}: a short name a language
     * model gave it, checked against its quotes (absent until asked for; see the theme-names endpoint).
     */
    public record Theme(String label, String name, int size, Double meanScore, int unhappy, int happy,
                        List<String> keywords, List<Quote> quotes) {
        Theme named(Map<String, String> names) {
            String given = names.get(nameKey("theme", label));
            return given == null ? this : new Theme(label, given, size, meanScore, unhappy, happy, keywords, quotes);
        }
    }

    public record Quote(UUID feedbackId, String text) {
    }

    /** A customer segment named in the journey's feedback: how many items and their mean level. */
    public record Segment(String name, int feedback, Double meanScore) {
    }

    /**
     * A cause shared by unhappy customers (a pain) or happy ones (a gain), found by grouping that side's feedback on
     * its own. {@code share} is its items against all scored items (its reach); {@code impact} is share × the
     * distance of its mean score from the neutral 3 (its severity), by which causes are ranked.
     */
    public record Cause(String label, String name, List<String> keywords, int customers, double share,
                        double meanScore, double impact, List<Quote> quotes) {
        Cause named(String kind, Map<String, String> names) {
            String given = names.get(nameKey(kind, label));
            return given == null ? this
                    : new Cause(label, given, keywords, customers, share, meanScore, impact, quotes);
        }
    }

    /** How a name is filed: the kind ({@code theme}, {@code pain} or {@code gain}) and the label it names. */
    public static String nameKey(String kind, String label) {
        return kind + ":" + label;
    }

    /**
     * How a theme, pain or KPI moved over its last periods (calendar months for feedback, the KPI's own periods).
     * {@code change}: for feedback the change in share of all feedback, in percentage points, between the last three
     * months and the three before; for a KPI the relative change, in percent, from the first to the last of up to
     * six periods. {@code pValue}: for feedback, the two-proportion test of that change.
     */
    public record Trend(TrendSubject subject, String name, UUID stageId, UUID kpiId, List<PeriodValue> periods,
                        Direction direction, Double change, Double pValue, String note) {
    }

    public enum TrendSubject { THEME, PAIN, KPI }

    /** GROWING and SHRINKING for feedback; for KPIs IMPROVING and WORSENING follow the metric's better side. */
    public enum Direction { GROWING, SHRINKING, IMPROVING, WORSENING, STEADY, NOT_ENOUGH_DATA }

    /** One period: its name, its value (a share in percent for feedback, the KPI's value) and its item count. */
    public record PeriodValue(String period, double value, int items) {
    }
}
