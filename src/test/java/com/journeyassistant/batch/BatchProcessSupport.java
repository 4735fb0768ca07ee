package com.journeyassistant.batch;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** What the batch tests against service processes share: a journey to run over, and the exactly-once check. */
final class BatchProcessSupport {

    private BatchProcessSupport() {
    }

    /** A journey of e-mail touchpoints, each with feedback, and personas; its id once the evidence is indexed. */
    static String journeyWithEvidence(Api api, String base, String name, int touchpoints, int personas) {
        String journeyId = api.post(base + "/journeys", object("name", name, "language", "nl")).json()
                .path("id").asString();
        JsonNode stages = api.get(base + "/journeys/" + journeyId + "/stages").json();
        StringBuilder feedback = new StringBuilder("text;csat;touchpoint_id\n");
        for (int i = 0; i < touchpoints; i++) {
            String touchpoint = api.post(base + "/journeys/" + journeyId + "/touchpoints", object("stageId",
                    stages.get(i).path("id").asString(), "name", "Mail " + (i + 1), "channel", "EMAIL")).json()
                    .path("id").asString();
            feedback.append("\"Ik wist niet of mijn bestelling gelukt was\";2;").append(touchpoint).append('\n');
        }
        for (int i = 0; i < personas; i++) {
            assertThat(api.post(base + "/journeys/" + journeyId + "/personas", object("name", "Persona " + (i + 1)))
                    .status()).isEqualTo(201);
        }
        assertThat(api.postRaw(base + "/evidence/feedback", feedback.toString(), "text/csv").status()).isEqualTo(200);
        Awaitility.await("evidence indexed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(base + "/evidence/index").json().path("pending").asInt() == 0);
        return journeyId;
    }

    /** Every one of the batch's {@code cells} cells has exactly one variant, as its export shows. */
    static void assertEveryCellHasOneVariant(Api api, String base, String batch, int cells) {
        List<JsonNode> variants = api.get(base + "/batches/" + batch + "/export?format=jsonl&include=passing").raw()
                .lines().map(Api.JSON::readTree).toList();
        Map<Integer, Long> perCell = variants.stream()
                .collect(Collectors.groupingBy(v -> v.path("cell").asInt(), Collectors.counting()));
        assertThat(perCell).as("every cell's variant stored once").hasSize(cells).allSatisfy((cell, count) ->
                assertThat(count).as("cell " + cell).isEqualTo(1));
    }
}
