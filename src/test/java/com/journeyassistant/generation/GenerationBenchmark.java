package com.journeyassistant.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.journeyassistant.JourneyAssistantApplication;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Workspaces;
import com.journeyassistant.evidence.BenchmarkEvidence;
import com.journeyassistant.support.Api;
import com.journeyassistant.support.FakeChatModel;
import java.util.ArrayList;
import tools.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service's own time per generation request, run by {@code scripts/benchmark.sh generation
 * <back end> N} (not a test): N feedback items spread over a journey's touchpoints, a WireMock
 * model answering at once, then content-variant and experiment requests over HTTP. What is
 * timed is everything but the model: retrieval (with query embedding), analytics where the job
 * uses them, prompt assembly, validation and storing.
 */
public final class GenerationBenchmark {

    private static final int TOUCHPOINTS = 10;

    public static void main(String[] args) throws Exception {
        int items = Integer.parseInt(args[1]);
        WireMockServer model = new WireMockServer(options().dynamicPort().containerThreads(20));
        model.start();
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("journey.demo.enabled", "false");
        properties.put("journey.evidence.index-poll-interval", "PT1H");
        properties.put("journey.llm.base-url", model.baseUrl() + "/v1");
        properties.put("journey.llm.model", "benchmark-model");
        properties.put("logging.level.root", "WARN");
        // system properties: they outrank application.yml, which defaults the model to none
        properties.forEach((key, value) -> System.setProperty(key, value.toString()));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JourneyAssistantApplication.class)
                .run()) {
            int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
            Workspaces workspaces = context.getBean(Workspaces.class);
            String slug = "gen-" + UUID.randomUUID().toString().substring(0, 8);
            UUID workspace = workspaces.create(slug, "Trapkracht").id();
            Api api = new Api(port, workspaces.issueKey(workspace, "benchmark", Role.EDITOR).secret());
            String base = "/api/workspaces/" + slug;
            String journeyId = api.post(base + "/journeys", Api.object("name", "Webshop", "language", "nl")).json()
                    .path("id").asString();
            JsonNode stages = api.get(base + "/journeys/" + journeyId + "/stages").json();
            List<String> touchpoints = new ArrayList<>();
            for (int i = 0; i < TOUCHPOINTS; i++) {
                touchpoints.add(api.post(base + "/journeys/" + journeyId + "/touchpoints", Api.object(
                        "stageId", stages.get(i % stages.size()).path("id").asString(), "name", "Touchpoint " + i,
                        "channel", "EMAIL")).json().path("id").asString());
            }
            StringBuilder kpis = new StringBuilder("metric;value;unit;target;better;daily_traffic;touchpoint_id\n");
            touchpoints.forEach(t -> kpis.append("open rate;71,2;%;80;higher;900;").append(t).append('\n'));
            api.postRaw(base + "/evidence/kpis", kpis.toString(), "text/csv");
            long loading = System.nanoTime();
            Map<UUID, UUID> stageOf = new java.util.LinkedHashMap<>();
            for (String t : touchpoints) {
                stageOf.put(UUID.fromString(t), UUID.fromString(api.get(base + "/touchpoints/" + t).json()
                        .path("stageId").asString()));
            }
            BenchmarkEvidence.feedback(context, workspace, UUID.fromString(journeyId), stageOf, items);
            if (context.getEnvironment().getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql")) {
                com.journeyassistant.support.DatabaseOwner.execute(context.getEnvironment(), "vacuum analyze");
            }
            System.out.printf("loaded %d feedback items with embeddings in %.1f s%n", items,
                    (System.nanoTime() - loading) / 1e9);

            model.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(
                            com.github.tomakehurst.wiremock.client.WireMock.containing("content_variants"))
                    .willReturn(ok(variants())));
            model.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(
                            com.github.tomakehurst.wiremock.client.WireMock.containing("experiment_suggestions"))
                    .willReturn(ok(experiment())));
            io.micrometer.core.instrument.MeterRegistry meters = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            time("content variants (3)", meters, 200, i -> api.post(base + "/touchpoints/" + touchpoints.get(i % TOUCHPOINTS)
                    + "/content-variants", Api.object("count", 3)));
            model.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(
                            com.github.tomakehurst.wiremock.client.WireMock.containing("opportunity_proposals"))
                    .willReturn(ok(FakeChatModel.json(Map.of("opportunities", List.of(Map.of("signal", "S1",
                            "title", "Klanten openen de orderbevestiging te weinig", "statement", "Veel klanten openen"
                                    + " de mail niet en weten daardoor niet of hun bestelling gelukt is.",
                            "citations", List.of("K1"))))))));
            model.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(
                            com.github.tomakehurst.wiremock.client.WireMock.containing("persona_drafts"))
                    .willReturn(ok(FakeChatModel.json(Map.of("personas", List.of(Map.of("name", "Forens Fleur",
                            "description", "Fleur fietst elke dag naar haar werk.", "segment", "seg-1",
                            "attributes", List.of(
                                    Map.of("kind", "pain", "text", "Twijfelt of de bestelling gelukt is",
                                            "citations", List.of("F1", "F2")),
                                    Map.of("kind", "goal", "text", "Snel zekerheid", "citations", List.of("F1")),
                                    Map.of("kind", "channel", "text", "E-mail", "citations", List.of("F2"))))))))));
            time("opportunity proposal (analytics over all feedback)", meters, 200, i -> api.post(base + "/journeys/"
                    + journeyId + "/opportunity-proposals", Api.object("count", 1)));
            time("persona draft", meters, 200, i -> api.post(base + "/journeys/" + journeyId + "/persona-drafts",
                    Api.object("count", 1)));
            time("experiment suggestion", meters, 200, i -> api.post(base + "/touchpoints/" + touchpoints.get(i % TOUCHPOINTS)
                    + "/experiment-suggestions", Api.object("count", 1)));
        } finally {
            model.stop();
        }
    }

    private interface Call {
        Api.Response run(int i);
    }

    /** Times whole requests, and the service's own part: the request minus its calls to the model. */
    private static void time(String what, io.micrometer.core.instrument.MeterRegistry meters, int requests, Call call) {
        for (int i = 0; i < 20; i++) {
            check(call.run(i));
        }
        double[] total = new double[requests];
        double[] own = new double[requests];
        for (int i = 0; i < requests; i++) {
            double modelBefore = modelMillis(meters);
            long started = System.nanoTime();
            check(call.run(i));
            total[i] = (System.nanoTime() - started) / 1e6;
            own[i] = total[i] - (modelMillis(meters) - modelBefore);
        }
        Arrays.sort(total);
        Arrays.sort(own);
        System.out.printf("%s, %d requests: whole request p50 %.1f ms, p95 %.1f ms; service's own part p50 %.1f ms,"
                        + " p95 %.1f ms, p99 %.1f ms%n", what, requests, total[requests / 2],
                total[(int) (requests * 0.95) - 1], own[requests / 2], own[(int) (requests * 0.95) - 1],
                own[(int) (requests * 0.99) - 1]);
    }

    private static double modelMillis(io.micrometer.core.instrument.MeterRegistry meters) {
        return meters.find("journey.llm.calls").timers().stream()
                .mapToDouble(t -> t.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).sum();
    }

    private static void check(Api.Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("generation failed: " + response);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(FakeChatModel.completion(content, 900, 150));
    }

    private static String variants() {
        List<Object> list = new ArrayList<>();
        for (String angle : List.of("Zekerheid", "Snelheid", "Service")) {
            list.add(Map.of("angle", angle, "fields", Map.of("subject", "Je bestelling is binnen, dit gebeurt er nu",
                    "preheader", "Je betaling is gelukt en we laten je weten wanneer de bezorger komt.",
                    "body", "Veel klanten vroegen zich af of hun betaling gelukt was. Daarom bevestigen we nu meteen"
                            + " dat je bestelling binnen is en wat er daarna gebeurt.", "cta", "Bekijk je bestelling"),
                    "citations", List.of("F1", "K1")));
        }
        return FakeChatModel.json(Map.of("variants", list));
    }

    private static String experiment() {
        return FakeChatModel.json(Map.of("experiments", List.of(Map.of("hypothesis", "Als de mail meteen uitlegt"
                        + " wanneer de bezorger komt, dan openen meer klanten hem, omdat ze nu niet weten of het gelukt is.",
                "control", "De huidige mail", "variants", List.of("Bezorgmoment bovenaan"), "primaryMetric", "K1",
                "minimumDetectableEffect", 0.1, "citations", List.of("F1", "K1")))));
    }
}
