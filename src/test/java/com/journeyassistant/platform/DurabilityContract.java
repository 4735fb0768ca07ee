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

    static final int ROUNDS = 3;

    @TempDir
    Path dataDir;

    /** The back end's settings for the service process. */
    abstract Map<String, String> backend(Path dataDir);

    @Test
    void everyAcknowledgedWriteSurvivesAKillRightAfterTheAnswer() throws Exception {
        Map<String, String> properties = new HashMap<>(backend(dataDir));
        properties.put("journey.demo.enabled", "false");
        // a workspace of its own, made as an operator makes one, so the shared test database keeps its demo as it is
        String slug = "durable-" + UUID.randomUUID().toString().substring(0, 8);
        String key = ServiceProcess.createWorkspace(properties, slug, "Durability");
        String base = "/api/workspaces/" + slug;
        Path log = Files.createFile(dataDir.resolve("service.log"));
        List<Written> written = new ArrayList<>();
        ServiceProcess service = ServiceProcess.start(properties, log);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                written.add(write(service.api(key), base, round));
                service.kill();
                service = ServiceProcess.start(properties, log);
                Api api = service.api(key);
                for (Written w : written) {
                    assertSurvived(api, base, w);
                }
            }
        } finally {
            service.kill();
        }
    }

    record Written(String journeyId, String renamedTo, long version, String touchpointId, List<String> feedback) {
    }

    private static Written write(Api api, String base, int round) {
        // letters only: a tag of eight digits can pass the BSN checksum and be redacted on import, as it should be
        StringBuilder tag = new StringBuilder();
        UUID.randomUUID().toString().substring(0, 8).chars()
                .forEach(c -> tag.append(Character.isDigit(c) ? (char) ('g' + c - '0') : (char) c));
        Response journey = api.post(base + "/journeys", object("name", "Reis " + tag, "language", "nl"));
        assertThat(journey.status()).as(journey.toString()).isEqualTo(201);
        String journeyId = journey.json().path("id").asString();
        String stageId = api.get(base + "/journeys/" + journeyId + "/stages").json().get(0).path("id")
                .asString();
        Response touchpoint = api.post(base + "/journeys/" + journeyId + "/touchpoints",
                object("stageId", stageId, "name", "Nieuwsbrief " + tag, "channel", "EMAIL"));
        assertThat(touchpoint.status()).isEqualTo(201);
        List<String> texts = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String text = "Ronde " + round + " reactie " + i + " " + tag + ": de levering duurde lang";
            texts.add(text);
            rows.add(Map.of("text", text, "journeyId", journeyId, "csat", 1 + i % 5));
        }
        Response feedback = api.post(base + "/evidence/feedback", rows);
        assertThat(feedback.status()).as(feedback.toString()).isEqualTo(200);
        assertThat(feedback.json().path("stored").asInt()).isEqualTo(100);
        String renamed = "Hernoemd " + tag;
        Response update = api.put(base + "/journeys/" + journeyId,
                object("name", renamed, "language", "nl", "version", journey.json().path("version").asLong()));
        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        // the answer is in; the test kills the process next, before anything else can happen
        return new Written(journeyId, renamed, update.json().path("version").asLong(),
                touchpoint.json().path("id").asString(), texts);
    }

    private static void assertSurvived(Api api, String base, Written w) {
        JsonNode journey = api.get(base + "/journeys/" + w.journeyId()).json();
        assertThat(journey.path("name").asString()).as("the journey and its update").isEqualTo(w.renamedTo());
        assertThat(journey.path("version").asLong()).isEqualTo(w.version());
        assertThat(api.get(base + "/touchpoints/" + w.touchpointId()).status()).isEqualTo(200);
        JsonNode items = api.get(base + "/evidence/feedback?journey=" + w.journeyId() + "&limit=500")
                .json().path("items");
        assertThat(items.findValuesAsString("text")).as("all hundred feedback items")
                .containsExactlyInAnyOrderElementsOf(w.feedback());
    }
}
