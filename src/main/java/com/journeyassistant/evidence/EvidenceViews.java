package com.journeyassistant.evidence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Evidence as the API returns it. Feedback text is the redacted text; the original is never stored. */
public final class EvidenceViews {

    private EvidenceViews() {
    }

    /** {@code suspectedInjection}: why the item is held back from the assistant's prompts (null: it is not). */
    public record Feedback(UUID id, UUID journeyId, UUID stageId, UUID touchpointId, String externalId, String text,
                           String language, boolean hiddenText, int piiRedacted, SourceChannel source, Integer csat,
                           Integer nps, BigDecimal rating, LocalDate date, String segment, Instant createdAt,
                           String suspectedInjection) {
    }

    public record Kpi(UUID id, UUID journeyId, UUID stageId, UUID touchpointId, String externalId, String metric,
                      BigDecimal value, String unit, String period, BigDecimal target, boolean higherIsBetter,
                      BigDecimal dailyTraffic, Instant createdAt) {
    }

    public record Page<T>(List<T> items, long total, int limit, int offset) {
    }

    /**
     * One search result. {@code vectorScore} is cosine similarity, {@code textScore} the full-text
     * rank of the back end (absent when that retriever did not find the item), {@code fusedScore}
     * the reciprocal-rank fusion of both that orders the results.
     */
    /** {@code quarantined}: held back from the assistant (only people's searches find it) until released. */
    public record SearchHit(UUID id, String type, String snippet, UUID journeyId, UUID stageId, UUID touchpointId,
                            String segment, LocalDate date, String language, Double vectorScore, Double textScore,
                            double fusedScore, boolean quarantined) {
    }
}
