package com.journeyassistant.batch;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How batch runs are carried out.
 *
 * @param workers           cells worked on at once by this process (the model's own concurrency cap still applies)
 * @param lease             how long a worker may hold a cell before another may take it over (a worker that died)
 * @param maxCells          the most cells one run may have
 * @param inputPricePerMillion  the model's price per million input tokens, for the preview's cost (unset: no cost)
 * @param outputPricePerMillion the model's price per million output tokens
 * @param currency          what the prices are in
 * @param expectedCallTime  how long one call is expected to take before any was timed
 * @param heartbeat         how often a process says it is still carrying its runs
 * @param heartbeatTimeout  how long a run's owner may be silent before another process takes the run over
 * @param mode              {@code local}: this process works on its runs' cells in a thread pool (nothing to
 *                          install); {@code manager}: it sends its runs' partitions to RabbitMQ and works on
 *                          none; {@code worker}: it also works on the partitions it takes from RabbitMQ
 * @param queue             the RabbitMQ queue partitions go through (manager and worker)
 * @param partitions        how many partitions a run is split into (default: workers); in manager mode, at least
 *                          the workers of all nodes together, or some sit idle
 * @param partitionTimeout  how long a manager waits for a run's partitions before the run fails
 * @param providerDiscount  the provider's batch price as a share of its live price (OpenAI: half)
 * @param providerWindow    the completion window asked of the provider's batch endpoint
 * @param providerPoll      how often a run through the provider's batch endpoint asks how far it is
 */
@ConfigurationProperties("journey.batch")
record BatchSettings(Integer workers, Duration lease, Integer maxCells, BigDecimal inputPricePerMillion,
                     BigDecimal outputPricePerMillion, String currency, Duration expectedCallTime,
                     Duration heartbeat, Duration heartbeatTimeout, Mode mode, String queue, Integer partitions,
                     Duration partitionTimeout, BigDecimal providerDiscount, String providerWindow,
                     Duration providerPoll) {

    enum Mode { LOCAL, MANAGER, WORKER }


    BatchSettings {
        workers = workers == null ? 4 : Math.max(1, workers);
        lease = lease == null ? Duration.ofMinutes(10) : lease;
        maxCells = maxCells == null ? 5000 : Math.max(1, maxCells);
        currency = currency == null || currency.isBlank() ? "USD" : currency.strip();
        expectedCallTime = expectedCallTime == null ? Duration.ofSeconds(8) : expectedCallTime;
        heartbeat = heartbeat == null ? Duration.ofSeconds(10) : heartbeat;
        heartbeatTimeout = heartbeatTimeout == null ? Duration.ofSeconds(60) : heartbeatTimeout;
        mode = mode == null ? Mode.LOCAL : mode;
        queue = queue == null || queue.isBlank() ? "journey.batch.partitions" : queue.strip();
        partitions = partitions == null ? workers : Math.max(1, partitions);
        partitionTimeout = partitionTimeout == null ? Duration.ofDays(7) : partitionTimeout;
        providerDiscount = providerDiscount == null ? new BigDecimal("0.5") : providerDiscount;
        providerWindow = providerWindow == null || providerWindow.isBlank() ? "24h" : providerWindow.strip();
        providerPoll = providerPoll == null ? Duration.ofSeconds(30) : providerPoll;
    }

    boolean priced() {
        return inputPricePerMillion != null && outputPricePerMillion != null;
    }
}
