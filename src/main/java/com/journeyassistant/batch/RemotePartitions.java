package com.journeyassistant.batch;

import com.journeyassistant.platform.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The RabbitMQ side of more than one machine: the partitions queue (manager and worker), and
 * on a worker the listener that works on each partition it takes. A partition is acknowledged
 * when its worker is done with it; a worker that dies leaves it unacknowledged, and RabbitMQ
 * hands it to another worker, which carries on with the run's cells.
 */
@Configuration
@ConditionalOnExpression("'${journey.batch.mode:local}'.toLowerCase() != 'local'")
class RemotePartitions {

    @Bean
    Queue batchPartitions(BatchSettings settings) {
        return new Queue(settings.queue(), true);
    }

    @Component
    @ConditionalOnProperty(name = "journey.batch.mode", havingValue = "worker")
    static class Worker {

        private static final Logger log = LoggerFactory.getLogger(Worker.class);

        private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();

        Worker(JobRepository repository, Step cellWorkerStep) {
            handler.setJobRepository(repository);
            handler.setStepLocator(name -> {
                if (!BatchJob.WORKER_STEP.equals(name)) {
                    throw new IllegalArgumentException("no step " + name + " on this worker");
                }
                return cellWorkerStep;
            });
        }

        @RabbitListener(queues = "${journey.batch.queue:journey.batch.partitions}",
                concurrency = "${journey.batch.workers:4}")
        void work(String message) {
            var request = PartitionMessages.read(message);
            log.info("Working on batch partition {}", request.getStepExecutionId());
            TenantScope.acrossWorkspaces("batch worker", () -> handler.handle(request));
        }
    }
}
