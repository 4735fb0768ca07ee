package com.journeyassistant.batch;

import com.journeyassistant.platform.AuditTrail;
import com.journeyassistant.platform.Quotas;
import com.journeyassistant.batch.BatchModels.Cell;
import com.journeyassistant.batch.BatchModels.CellStatus;
import com.journeyassistant.batch.BatchModels.Estimate;
import com.journeyassistant.batch.BatchModels.PlannedCell;
import com.journeyassistant.batch.BatchModels.Preview;
import com.journeyassistant.batch.BatchModels.Progress;
import com.journeyassistant.batch.BatchModels.RunStatus;
import com.journeyassistant.batch.BatchModels.Selection;
import com.journeyassistant.generation.GenerationJobs;
import com.journeyassistant.model.LanguageModel;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.ApiProblemException.FieldError;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Role;
import com.journeyassistant.suggestions.Suggestions;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Batch runs for the API and the web workspace: preview (no model call), create and start,
 * progress, pause, resume, cancel, retry of failed cells, and the cells with their results.
 * Every call is scoped to the caller's workspace; running one needs the editor role.
 */
@Service
public class BatchRuns {

    private final CellPlanner planner;
    private final BatchStore store;
    private final BatchRunner runner;
    private final GenerationJobs generation;
    private final LanguageModel model;
    private final BatchSettings settings;
    private final Suggestions suggestions;
    private final BatchExport exports;
    private final AuditTrail audit;
    private final Quotas quotas;

    BatchRuns(CellPlanner planner, BatchStore store, BatchRunner runner, GenerationJobs generation,
              LanguageModel model, BatchSettings settings, Suggestions suggestions, BatchExport exports,
              AuditTrail audit, Quotas quotas) {
        this.quotas = quotas;
        this.audit = audit;
        this.suggestions = suggestions;
        this.exports = exports;
        this.planner = planner;
        this.store = store;
        this.runner = runner;
        this.generation = generation;
        this.model = model;
        this.settings = settings;
    }

    public Preview preview(CurrentWorkspace caller, UUID journeyId, Selection selection) {
        return preview(planner.plan(caller.workspaceId(), journeyId, selection), delivery(selection));
    }

    public Preview preview(CurrentWorkspace caller, UUID journeyId, InputStream briefs) {
        return preview(planner.plan(caller.workspaceId(), journeyId, briefs), BatchModels.Delivery.LIVE);
    }

    public Progress create(CurrentWorkspace caller, UUID journeyId, Selection selection) {
        caller.requireRole(Role.EDITOR);
        model.ensureConfigured();
        // a run is admitted once, as one request; its cells' tokens then count against the caller's day
        quotas.admit(caller);
        CellPlanner.Plan plan = planner.plan(caller.workspaceId(), journeyId, selection);
        String name = selection == null || selection.name() == null || selection.name().isBlank()
                ? defaultName(plan) : selection.name().strip();
        return start(caller, plan, name, "SELECTION", delivery(selection));
    }

    /** From a spreadsheet of briefs; lines that cannot be read stop it unless {@code onlyValid}, which leaves them out. */
    public Progress create(CurrentWorkspace caller, UUID journeyId, InputStream briefs, String name,
                           boolean onlyValid) {
        caller.requireRole(Role.EDITOR);
        model.ensureConfigured();
        // a run is admitted once, as one request; its cells' tokens then count against the caller's day
        quotas.admit(caller);
        if (name != null && name.length() > 200) {
            throw ApiProblemException.invalid("name", "must be at most 200 characters");
        }
        CellPlanner.Plan plan = planner.plan(caller.workspaceId(), journeyId, briefs);
        if (!plan.lineErrors().isEmpty() && !onlyValid) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "Lines of the file cannot be read",
                    plan.lineErrors().size() + " lines have problems; nothing was started. Mend them, or send"
                            + " onlyValid=true to run the other lines", plan.lineErrors().stream()
                    .map(e -> new FieldError(e.field(), e.message(), e.line())).toList());
        }
        return start(caller, plan, name == null || name.isBlank() ? defaultName(plan) : name.strip(), "CSV",
                BatchModels.Delivery.LIVE);
    }

    private static BatchModels.Delivery delivery(Selection selection) {
        return selection == null || selection.delivery() == null ? BatchModels.Delivery.LIVE : selection.delivery();
    }

    private Progress start(CurrentWorkspace caller, CellPlanner.Plan plan, String name, String source,
                           BatchModels.Delivery delivery) {
        if (plan.runnable().isEmpty()) {
            List<FieldError> why = plan.cells().stream().limit(20)
                    .map(c -> new FieldError("cells[" + c.position() + "]", c.blocked())).toList();
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Nothing to run",
                    plan.cells().isEmpty() ? "The selection has no cells" : "None of the " + plan.cells().size()
                            + " cells can run; see why for each", why);
        }
        BatchStore.Run run = store.create(caller, plan.journey().id(), name, source, plan.cells(), runner.owner(),
                delivery);
        runner.start(run);
        return progress(store.run(run.id()).orElseThrow());
    }

    public List<Progress> list(CurrentWorkspace caller, UUID journeyId) {
        return store.runs(caller.workspaceId(), journeyId).stream().map(this::progress).toList();
    }

    public Progress get(CurrentWorkspace caller, UUID runId) {
        return progress(store.run(caller.workspaceId(), runId));
    }

    public List<Cell> cells(CurrentWorkspace caller, UUID runId, CellStatus status, int offset, int limit) {
        store.run(caller.workspaceId(), runId);
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw ApiProblemException.invalid(offset < 0 ? "offset" : "limit",
                    offset < 0 ? "must be 0 or more" : "must be from 1 to 1000");
        }
        return store.cells(runId, status, offset, limit);
    }

    /** The first {@code limit} cells from {@code offset} with the variants each produced. */
    public List<BatchModels.CellResult> results(CurrentWorkspace caller, UUID runId, int offset, int limit) {
        List<Cell> cells = cells(caller, runId, null, offset, limit);
        java.util.Map<UUID, List<Suggestions.Suggestion>> variants = suggestions.ofBatchCells(caller.workspaceId(),
                cells.stream().map(Cell::id).toList());
        return cells.stream().map(c -> new BatchModels.CellResult(c, variants.getOrDefault(c.id(), List.of()))).toList();
    }

    /**
     * Accepts or rejects many of a batch's variants at once: the ones named (each must be the
     * batch's), or every one still proposed. Those decided before are skipped, not failed.
     */
    public BatchModels.BulkReviewed review(CurrentWorkspace caller, UUID runId, BatchModels.BulkReview review) {
        caller.requireRole(Role.EDITOR);
        if (review == null || review.status() == null
                || !List.of("ACCEPTED", "REJECTED").contains(review.status().toUpperCase(java.util.Locale.ROOT))) {
            throw ApiProblemException.invalid("status", "must be ACCEPTED or REJECTED");
        }
        store.run(caller.workspaceId(), runId);
        java.util.Map<UUID, Suggestions.Suggestion> ofRun = new java.util.LinkedHashMap<>();
        for (int offset = 0; ; offset += 1000) {
            List<Cell> cells = store.cells(runId, CellStatus.DONE, offset, 1000);
            if (cells.isEmpty()) {
                break;
            }
            suggestions.ofBatchCells(caller.workspaceId(), cells.stream().map(Cell::id).toList()).values()
                    .forEach(list -> list.forEach(s -> ofRun.put(s.id(), s)));
        }
        List<Suggestions.Suggestion> chosen;
        if (review.suggestionIds() == null) {
            chosen = ofRun.values().stream().filter(s -> s.status() == Suggestions.Status.PROPOSED).toList();
        } else {
            List<FieldError> errors = new java.util.ArrayList<>();
            for (int i = 0; i < review.suggestionIds().size(); i++) {
                if (!ofRun.containsKey(review.suggestionIds().get(i))) {
                    errors.add(new FieldError("suggestionIds[" + i + "]", "is not a variant of this batch"));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiProblemException.invalid(errors);
            }
            chosen = review.suggestionIds().stream().distinct().map(ofRun::get).toList();
        }
        int reviewed = 0;
        int skipped = 0;
        for (Suggestions.Suggestion suggestion : chosen) {
            if (suggestion.status() == Suggestions.Status.ACCEPTED || suggestion.status() == Suggestions.Status.REJECTED) {
                skipped++;
                continue;
            }
            suggestions.review(caller.workspaceId(), suggestion.id(), new Suggestions.Review(review.status(), null,
                    review.note(), null), caller.apiKeyName());
            reviewed++;
        }
        return new BatchModels.BulkReviewed(reviewed, skipped);
    }

    /** Stops after the cells in flight, which are finished and stored; nothing is lost. */
    public Progress pause(CurrentWorkspace caller, UUID runId) {
        caller.requireRole(Role.EDITOR);
        BatchStore.Run run = store.run(caller.workspaceId(), runId);
        if (!store.status(runId, RunStatus.PAUSING, RunStatus.RUNNING)) {
            throw ApiProblemException.conflict("Batch " + runId + " is " + run.status() + "; only a running batch"
                    + " can be paused");
        }
        runner.stop(run);
        return get(caller, runId);
    }

    public Progress resume(CurrentWorkspace caller, UUID runId) {
        caller.requireRole(Role.EDITOR);
        model.ensureConfigured();
        // a run is admitted once, as one request; its cells' tokens then count against the caller's day
        quotas.admit(caller);
        BatchStore.Run run = store.run(caller.workspaceId(), runId);
        if (run.status() == RunStatus.PAUSING) {
            throw ApiProblemException.conflict("Batch " + runId + " is still pausing: the cells in flight are being"
                    + " finished. Resume it once its status is PAUSED");
        }
        if (!store.status(runId, RunStatus.RUNNING, RunStatus.PAUSED)) {
            throw ApiProblemException.conflict("Batch " + runId + " is " + run.status() + "; only a paused batch"
                    + " can be resumed");
        }
        runner.resume(store.run(runId).orElseThrow());
        return get(caller, runId);
    }

    /** Cells not started are cancelled; those in flight are finished and kept. A cancelled run cannot resume. */
    public Progress cancel(CurrentWorkspace caller, UUID runId) {
        caller.requireRole(Role.EDITOR);
        BatchStore.Run run = store.run(caller.workspaceId(), runId);
        if (!store.status(runId, RunStatus.CANCELLED, RunStatus.RUNNING, RunStatus.PAUSING, RunStatus.PAUSED)) {
            throw ApiProblemException.conflict("Batch " + runId + " is " + run.status() + " already");
        }
        store.cancelPending(runId);
        if (run.delivery() == BatchModels.Delivery.PROVIDER_BATCH) {
            runner.cancelAtProvider(run);
        }
        runner.stop(run);
        return get(caller, runId);
    }

    /** Asks again for the cells that failed (the model, or the checks); the others are kept as they are. */
    public Progress retryFailed(CurrentWorkspace caller, UUID runId) {
        caller.requireRole(Role.EDITOR);
        model.ensureConfigured();
        // a run is admitted once, as one request; its cells' tokens then count against the caller's day
        quotas.admit(caller);
        BatchStore.Run run = store.run(caller.workspaceId(), runId);
        if (run.status() != RunStatus.COMPLETED && run.status() != RunStatus.FAILED && run.status() != RunStatus.PAUSED) {
            throw ApiProblemException.conflict("Batch " + runId + " is " + run.status() + "; failed cells can be"
                    + " retried once it is completed, failed or paused");
        }
        if (store.tally(runId).of(CellStatus.FAILED) == 0) {
            throw ApiProblemException.conflict("Batch " + runId + " has no failed cells");
        }
        store.retryFailed(runId);
        if (!store.status(runId, RunStatus.RUNNING, run.status())) {
            throw ApiProblemException.conflict("Batch " + runId + " changed meanwhile; try again");
        }
        runner.resume(store.run(runId).orElseThrow());
        return get(caller, runId);
    }

    /** An export's file: what it is, what to call it, and how many values no longer fit and were left out. */
    public record ExportFile(String contentType, String fileName, byte[] body, int leftOut) {
    }

    /**
     * The batch's variants as a file: format csv, jsonl, search-ads or email; include accepted or
     * passing; delimiter comma or semicolon (for Dutch Excel). See {@link BatchExport}.
     */
    public ExportFile export(CurrentWorkspace caller, UUID runId, String format, String include, String delimiter) {
        BatchExport.Format chosen = BatchExport.format(format);
        BatchExport.Include which = BatchExport.include(include);
        char separator = switch (delimiter == null ? "" : delimiter.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "comma", "," -> ',';
            case "semicolon", ";" -> ';';
            default -> throw ApiProblemException.invalid("delimiter", "must be comma or semicolon");
        };
        store.run(caller.workspaceId(), runId);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        BatchExport.Written written;
        try {
            written = exports.write(caller, runId, chosen, which, separator, body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        boolean lines = chosen == BatchExport.Format.JSONL;
        audit.record(caller, "batch.exported", "batch", runId, chosen.name().toLowerCase(java.util.Locale.ROOT)
                + ", " + which.name().toLowerCase(java.util.Locale.ROOT));
        return new ExportFile(lines ? "application/jsonl; charset=UTF-8" : "text/csv; charset=UTF-8",
                "batch-" + runId + "-" + chosen.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + (lines ? ".jsonl" : ".csv"), body.toByteArray(), written.leftOut());
    }

    Progress progress(BatchStore.Run run) {
        BatchStore.Tally tally = store.tally(run.id());
        int pending = tally.of(CellStatus.PENDING);
        int inFlight = tally.of(CellStatus.RUNNING);
        int remaining = pending + inFlight;
        double perMinute = 0;
        Long eta = null;
        if (run.status() == RunStatus.RUNNING && run.startedAt() != null) {
            double minutes = Duration.between(run.startedAt(), Instant.now()).toMillis() / 60_000.0;
            perMinute = minutes >= 1 ? tally.finishedLastMinute()
                    : minutes > 0.05 ? store.finishedSince(run.id(), run.startedAt()) / minutes : 0;
            eta = perMinute > 0 ? Math.round(remaining / perMinute * 60) : null;
        }
        return new Progress(run.id(), run.journeyId(), run.name(), run.status(), run.delivery(), run.providerStatus(),
                tally.total(),
                tally.of(CellStatus.DONE), tally.of(CellStatus.FAILED), tally.of(CellStatus.BLOCKED),
                tally.of(CellStatus.CANCELLED), remaining, inFlight, tally.inputTokens(), tally.outputTokens(),
                cost(tally.inputTokens(), tally.outputTokens(), run.delivery()), settings.currency(),
                Math.round(perMinute * 10) / 10.0, eta, run.createdAt(), run.finishedAt(), run.requestedBy());
    }

    private Preview preview(CellPlanner.Plan plan, BatchModels.Delivery delivery) {
        List<PlannedCell> runnable = plan.runnable();
        List<PlannedCell> blocked = plan.cells().stream().filter(c -> c.blocked() != null).toList();
        return new Preview(plan.cells().size(), runnable.size(), blocked.size(),
                runnable.stream().mapToInt(PlannedCell::count).sum(), estimate(runnable, delivery),
                blocked.stream().limit(200).toList(), plan.lineErrors(), runnable.stream().limit(20).toList());
    }

    /**
     * Tokens from the job's own estimate per cell; cost from the configured prices; duration from
     * whichever binds first: requests per minute, tokens per minute, or calls in flight at the
     * time a call takes (measured, else configured).
     */
    Estimate estimate(List<PlannedCell> cells, BatchModels.Delivery delivery) {
        long input = 0;
        long output = 0;
        for (PlannedCell cell : cells) {
            GenerationJobs.CopyEstimate e = generation.estimateContentVariants(cell.channel(), cell.count(),
                    cell.brief());
            input += e.inputTokens();
            output += e.outputTokens();
        }
        LanguageModel.Limits limits = model.limits();
        double byRequests = limits.requestsPerMinute() > 0 ? cells.size() / (limits.requestsPerMinute() * 0.97) : 0;
        double byTokens = limits.tokensPerMinute() > 0 ? (input + output) / (limits.tokensPerMinute() * 0.97) : 0;
        Duration call = limits.averageCall() != null ? limits.averageCall() : settings.expectedCallTime();
        int parallel = Math.min(settings.workers(), limits.concurrency() > 0 ? limits.concurrency() : Integer.MAX_VALUE);
        double bySpeed = cells.size() * (call.toMillis() / 60_000.0) / parallel;
        double minutes = Math.max(bySpeed, Math.max(byRequests, byTokens));
        String limitedBy = minutes == 0 ? "nothing" : minutes == byRequests ? "requests-per-minute"
                : minutes == byTokens ? "tokens-per-minute" : "answer-time";
        if (delivery == BatchModels.Delivery.PROVIDER_BATCH) {
            // the provider answers within its window, usually far sooner; the window is what it promises
            return new Estimate(input, output, cost(input, output, delivery), settings.currency(),
                    windowSeconds(settings.providerWindow()), "provider-window");
        }
        return new Estimate(input, output, cost(input, output), settings.currency(), Math.round(minutes * 60),
                limitedBy);
    }

    private BigDecimal cost(long input, long output, BatchModels.Delivery delivery) {
        BigDecimal live = cost(input, output);
        return live == null || delivery != BatchModels.Delivery.PROVIDER_BATCH ? live
                : live.multiply(settings.providerDiscount()).setScale(4, RoundingMode.HALF_UP);
    }

    private BigDecimal cost(long input, long output) {
        if (!settings.priced()) {
            return null;
        }
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        return settings.inputPricePerMillion().multiply(BigDecimal.valueOf(input)).divide(million, 6, RoundingMode.HALF_UP)
                .add(settings.outputPricePerMillion().multiply(BigDecimal.valueOf(output))
                        .divide(million, 6, RoundingMode.HALF_UP))
                .setScale(4, RoundingMode.HALF_UP);
    }

    /** The journey and when: readable in either language. */
    /** "24h" or "7d" as seconds. */
    private static long windowSeconds(String window) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([hd])").matcher(window);
        return m.matches() ? Long.parseLong(m.group(1)) * (m.group(2).equals("d") ? 86_400 : 3_600) : 86_400;
    }

    private static String defaultName(CellPlanner.Plan plan) {
        String when = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toString().replace('T', ' ');
        String name = plan.journey().name() + " · " + when;
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
