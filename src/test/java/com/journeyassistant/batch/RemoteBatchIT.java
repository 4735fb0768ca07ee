package com.journeyassistant.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.journeyassistant.support.Api;
import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.FakeChatModel;
import com.journeyassistant.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A run over more than one machine: a manager and two worker processes against the machine's
 * RabbitMQ and PostgreSQL. One worker is killed with SIGKILL mid-run; its partition goes back
 * to the queue for the other, the cells it held come back once it has been silent for the
 * heartbeat timeout, and the run completes with every cell done once.
 */
class RemoteBatchIT {

    private static final String PATH = "/v1/chat/completions";
    private static final int TOUCHPOINTS = 4;
    private static final int PERSONAS = 6;
    private static final int CELLS = TOUCHPOINTS * PERSONAS;
    private static final int WORKERS_PER_NODE = 2;

    private final WireMockServer model = FakeChatModel.startServer();
    private final List<ServiceProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ServiceProcess process : processes) {
            process.kill();
        }
        model.stop();
    }

    @Test
    void aManagerAndTwoWorkersFinishARunWhenOneWorkerIsKilledMidway() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> base = new HashMap<>();
        base.put("spring.datasource.url", System.getProperty("journey.test.postgres.url",
                "jdbc:postgresql://127.0.0.1:5432/journey_test?user=postgres"));
        base.put("journey.demo.enabled", "false");
        base.put("journey.llm.base-url", model.baseUrl() + "/v1");
        base.put("journey.llm.model", "test-model");
        base.put("journey.llm.api-key", "test-llm-key");
        String slug = "remote-" + run;
        String key = ServiceProcess.createWorkspace(base, slug, "Remote batch");
        model.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(300)
                .withBody(FakeChatModel.completion(BatchContract.emailVariants(1, null), 900, 150))));

        Map<String, String> remote = new HashMap<>(base);
        remote.put("journey.batch.queue", "journey-test-partitions-" + run);
        remote.put("journey.batch.workers", String.valueOf(WORKERS_PER_NODE));
        remote.put("journey.batch.partitions", String.valueOf(2 * WORKERS_PER_NODE));
        remote.put("journey.batch.heartbeat", "PT0.5S");
        remote.put("journey.batch.heartbeat-timeout", "PT3S");
        Path logs = Files.createDirectories(Path.of("target", "remote-batch"));
        CompletableFuture<ServiceProcess> manager = start(remote, "manager", logs.resolve(run + "-manager.log"));
        CompletableFuture<ServiceProcess> first = start(remote, "worker", logs.resolve(run + "-worker-1.log"));
        CompletableFuture<ServiceProcess> second = start(remote, "worker", logs.resolve(run + "-worker-2.log"));
        Api api = manager.get().api(key);
        first.get();
        second.get();

        String prefix = "/api/workspaces/" + slug;
        String journeyId = BatchProcessSupport.journeyWithEvidence(api, prefix, "Verdeeld", TOUCHPOINTS, PERSONAS);
        Response started = api.post(prefix + "/journeys/" + journeyId + "/batches", object("variantsPerCell", 1));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String batch = started.json().path("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(prefix + "/batches/" + batch).json().path("done").asInt() >= CELLS / 4);
        assertThat(Files.readString(logs.resolve(run + "-worker-1.log"))).as("the first worker took a partition")
                .contains("Working on batch partition");
        first.get().kill();
        int askedBeforeTheKill = model.findAll(postRequestedFor(urlEqualTo(PATH))).size();
        assertThat(askedBeforeTheKill).as("killed mid-run").isLessThan(CELLS);

        JsonNode done = Awaitility.await("the run completed without the killed worker")
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get(prefix + "/batches/" + batch).json(),
                        p -> p.path("status").asString().equals("COMPLETED"));
        assertThat(done.path("done").asInt()).isEqualTo(CELLS);
        assertThat(done.path("failed").asInt()).isZero();
        BatchProcessSupport.assertEveryCellHasOneVariant(api, prefix, batch, CELLS);
        assertThat(model.findAll(postRequestedFor(urlEqualTo(PATH))).size() - CELLS)
                .as("asked again: at most the cells the killed worker had in flight").isBetween(0, WORKERS_PER_NODE);
        assertThat(Files.readString(logs.resolve(run + "-worker-2.log"))).contains("Working on batch partition");
        assertThat(Files.readString(logs.resolve(run + "-manager.log"))).as("the manager works on no cell itself")
                .doesNotContain("Working on batch partition");
    }

    private CompletableFuture<ServiceProcess> start(Map<String, String> remote, String mode, Path log) {
        Map<String, String> properties = new HashMap<>(remote);
        properties.put("journey.batch.mode", mode);
        return CompletableFuture.supplyAsync(() -> {
            try {
                ServiceProcess process = ServiceProcess.start(properties, Files.createFile(log));
                processes.add(process);
                return process;
            } catch (Exception e) {
                throw new IllegalStateException("the " + mode + " did not start", e);
            }
        });
    }
}
