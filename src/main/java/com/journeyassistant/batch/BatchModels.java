package com.journeyassistant.batch;

import com.journeyassistant.journey.Channel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the batch API takes and answers. */
public final class BatchModels {

    private BatchModels() {
    }

    /**
     * Which cells of a journey to write copy for. Touchpoints: the ones named, those of the
     * stages named, all when neither is given; then only those on the channels named, if any.
     * Personas: the ones named; all of the journey's when absent; none (copy for the
     * touchpoint's customers in general) when an empty list. Languages: nl and/or en; by
     * default the brand profile's.
     */
    public record Selection(String name, List<UUID> touchpointIds, List<UUID> stageIds, List<Channel> channels,
                            List<UUID> personaIds, List<String> languages, Integer variantsPerCell, String brief,
                            Delivery delivery) {
    }

    /**
     * How a run's cells reach the model: {@code LIVE} calls at the rate limit, or
     * {@code PROVIDER_BATCH}: the provider's batch endpoint, answered within its window at a
     * lower price, each answer checked like a live one and repaired live once if it must be.
     */
    public enum Delivery { LIVE, PROVIDER_BATCH }

    /** One cell as planned: what it asks for and, when it cannot run, why. {@code line}: its row in a spreadsheet. */
    public record PlannedCell(int position, UUID touchpointId, String touchpointName, UUID personaId,
                              String personaName, Channel channel, String language, int count, String brief,
                              Integer line, String blocked) {
    }

    /** A line of a spreadsheet of briefs that could not be read as a cell. */
    public record LineError(int line, String field, String message) {
    }

    /**
     * What a run would take, before anything is asked of the model. {@code limitedBy}: what sets
     * the pace, {@code requests-per-minute} or {@code tokens-per-minute} (the provider's limits),
     * {@code answer-time} (the calls in flight at the time one takes), or {@code nothing}.
     */
    public record Estimate(long inputTokens, long outputTokens, BigDecimal cost, String currency,
                           long durationSeconds, String limitedBy) {
    }

    public record Preview(int cells, int runnable, int blocked, int variants, Estimate estimate,
                          List<PlannedCell> blockedCells, List<LineError> lineErrors, List<PlannedCell> firstCells) {
    }

    public enum RunStatus { RUNNING, PAUSING, PAUSED, CANCELLED, COMPLETED, FAILED }

    public enum CellStatus { PENDING, RUNNING, DONE, FAILED, BLOCKED, CANCELLED }

    /** Where a run stands, as {@code GET …/batches/{id}} and its event stream report it. */
    public record Progress(UUID id, UUID journeyId, String name, RunStatus status, Delivery delivery,
                           String providerStatus, int cells, int done, int failed,
                           int blocked, int cancelled, int remaining, int inFlight, long inputTokens,
                           long outputTokens, BigDecimal cost, String currency, double cellsPerMinute,
                           Long etaSeconds, Instant createdAt, Instant finishedAt, String requestedBy) {

        public boolean finished() {
            return status == RunStatus.COMPLETED || status == RunStatus.CANCELLED || status == RunStatus.FAILED;
        }
    }

    /** A cell with the variants it produced, for the results grid. */
    public record CellResult(Cell cell, List<com.journeyassistant.suggestions.Suggestions.Suggestion> variants) {
    }

    /** A review of many of a batch's variants at once: these (or, without ids, every proposed one). */
    public record BulkReview(String status, List<UUID> suggestionIds, String note) {
    }

    public record BulkReviewed(int reviewed, int skipped) {
    }

    /** A cell as it stands in a run. */
    public record Cell(UUID id, int position, UUID touchpointId, UUID personaId, Channel channel, String language,
                       int count, String brief, CellStatus status, String reason, int attempts, int inputTokens,
                       int outputTokens, UUID generationId) {
    }
}
