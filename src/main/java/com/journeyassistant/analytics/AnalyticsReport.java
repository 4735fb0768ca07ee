package com.journeyassistant.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A journey's analytics. Levels and scores are on the emotion scale from 1 (very unhappy) to
 * 5 (very happy): CSAT as it is, NPS and ratings (0–10) as 1 + 0.4 × score, and text
 * sentiment as 3 + 2 × sentiment where an item has no score.
 */
public record AnalyticsReport(UUID journeyId, Instant computedAt, EvidenceCounts evidence,
                              List<StageAnalytics> stages, List<KpiStatus> journeyKpis, List<FunnelStep> funnel,
                              List<EmotionPoint> emotionCurve, List<Segment> segments) {

    /** How much evidence the figures rest on; themes need feedback that is already embedded. */
    public record EvidenceCounts(int feedback, int kpis, int feedbackWithoutStage, int feedbackNotYetEmbedded) {
    }

    public record StageAnalytics(UUID stageId, String name, int position, List<KpiStatus> kpis, Volume volume,
                                 int feedback, Double meanScore, List<Theme> themes, List<Pain> topPains) {
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

    /** A group of similar feedback in a stage, with the quotes closest to its centre. */
    public record Theme(int size, Double meanScore, List<String> keywords, List<Quote> quotes) {
    }

    public record Quote(UUID feedbackId, String text) {
    }

    /** A customer segment named in the journey's feedback: how many items and their mean level. */
    public record Segment(String name, int feedback, Double meanScore) {
    }

    /** A theme customers are unhappy about, ranked by size × (3 − mean score). */
    public record Pain(List<String> keywords, int size, double meanScore, List<UUID> feedbackIds) {
    }
}
