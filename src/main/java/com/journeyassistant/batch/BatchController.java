package com.journeyassistant.batch;

import com.journeyassistant.platform.TenantScope;
import com.journeyassistant.batch.BatchModels.Cell;
import com.journeyassistant.batch.BatchModels.CellStatus;
import com.journeyassistant.batch.BatchModels.Preview;
import com.journeyassistant.batch.BatchModels.Progress;
import com.journeyassistant.batch.BatchModels.Selection;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@Tag(name = "Batch generation", description = "Content variants for many cells in one run: preview, run, control, export")
@RestController
@RequestMapping("/api/workspaces/{ws}")
class BatchController {

    private static final String CSV = "text/csv";

    private final BatchRuns runs;
    private final ScheduledExecutorService ticks = TenantScope.propagating(Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "batch-progress-events");
        thread.setDaemon(true);
        return thread;
    }));

    BatchController(BatchRuns runs) {
        this.runs = runs;
    }

    @Operation(summary = "Preview a batch over a journey's touchpoints, personas and languages; no model is called",
            description = "Answers the cells, estimated input and output tokens, cost (with prices configured) and"
                    + " duration at the configured rate limits, and the cells that cannot run with why.")
    @PostMapping(path = "/journeys/{id}/batches/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    Preview preview(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                    @RequestBody(required = false) Selection selection) {
        return runs.preview(caller, id, selection);
    }

    @Operation(summary = "Preview a batch from a spreadsheet of briefs (CSV: touchpoint, persona, channel, language,"
            + " count, brief), with each line that cannot be read")
    @PostMapping(path = "/journeys/{id}/batches/preview", consumes = CSV)
    Preview previewBriefs(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id, InputStream body) {
        return runs.preview(caller, id, body);
    }

    @Operation(operationId = "createBatch", summary = "Start a batch over a journey's selection; answers 201 with its progress",
            description = "503 without a configured model; 422 when no cell can run.")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(path = "/journeys/{id}/batches", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Progress> create(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable String ws,
                                    @PathVariable UUID id, @RequestBody(required = false) Selection selection) {
        return created(ws, runs.create(caller, id, selection));
    }

    @Operation(summary = "Start a batch from a spreadsheet of briefs; lines with problems stop it unless onlyValid=true")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(path = "/journeys/{id}/batches", consumes = CSV)
    ResponseEntity<Progress> createFromBriefs(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable String ws,
                                              @PathVariable UUID id, @RequestParam(required = false) String name,
                                              @RequestParam(defaultValue = "false") boolean onlyValid,
                                              InputStream body) {
        return created(ws, runs.create(caller, id, body, name, onlyValid));
    }

    @Operation(operationId = "listBatches", summary = "The journey's batches, newest first")
    @GetMapping("/journeys/{id}/batches")
    List<Progress> list(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return runs.list(caller, id);
    }

    @Operation(operationId = "getBatch", summary = "A batch's progress: cells done, failed and remaining, tokens and cost so far, rate, ETA")
    @GetMapping("/batches/{batchId}")
    Progress get(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID batchId) {
        return runs.get(caller, batchId);
    }

    @Operation(summary = "A batch's progress as server-sent events ('progress', every second) until it ends or pauses")
    @GetMapping(path = "/batches/{batchId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID batchId) {
        Progress first = runs.get(caller, batchId);
        SseEmitter emitter = new SseEmitter(TimeUnit.HOURS.toMillis(6));
        AtomicReference<ScheduledFuture<?>> tick = new AtomicReference<>();
        Runnable send = () -> {
            try {
                Progress now = runs.get(caller, batchId);
                emitter.send(SseEmitter.event().name("progress").data(now, MediaType.APPLICATION_JSON));
                if (now.finished() || now.status() == BatchModels.RunStatus.PAUSED) {
                    emitter.complete();
                    ScheduledFuture<?> future = tick.get();
                    if (future != null) {
                        future.cancel(false);
                    }
                }
            } catch (IOException | IllegalStateException | ApiProblemException gone) {
                ScheduledFuture<?> future = tick.get();
                if (future != null) {
                    future.cancel(false);
                }
            }
        };
        emitter.onCompletion(() -> {
            ScheduledFuture<?> future = tick.get();
            if (future != null) {
                future.cancel(false);
            }
        });
        tick.set(ticks.scheduleWithFixedDelay(send, 0, 1, TimeUnit.SECONDS));
        return emitter;
    }

    @Operation(summary = "A batch's cells with their status and, for failed ones, why")
    @GetMapping("/batches/{batchId}/cells")
    List<Cell> cells(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID batchId,
                     @RequestParam(required = false) CellStatus status, @RequestParam(defaultValue = "0") int offset,
                     @RequestParam(defaultValue = "200") int limit) {
        return runs.cells(caller, batchId, status, offset, limit);
    }

    @Operation(operationId = "reviewBatch", summary = "Accept or reject many of a batch's variants at once",
            description = "Body: status (ACCEPTED or REJECTED), suggestionIds (each must be the batch's; absent: every"
                    + " variant still proposed), note. Variants decided before are skipped and counted.")
    @PostMapping("/batches/{batchId}/review")
    BatchModels.BulkReviewed review(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID batchId,
                                    @RequestBody BatchModels.BulkReview review) {
        return runs.review(caller, batchId, review);
    }

    @Operation(summary = "Pause a running batch after the cells in flight")
    @PostMapping("/batches/{batchId}/pause")
    Progress pause(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID batchId) {
        return runs.pause(caller, batchId);
    }

    @Operation(summary = "Resume a paused batch where it stopped")
    @PostMapping("/batches/{batchId}/resume")
    Progress resume(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID batchId) {
        return runs.resume(caller, batchId);
    }

    @Operation(summary = "Cancel a batch: cells not started are cancelled, those in flight are kept")
    @PostMapping("/batches/{batchId}/cancel")
    Progress cancel(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID batchId) {
        return runs.cancel(caller, batchId);
    }

    @Operation(summary = "Ask again for a finished or paused batch's failed cells")
    @PostMapping("/batches/{batchId}/retry-failed")
    Progress retryFailed(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID batchId) {
        return runs.retryFailed(caller, batchId);
    }

    @Operation(operationId = "exportBatch", summary = "Export a batch's variants: csv, jsonl, search-ads (responsive search ads) or email",
            description = "include: accepted (default) or passing (every variant not rejected). delimiter: comma"
                    + " (default) or semicolon, for Dutch Excel. CSV files are UTF-8 with a byte-order mark. Values"
                    + " that no longer fit their channel's limits are left out; the header Journey-Left-Out counts"
                    + " them.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The file, as an attachment",
            content = {@io.swagger.v3.oas.annotations.media.Content(mediaType = CSV, schema =
                    @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")),
                    @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/jsonl", schema =
                    @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))})
    @GetMapping("/batches/{batchId}/export")
    void export(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID batchId,
                @RequestParam(defaultValue = "csv") String format, @RequestParam(defaultValue = "accepted") String include,
                @RequestParam(defaultValue = "comma") String delimiter, HttpServletResponse response) throws IOException {
        BatchRuns.ExportFile file = runs.export(caller, batchId, format, include, delimiter);
        response.setContentType(file.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
        response.setHeader("Journey-Left-Out", String.valueOf(file.leftOut()));
        response.setContentLength(file.body().length);
        response.getOutputStream().write(file.body());
    }

    private static ResponseEntity<Progress> created(String ws, Progress progress) {
        return ResponseEntity.created(URI.create("/api/workspaces/" + ws + "/batches/" + progress.id())).body(progress);
    }

    @jakarta.annotation.PreDestroy
    void stopTicks() {
        ticks.shutdownNow();
    }
}
