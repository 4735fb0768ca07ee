package com.journeyassistant.batch;

import com.journeyassistant.platform.TenantScope;
import com.journeyassistant.batch.BatchModels.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts, stops and restarts the Spring Batch executions of runs, and keeps the runs' own
 * status in step with them. It also says every few seconds that this process still carries
 * its runs, and takes over the runs of a process that fell silent (killed, crashed, its
 * machine gone): the execution left "started" is marked failed, the cells that process had in
 * flight are pending again, and the execution is restarted where it stopped.
 */
@Component
class BatchRunner implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
    /** A run whose execution fails with cells left is restarted this often before it is left failed. */
    private static final int MAX_RESTARTS = 3;
    private static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(20);

    private final JobOperator jobs;
    private final JobRepository repository;
    private final ObjectProvider<Job> job;
    private final ObjectProvider<Job> providerJob;
    private final com.journeyassistant.model.ProviderBatches provider;
    private final BatchStore store;
    private final BatchOwner owner;
    private final BatchSettings settings;
    private final com.journeyassistant.model.LanguageModel model;
    private final java.util.Map<UUID, Integer> restarts = new ConcurrentHashMap<>();
    private final Set<UUID> carried = ConcurrentHashMap.newKeySet();
    private final ExecutorService launcher = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "batch-run");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "batch-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    BatchRunner(JobOperator jobs, JobRepository repository,
                @org.springframework.beans.factory.annotation.Qualifier("copyBatchJob") ObjectProvider<Job> job,
                @org.springframework.beans.factory.annotation.Qualifier("copyBatchProviderJob")
                ObjectProvider<Job> providerJob, BatchStore store, BatchOwner owner, BatchSettings settings,
                com.journeyassistant.model.LanguageModel model, com.journeyassistant.model.ProviderBatches provider) {
        this.providerJob = providerJob;
        this.provider = provider;
        this.model = model;
        this.jobs = jobs;
        this.repository = repository;
        this.job = job;
        this.store = store;
        this.owner = owner;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startHeartbeat() {
        long every = settings.heartbeat().toMillis();
        ticker.scheduleWithFixedDelay(() -> TenantScope.acrossWorkspaces("batch heartbeat", this::tick), 0, every,
                TimeUnit.MILLISECONDS);
    }

    /**
     * On shutdown, the runs of this process stop after their cells in flight (for a while at
     * most); whatever is left is taken over when the service (or another node) starts again.
     */
    @jakarta.annotation.PreDestroy
    void stopHeartbeat() throws InterruptedException {
        ticker.shutdownNow();
        TenantScope.acrossWorkspaces("batch shutdown", () -> {
            for (UUID runId : List.copyOf(carried)) {
                store.run(runId).ifPresent(this::stop);
            }
        });
        long until = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        while (!carried.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        launcher.shutdownNow();
    }

    /** A new execution of the run's current round, on a thread of its own. */
    void start(BatchStore.Run run) {
        carried.add(run.id());
        store.takeOver(run.id(), run.owner(), owner.name());
        // a run's job spans the batch tables of every workspace; each cell is walled in its caller's (CellWorker)
        launcher.execute(() -> TenantScope.acrossWorkspaces("batch run", () -> {
            try {
                // through the provider's batch endpoint until its batch has ended; a retry afterwards goes live
                jobs.start(run.throughProvider() ? providerJob.getObject() : job.getObject(),
                        parameters(run.id(), run.round()));
            } catch (Exception e) {
                log.error("Batch {} could not start", run.id(), e);
                carried.remove(run.id());
                store.status(run.id(), RunStatus.FAILED, RunStatus.RUNNING);
            }
        }));
    }

    /**
     * Continues a run. Starting the job again with the run's parameters is Spring Batch's restart:
     * a stopped or failed execution of the round carries on where it stopped; after a completed
     * one (a retry of failed cells), a new round begins.
     */
    void resume(BatchStore.Run run) {
        JobExecution last = run.jobExecutionId() == null ? null : repository.getJobExecution(run.jobExecutionId());
        if (last != null && (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED)) {
            store.nextRound(run.id());
        }
        start(store.run(run.id()).orElseThrow());
    }

    /** Asks the run's execution to stop after the cells in flight; they are finished and stored. */
    void stop(BatchStore.Run run) {
        if (run.jobExecutionId() == null) {
            return;
        }
        JobExecution execution = repository.getJobExecution(run.jobExecutionId());
        if (execution != null && execution.isRunning()) {
            try {
                jobs.stop(execution);
            } catch (Exception e) {
                log.debug("Batch {} was no longer running when asked to stop", run.id(), e);
            }
        }
    }

    @Override
    public void beforeJob(JobExecution execution) {
        UUID runId = runId(execution);
        carried.add(runId);
        store.started(runId, owner.name(), execution.getId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        UUID runId = runId(execution);
        carried.remove(runId);
        BatchStatus status = execution.getStatus();
        BatchStore.Tally tally = store.tally(runId);
        int left = tally.of(BatchModels.CellStatus.PENDING) + tally.of(BatchModels.CellStatus.RUNNING);
        if (left == 0) {
            // the cells are the record: all of them done or failed is a completed run, whatever a lost partition said
            store.status(runId, RunStatus.COMPLETED, RunStatus.RUNNING, RunStatus.PAUSING);
            restarts.remove(runId);
        } else if (status == BatchStatus.FAILED && restarts.merge(runId, 1, Integer::sum) <= MAX_RESTARTS
                && store.run(runId).map(r -> r.status() == RunStatus.RUNNING).orElse(false)) {
            log.warn("Batch {} failed with {} cells left ({}); restarting it", runId, left,
                    execution.getAllFailureExceptions());
            resume(store.run(runId).orElseThrow());
        } else if (status == BatchStatus.COMPLETED || status == BatchStatus.STOPPED) {
            if (!store.status(runId, RunStatus.PAUSED, RunStatus.PAUSING)
                    && store.run(runId).map(r -> r.status() == RunStatus.RUNNING).orElse(false)) {
                // stopped by a shutdown: the process that finds this run silent next carries on with it
                log.info("Batch {} stopped with {} cells left; it carries on when it is taken over", runId, left);
            }
        } else if (status == BatchStatus.FAILED) {
            log.warn("Batch {} failed: {}", runId, execution.getAllFailureExceptions());
            store.status(runId, RunStatus.FAILED, RunStatus.RUNNING, RunStatus.PAUSING);
        }
    }

    /**
     * Says this process is alive (for itself and the runs it carries); gives the cells of silent
     * processes back and takes over their runs; on a worker, takes its share of the provider's limits.
     */
    void tick() {
        try {
            String mode = settings.mode().name();
            store.nodeAlive(owner.name(), mode);
            store.heartbeat(owner.name(), List.copyOf(carried));
            Instant silentSince = Instant.now().minus(settings.heartbeatTimeout());
            for (String silent : store.silentNodes(silentSince)) {
                int released = store.releaseNode(silent, BatchOwner.claimPrefix(silent));
                if (released > 0) {
                    log.info("Batch worker {} fell silent; the {} cells it held are pending again", silent, released);
                }
            }
            if (settings.mode() == BatchSettings.Mode.WORKER) {
                model.shareLimits(Math.max(1, store.liveNodes(mode, silentSince)));
            }
            for (BatchStore.Run orphan : store.orphans(silentSince)) {
                if (!carried.contains(orphan.id())) {
                    takeOver(orphan);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Batch heartbeat failed; trying again in {}", settings.heartbeat(), e);
        }
    }

    private void takeOver(BatchStore.Run orphan) {
        if (!store.takeOver(orphan.id(), orphan.owner(), owner.name())) {
            return;
        }
        JobExecution execution = orphan.jobExecutionId() == null ? null
                : repository.getJobExecution(orphan.jobExecutionId());
        if (execution != null && execution.isRunning()) {
            execution = jobs.recover(execution);
        }
        int released = orphan.owner() == null ? 0
                : store.releaseClaims(orphan.id(), BatchOwner.claimPrefix(orphan.owner()));
        log.info("Batch {}: taken over from {}, which fell silent; {} cells it had in flight are pending again",
                orphan.id(), orphan.owner(), released);
        if (orphan.status() == RunStatus.PAUSING) {
            store.status(orphan.id(), RunStatus.PAUSED, RunStatus.PAUSING);
            return;
        }
        resume(store.run(orphan.id()).orElseThrow());
    }

    /** Cancels the run's batch at the provider (what it answered already is paid for) and the cells it held. */
    void cancelAtProvider(BatchStore.Run run) {
        if (run.providerBatchId() != null && run.throughProvider()) {
            try {
                store.providerStatus(run.id(), provider.cancel(run.providerBatchId()).status());
            } catch (RuntimeException e) {
                log.warn("Batch {}: the provider's batch {} could not be cancelled: {}", run.id(),
                        run.providerBatchId(), e.getMessage());
            }
        }
        store.cancelHeld(run.id(), ProviderBatchTasklet.claim(run.id()));
    }

    String owner() {
        return owner.name();
    }

    private static JobParameters parameters(UUID runId, int round) {
        return new JobParametersBuilder().addString(BatchJob.RUN_ID, runId.toString())
                .addLong(BatchJob.ROUND, (long) round).toJobParameters();
    }

    private static UUID runId(JobExecution execution) {
        return UUID.fromString(execution.getJobParameters().getString(BatchJob.RUN_ID));
    }
}
