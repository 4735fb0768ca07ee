package com.journeyassistant.batch;

import com.journeyassistant.batch.BatchModels.Cell;
import com.journeyassistant.generation.GenerationJobs;
import com.journeyassistant.model.ModelTime;
import com.journeyassistant.model.ModelUnavailableException;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.TenantScope;
import com.journeyassistant.suggestions.Suggestions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One worker's loop, a cell per call: claim the run's next cell, ask the content-variants job
 * for it (the same retrieval, prompt, checks and repair round as a single request), then store
 * the variants tagged with the cell and mark the cell done in one transaction. A cell whose
 * claim was lost meanwhile stores nothing. A cell the job refuses is recorded as failed with
 * the reason; while the model's circuit is open, cells are given back untouched and the
 * worker waits, so an outage does not fail the rest of the run.
 */
@Component
class CellWorker implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CellWorker.class);

    private final BatchStore store;
    private final GenerationJobs generation;
    private final Suggestions suggestions;
    private final TransactionTemplate transaction;
    private final BatchSettings settings;
    private final BatchOwner owner;
    private final Timer ownTime;

    CellWorker(BatchStore store, GenerationJobs generation, Suggestions suggestions, TransactionTemplate transaction,
               BatchSettings settings, BatchOwner owner, MeterRegistry meters) {
        this.store = store;
        this.generation = generation;
        this.suggestions = suggestions;
        this.transaction = transaction;
        this.settings = settings;
        this.owner = owner;
        this.ownTime = Timer.builder("journey.batch.cell.own-time")
                .description("time a batch cell spends in the service, the model's answers not counted")
                .publishPercentiles(0.5, 0.95).register(meters);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws InterruptedException {
        UUID runId = UUID.fromString(String.valueOf(context.getStepContext().getJobParameters().get(BatchJob.RUN_ID)));
        BatchStore.Run run = store.run(runId).orElse(null);
        if (run == null || run.status() != BatchModels.RunStatus.RUNNING) {
            return RepeatStatus.FINISHED;
        }
        String claim = owner.claimFor(Thread.currentThread());
        Optional<Cell> next = store.claim(runId, claim, Instant.now().plus(settings.lease()));
        if (next.isEmpty()) {
            if (store.inFlight(runId) > 0) {
                // another worker holds the last cells; should it die, they come back, and this worker takes them
                Thread.sleep(500);
                return RepeatStatus.CONTINUABLE;
            }
            return RepeatStatus.FINISHED;
        }
        work(run, next.get(), claim);
        contribution.incrementWriteCount(1);
        return RepeatStatus.CONTINUABLE;
    }

    private void work(BatchStore.Run run, Cell cell, String claim) throws InterruptedException {
        long started = System.nanoTime();
        long modelBefore = ModelTime.onThisThread();
        try {
            // a worker thread serves every workspace's runs; the cell's own work is walled in its workspace
            Boolean stored = TenantScope.asCaller(run.caller(), () -> {
                GenerationJobs.CopyDraft draft = generation.draftContentVariants(run.caller(), cell.touchpointId(),
                        cell.personaId(), cell.channel(), cell.language(), cell.count(), cell.brief());
                return transaction.execute(tx -> {
                    List<Suggestions.Suggestion> saved = suggestions.store(run.workspaceId(), draft.provenance(),
                            draft.drafts(), cell.id());
                    if (!store.done(cell.id(), claim, saved.get(0).generationId(), draft.provenance().inputTokens(),
                            draft.provenance().outputTokens())) {
                        tx.setRollbackOnly();
                        return false;
                    }
                    return true;
                });
            });
            if (!Boolean.TRUE.equals(stored)) {
                log.warn("Batch {} cell {}: another worker took the cell over meanwhile; its answer was not stored",
                        run.id(), cell.position());
            }
        } catch (ApiProblemException e) {
            if (ModelUnavailableException.CIRCUIT_OPEN_TITLE.equals(e.title())) {
                store.giveBack(cell.id(), claim);
                log.info("Batch {}: the model's circuit is open; cell {} waits", run.id(), cell.position());
                Thread.sleep(2000);
                return;
            }
            store.failed(cell.id(), claim, reason(e));
        } catch (RuntimeException e) {
            log.warn("Batch {} cell {} failed unexpectedly", run.id(), cell.position(), e);
            store.failed(cell.id(), claim, "unexpected error (" + e.getClass().getSimpleName() + ")");
        } finally {
            long modelNanos = ModelTime.onThisThread() - modelBefore;
            ownTime.record(Math.max(0, System.nanoTime() - started - modelNanos), TimeUnit.NANOSECONDS);
        }
    }

    /** What a marketer reads in the results: the problem's title, what it says, and each rule that was broken. */
    static String reason(ApiProblemException e) {
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        String errors = e.errors().isEmpty() ? "" : " (" + e.errors().stream()
                .map(f -> f.field() + " " + f.message()).limit(5).collect(Collectors.joining("; ")) + ")";
        return e.status().value() + " " + e.title() + detail + errors;
    }
}
