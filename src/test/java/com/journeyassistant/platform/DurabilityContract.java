package com.journeyassistant.platform;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.Api;
import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Acknowledged means durable: whatever the service answered 2xx for is there after the process
 * is killed with SIGKILL right after the answer and started again. Several rounds, each writing
 * a journey, a touchpoint, a hundred feedback items and a journey update, then killing at once.
 */
abstract class DurabilityContract {

    static final String KEY = "durability-test-demo-key";
    static final int ROUNDS = 3;

    @TempDir
    Path dataDir;

    /** The back end's settings for the service process. */
    abstract Map<String, String> backend(Path dataDir);

    @Test
    void everyAcknowledgedWriteSurvivesAKillRightAfterTheAnswer() throws Exception {
        Map<String, String> properties = new HashMap<>(backend(dataDir));
        properties.put("journey.demo.enabled", "true");
        properties.put("journey.demo.api-key", KEY);
        Path log = Files.createFile(dataDir.resolve("service.log"));
        List<Written> written = new ArrayList<>();
        ServiceProcess service = ServiceProcess.start(properties, log);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                written.add(write(service.api(KEY), round));
                service.kill();
                service = ServiceProcess.start(properties, log);
                Api api = service.api(KEY);
                for (Written w : written) {
                    assertSurvived(api, w);
                }
            }
        } finally {
            service.kill();
        }
    }

    record Written(String journeyId, String renamedTo, long version, String touchpointId, List<String> feedback) {
    }

    private static Written write(Api api, int round) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Response journey = api.post("/api/workspaces/demo/journeys", object("name", "Reis " + tag, "language", "nl"));
        assertThat(journey.status()).as(journey.toString()).isEqualTo(201);
        String journeyId = journey.json().path("id").asString();
        String stageId = api.get("/api/workspaces/demo/journeys/" + journeyId + "/stages").json().get(0).path("id")
                .asString();
        Response touchpoint = api.post("/api/workspaces/demo/journeys/" + journeyId + "/touchpoints",
                object("stageId", stageId, "name", "Nieuwsbrief " + tag, "channel", "EMAIL"));
        assertThat(touchpoint.status()).isEqualTo(201);
        List<String> texts = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String text = "Ronde " + round + " reactie " + i + " " + tag + ": de levering duurde lang";
            texts.add(text);
            rows.add(Map.of("text", text, "journeyId", journeyId, "csat", 1 + i % 5));
        }
        Response feedback = api.post("/api/workspaces/demo/evidence/feedback", rows);
        assertThat(feedback.status()).as(feedback.toString()).isEqualTo(200);
        assertThat(feedback.json().path("stored").asInt()).isEqualTo(100);
        String renamed = "Hernoemd " + tag;
        Response update = api.put("/api/workspaces/demo/journeys/" + journeyId,
                object("name", renamed, "language", "nl", "version", journey.json().path("version").asLong()));
        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        // the answer is in; the test kills the process next, before anything else can happen
        return new Written(journeyId, renamed, update.json().path("version").asLong(),
                touchpoint.json().path("id").asString(), texts);
    }

    private static void assertSurvived(Api api, Written w) {
        JsonNode journey = api.get("/api/workspaces/demo/journeys/" + w.journeyId()).json();
        assertThat(journey.path("name").asString()).as("the journey and its update").isEqualTo(w.renamedTo());
        assertThat(journey.path("version").asLong()).isEqualTo(w.version());
        assertThat(api.get("/api/workspaces/demo/touchpoints/" + w.touchpointId()).status()).isEqualTo(200);
        JsonNode items = api.get("/api/workspaces/demo/evidence/feedback?journey=" + w.journeyId() + "&limit=500")
                .json().path("items");
        assertThat(items.findValuesAsString("text")).as("all hundred feedback items")
                .containsExactlyInAnyOrderElementsOf(w.feedback());
    }
}
