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
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A batch run survives {@code kill -9} of the service mid-run: started again, the service
 * takes the run over once its old process has been silent for the heartbeat timeout, asks
 * again only for the cells that were in flight at the kill, and every cell ends with its
 * variants stored once.
 */
abstract class BatchRestartContract {

    private static final String PATH = "/v1/chat/completions";
    private static final int TOUCHPOINTS = 4;
    private static final int PERSONAS = 5;
    private static final int CELLS = TOUCHPOINTS * PERSONAS;
    private static final int WORKERS = 3;

    @TempDir
    Path dataDir;
    private final WireMockServer model = FakeChatModel.startServer();

    abstract Map<String, String> backend(Path dataDir);

    @AfterEach
    void stopModel() {
        model.stop();
    }

    @Test
    void aRunKilledMidwayIsTakenOverAfterARestartAndEveryCellIsDoneOnce() throws Exception {
        Map<String, String> properties = new HashMap<>(backend(dataDir));
        properties.put("journey.demo.enabled", "false");
        properties.put("journey.llm.base-url", model.baseUrl() + "/v1");
        properties.put("journey.llm.model", "test-model");
        properties.put("journey.llm.api-key", "test-llm-key");
        properties.put("journey.batch.workers", String.valueOf(WORKERS));
        properties.put("journey.batch.heartbeat", "PT0.5S");
        properties.put("journey.batch.heartbeat-timeout", "PT3S");
        String slug = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        String key = ServiceProcess.createWorkspace(properties, slug, "Batch restart");
        String base = "/api/workspaces/" + slug;
        model.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(300)
                .withBody(FakeChatModel.completion(BatchContract.emailVariants(1, null), 900, 150))));
        // kept in target/ so that a failing run can be read afterwards
        Path log = Files.createDirectories(Path.of("target", "batch-restart")).resolve(getClass().getSimpleName()
                + "-" + slug + ".log");

        ServiceProcess service = ServiceProcess.start(properties, log);
        String batch;
        int askedBeforeTheKill;
        try {
            Api api = service.api(key);
            String journeyId = BatchProcessSupport.journeyWithEvidence(api, base, "Herstart", TOUCHPOINTS, PERSONAS);
            Response started = api.post(base + "/journeys/" + journeyId + "/batches", object("variantsPerCell", 1));
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
            batch = started.json().path("id").asString();
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> api.get(base + "/batches/" + batch).json().path("done").asInt() >= CELLS / 4);
        } finally {
            service.kill();
        }
        askedBeforeTheKill = model.findAll(postRequestedFor(urlEqualTo(PATH))).size();
        assertThat(askedBeforeTheKill).as("killed mid-run").isLessThan(CELLS);

        service = ServiceProcess.start(properties, log);
        try {
            Api api = service.api(key);
            JsonNode done = Awaitility.await("the run taken over and completed").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(() -> api.get(base + "/batches/" + batch).json(),
                            p -> p.path("status").asString().equals("COMPLETED"));
            assertThat(done.path("done").asInt()).isEqualTo(CELLS);
            assertThat(done.path("failed").asInt()).isZero();

            BatchProcessSupport.assertEveryCellHasOneVariant(api, base, batch, CELLS);
            int asked = model.findAll(postRequestedFor(urlEqualTo(PATH))).size();
            assertThat(asked - CELLS).as("asked again: at most the cells in flight at the kill")
                    .isBetween(0, WORKERS);
        } finally {
            service.kill();
        }
    }
}
