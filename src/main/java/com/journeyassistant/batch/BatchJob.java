package com.journeyassistant.batch;

import com.journeyassistant.platform.TenantScope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.core.MessagingTemplate;

/**
 * The Spring Batch job of a run: one partitioned step whose partitions are worker slots, not
 * slices of the data. Each worker claims the run's next cell from the database until none is
 * left, so a slow cell never holds up a slice, a restart needs no saved reader state, and a
 * worker that dies leaves only the cell it held. Runs are told apart by the {@code runId}
 * parameter; a retry of failed cells is a new {@code round} of the same run.
 */
@Configuration
@EnableConfigurationProperties(BatchSettings.class)
class BatchJob {

    static final String NAME = "copy-batch";
    static final String PROVIDER_NAME = "copy-batch-provider";
    static final String RUN_ID = "runId";
    static final String ROUND = "round";
    static final String WORKER_STEP = "cell-worker";

    @Bean
    Job copyBatchJob(JobRepository repository, Step cellsStep, BatchRunner runner) {
        return new JobBuilder(NAME, repository).listener(runner).start(cellsStep).build();
    }

    /** A run through the provider's batch endpoint: one step that submits, waits and collects. */
    @Bean
    Job copyBatchProviderJob(JobRepository repository, ProviderBatchTasklet tasklet, BatchRunner runner) {
        Step step = new StepBuilder("provider-batch", repository).tasklet(tasklet, new ResourcelessTransactionManager())
                .allowStartIfComplete(true).build();
        return new JobBuilder(PROVIDER_NAME, repository).listener(runner).start(step).build();
    }

    @Bean
    Step cellsStep(JobRepository repository, PartitionHandler cellPartitions) {
        return new StepBuilder("cells", repository).partitioner(WORKER_STEP, BatchJob::workerSlots)
                .partitionHandler(cellPartitions).allowStartIfComplete(true).build();
    }

    /**
     * Where a run's partitions are worked on. Local: threads of this process. Manager and worker:
     * each partition is a message on RabbitMQ that one worker takes (and that goes back to the
     * queue for another if that worker dies); the manager follows them in the job repository.
     */
    @Bean
    PartitionHandler cellPartitions(Step cellWorkerStep, BatchSettings settings, JobRepository repository,
                                    ObjectProvider<RabbitTemplate> rabbit) throws Exception {
        if (settings.mode() == BatchSettings.Mode.LOCAL) {
            TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
            handler.setStep(cellWorkerStep);
            handler.setGridSize(settings.workers());
            SimpleAsyncTaskExecutor workers = new SimpleAsyncTaskExecutor("batch-worker-");
            // a shutdown does not wait for a run to end: the run is taken over when the service starts again
            workers.setDaemon(true);
            workers.setTaskDecorator(TenantScope.propagatingTasks());
            handler.setTaskExecutor(workers);
            return handler;
        }
        DirectChannel requests = new DirectChannel();
        RabbitTemplate template = rabbit.getObject();
        requests.subscribe(message -> template.convertAndSend("", settings.queue(),
                PartitionMessages.write((StepExecutionRequest) message.getPayload())));
        MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
        handler.setMessagingOperations(new MessagingTemplate(requests));
        handler.setStepName(WORKER_STEP);
        handler.setGridSize(settings.partitions());
        handler.setJobRepository(repository);
        handler.setPollInterval(1000);
        handler.setTimeout(settings.partitionTimeout().toMillis());
        handler.afterPropertiesSet();
        return handler;
    }

    /**
     * The worker's own writes (suggestions and the cell, in one transaction) are made by the
     * worker; the step itself holds no transaction, so no connection waits on the model.
     */
    @Bean
    Step cellWorkerStep(JobRepository repository, CellWorker worker) {
        return new StepBuilder(WORKER_STEP, repository).tasklet(worker, new ResourcelessTransactionManager())
                .allowStartIfComplete(true).build();
    }

    static Map<String, ExecutionContext> workerSlots(int gridSize) {
        Map<String, ExecutionContext> slots = new LinkedHashMap<>();
        for (int i = 0; i < gridSize; i++) {
            ExecutionContext slot = new ExecutionContext();
            slot.putInt("slot", i);
            slots.put("worker" + i, slot);
        }
        return slots;
    }
}
