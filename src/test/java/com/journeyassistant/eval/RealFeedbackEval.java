package com.journeyassistant.eval;

import com.journeyassistant.analytics.ThemeRecovery;
import com.journeyassistant.eval.Results.CaseResult;
import com.journeyassistant.eval.Results.SectionResult;
import com.journeyassistant.evidence.EvidenceFacts;
import com.journeyassistant.support.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Analytics and retrieval on real customer text with categories its source gave (eval/datasets/README.md): the
 * set is imported as a journey of its own through the API, the customer's verdict as CSAT (negative 1, neutral 3,
 * positive 5). Measured: how well the pains and themes recover the categories, whether the text sentiment agrees
 * with the verdicts, and retrieval per mode with each unhappy item's text as the query and the other items of
 * its category as the relevant ones.
 */
final class RealFeedbackEval {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> MODES = List.of("vector", "text", "hybrid");
    /** Categories that name no cause: the source's "can't tell", and the verdicts of happy and neutral items. */
    private static final Set<String> NOT_CAUSES = Set.of("Can't Tell", "positive", "neutral");
    private static final int RETRIEVAL_QUERIES = 150;

    private RealFeedbackEval() {
    }

    static SectionResult run(EvalEnvironment env, List<JsonNode> cases, Progress progress) throws InterruptedException {
        String journey = env.api.post(env.path("/journeys"), JSON.createObjectNode().put("name", "Real feedback")
                .put("language", "en")).json().path("id").asString();
        String run = "real-" + journey.substring(0, 8) + "-";
        ArrayNode items = JSON.createArrayNode();
        cases.forEach(c -> items.addObject().put("text", c.path("text").asString()).put("journeyId", journey)
                .put("externalId", run + c.path("id").asString()).put("date", c.path("date").asString())
                .put("segment", c.path("segment").asString()).put("csat", switch (c.path("sentiment").asString()) {
                    case "negative" -> 1;
                    case "positive" -> 5;
                    default -> 3;
                }));
        Api.Response imported = env.api.post(env.path("/evidence/feedback"), items);
        if (imported.status() != 200) {
            throw new IllegalStateException("importing the real feedback failed: " + imported);
        }
        env.awaitIndexed();

        Map<String, UUID> idOf = new HashMap<>();
        env.app.getBean(JdbcTemplate.class).query("select id, external_id, text from feedback where workspace_id = ?"
                        + " and journey_id = ?", rs -> {
                    idOf.put(rs.getString(2), rs.getObject(1, UUID.class));
                }, env.workspaceId, UUID.fromString(journey));
        Map<UUID, String> storedText = new HashMap<>();
        env.app.getBean(EvidenceFacts.class).feedback(env.workspaceId, UUID.fromString(journey))
                .forEach(f -> storedText.put(f.id(), f.text()));
        Map<UUID, float[]> vectors = env.app.getBean(EvidenceFacts.class).vectors(env.workspaceId,
                new ArrayList<>(idOf.values()));
        List<ThemeRecovery.Labelled> labelled = new ArrayList<>();
        Map<UUID, String> categoryOf = new HashMap<>();
        for (JsonNode c : cases) {
            UUID id = idOf.get(run + c.path("id").asString());
            String sentiment = c.path("sentiment").asString();
            categoryOf.put(id, c.path("category").asString());
            labelled.add(new ThemeRecovery.Labelled(id, storedText.get(id),
                    sentiment.equals("negative") ? 1.0 : sentiment.equals("positive") ? 5.0 : 3.0, vectors.get(id),
                    c.path("category").asString(), sentiment));
        }
        Map<String, String> details = new LinkedHashMap<>();
        Map<String, Double> metrics = ThemeRecovery.measure(labelled, NOT_CAUSES, "real.", details);
        List<CaseResult> results = new ArrayList<>();
        details.forEach((what, detail) -> results.add(new CaseResult("real", what,
                !detail.endsWith("stands out in no pain"), detail, 0, 0)));

        JsonNode report = env.api.get(env.path("/journeys/" + journey + "/analytics")).json();
        results.add(new CaseResult("real", "analytics API", report.path("journey").path("pains").size()
                == metrics.get("real.pains.count").intValue(), report.path("journey").path("pains").size()
                + " pains in the journey's analytics", 0, 0));

        Map<String, double[]> sums = new LinkedHashMap<>();
        MODES.forEach(m -> sums.put(m, new double[3]));
        int queries = 0;
        for (JsonNode c : cases) {
            String category = c.path("category").asString();
            if (NOT_CAUSES.contains(category) || queries == RETRIEVAL_QUERIES) {
                continue;
            }
            UUID self = idOf.get(run + c.path("id").asString());
            Set<String> relevant = new HashSet<>();
            categoryOf.forEach((id, cat) -> {
                if (cat.equals(category) && !id.equals(self)) {
                    relevant.add(id.toString());
                }
            });
            if (relevant.isEmpty()) {
                continue;
            }
            queries++;
            for (String mode : MODES) {
                JsonNode hits = env.api.get(env.path("/evidence/search?k=11&mode=" + mode + "&journey=" + journey
                        + "&q=" + URLEncoder.encode(c.path("text").asString(), StandardCharsets.UTF_8))).json();
                List<String> found = new ArrayList<>();
                hits.forEach(h -> {
                    if (!h.path("id").asString().equals(self.toString()) && found.size() < 10) {
                        found.add(h.path("id").asString());
                    }
                });
                double[] m = RetrievalEval.measure(found, relevant);
                for (int i = 0; i < 3; i++) {
                    sums.get(mode)[i] += m[i];
                }
            }
            progress.step("real feedback " + c.path("id").asString());
        }
        RetrievalEval.means(metrics, "real.retrieval.", sums, queries, "ndcgAt10");
        metrics.put("real.items", (double) cases.size());
        return new SectionResult("real", metrics, results);
    }
}
