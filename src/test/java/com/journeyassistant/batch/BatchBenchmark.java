package com.journeyassistant.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.journeyassistant.JourneyAssistantApplication;
import com.journeyassistant.evidence.BenchmarkEvidence;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Workspaces;
import com.journeyassistant.support.Api;
import com.journeyassistant.support.FakeChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A batch run against a model that allows 600 requests a minute, run by {@code scripts/benchmark.sh
 * batch <back end> N} (not a test): N cells (touchpoints x personas), a WireMock model that
 * answers in 300 ms and refuses with 429 and {@code Retry-After} any request beyond 600 in the
 * last minute. Reported: the requests it answered per minute against that ceiling, the 429s
 * (after the first minute too), heap after a full GC at 20% to 100% of the run, and the
 * service's own time per cell (the model's time not counted).
 */
public final class BatchBenchmark {

    static final int CEILING = 600;

    /** The provider's limit: a sliding minute, as providers count it. */
    static final class MinuteLimit implements ResponseTransformerV2 {

        final Deque<Long> accepted = new ArrayDeque<>();
        final List<long[]> log = new ArrayList<>();

        @Override
        public synchronized Response transform(Response response, ServeEvent event) {
            long now = System.currentTimeMillis();
            while (!accepted.isEmpty() && accepted.peekFirst() <= now - 60_000) {
                accepted.pollFirst();
            }
            if (accepted.size() >= CEILING) {
                long retryAfter = Math.max(1, (accepted.peekFirst() + 60_000 - now + 999) / 1000);
                log.add(new long[] {now, 429});
                return Response.Builder.like(response).but().status(429).body("{\"error\":{\"message\":\"rate limit\"}}")
                        .headers(new HttpHeaders(new HttpHeader("Retry-After", String.valueOf(retryAfter)),
                                new HttpHeader("Content-Type", "application/json"))).build();
            }
            accepted.addLast(now);
            log.add(new long[] {now, 200});
            return response;
        }

        @Override
        public String getName() {
            return "minute-limit";
        }
    }

    public static void main(String[] args) throws Exception {
        int cells = Integer.parseInt(args[1]);
        int touchpoints = 40;
        int personas = Math.max(1, cells / touchpoints);
        MinuteLimit limit = new MinuteLimit();
        WireMockServer model = new WireMockServer(options().dynamicPort().containerThreads(40).disableRequestJournal()
                .extensions(limit));
        model.start();
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(300)
                .withBody(FakeChatModel.completion(BatchContract.emailVariants(1, null), 900, 150))));
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("journey.demo.enabled", "false");
        properties.put("journey.evidence.index-poll-interval", "PT1H");
        properties.put("journey.llm.base-url", model.baseUrl() + "/v1");
        properties.put("journey.llm.model", "benchmark-model");
        properties.put("journey.llm.requests-per-minute", String.valueOf(CEILING));
        properties.put("journey.llm.tokens-per-minute", "0");
        properties.put("journey.llm.concurrency", "8");
        properties.put("journey.batch.workers", "8");
        properties.put("logging.level.root", "WARN");
        properties.forEach((key, value) -> System.setProperty(key, value.toString()));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JourneyAssistantApplication.class)
                .run()) {
            int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
            Workspaces workspaces = context.getBean(Workspaces.class);
            String slug = "batch-" + UUID.randomUUID().toString().substring(0, 8);
            UUID workspace = workspaces.create(slug, "Trapkracht").id();
            Api api = new Api(port, workspaces.issueKey(workspace, "benchmark", Role.EDITOR).secret());
            String base = "/api/workspaces/" + slug;
            String journeyId = api.post(base + "/journeys", Api.object("name", "Webshop", "language", "nl")).json()
                    .path("id").asString();
            JsonNode stages = api.get(base + "/journeys/" + journeyId + "/stages").json();
            Map<UUID, UUID> stageOf = new LinkedHashMap<>();
            for (int i = 0; i < touchpoints; i++) {
                JsonNode touchpoint = api.post(base + "/journeys/" + journeyId + "/touchpoints", Api.object(
                        "stageId", stages.get(i % stages.size()).path("id").asString(), "name", "Mail " + i,
                        "channel", "EMAIL")).json();
                stageOf.put(UUID.fromString(touchpoint.path("id").asString()),
                        UUID.fromString(touchpoint.path("stageId").asString()));
            }
            for (int i = 0; i < personas; i++) {
                api.post(base + "/journeys/" + journeyId + "/personas", Api.object("name", "Persona " + i));
            }
            BenchmarkEvidence.feedback(context, workspace, UUID.fromString(journeyId), stageOf, touchpoints * 20);

            JsonNode preview = api.post(base + "/journeys/" + journeyId + "/batches/preview",
                    Api.object("variantsPerCell", 1)).json();
            System.out.printf("preview: %d cells, %d runnable, estimate %s%n", preview.path("cells").asInt(),
                    preview.path("runnable").asInt(), preview.path("estimate"));
            long started = System.currentTimeMillis();
            String batch = api.post(base + "/journeys/" + journeyId + "/batches", Api.object("variantsPerCell", 1))
                    .json().path("id").asString();
            int total = preview.path("runnable").asInt();
            List<String> heap = new ArrayList<>();
            int nextMark = 20;
            JsonNode progress;
            do {
                Thread.sleep(200);
                progress = api.get(base + "/batches/" + batch).json();
                int finished = progress.path("done").asInt() + progress.path("failed").asInt();
                while (nextMark <= 100 && finished * 100 >= total * nextMark) {
                    heap.add(nextMark + "%: " + heapAfterGc() + " MB");
                    nextMark += 20;
                }
            } while (!progress.path("status").asString().equals("COMPLETED"));
            double minutes = (System.currentTimeMillis() - started) / 60_000.0;

            List<long[]> log;
            synchronized (limit) {
                log = new ArrayList<>(limit.log);
            }
            long first = log.get(0)[0];
            long refused = log.stream().filter(e -> e[1] == 429).count();
            long refusedLater = log.stream().filter(e -> e[1] == 429 && e[0] > first + 60_000).count();
            long answered = log.stream().filter(e -> e[1] == 200).count();
            double answeredSpan = (log.get(log.size() - 1)[0] - first) / 60_000.0;
            Timer own = context.getBean(MeterRegistry.class).get("journey.batch.cell.own-time").timer();
            Map<Double, Double> percentiles = new LinkedHashMap<>();
            for (ValueAtPercentile p : own.takeSnapshot().percentileValues()) {
                percentiles.put(p.percentile(), p.value(TimeUnit.MILLISECONDS));
            }
            System.out.printf("run: %d cells done, %d failed in %.2f min%n", progress.path("done").asInt(),
                    progress.path("failed").asInt(), minutes);
            System.out.printf("model: %d requests answered over %.2f min = %.0f a minute, %.1f%% of the %d ceiling;"
                            + " %d refused with 429 (%d after the first minute)%n", answered, answeredSpan,
                    answered / answeredSpan, 100 * answered / answeredSpan / CEILING, CEILING, refused, refusedLater);
            System.out.printf("heap after full GC: %s%n", String.join(", ", heap));
            System.out.printf("service's own time per cell: p50 %.1f ms, p95 %.1f ms (%d cells)%n",
                    percentiles.getOrDefault(0.5, Double.NaN), percentiles.getOrDefault(0.95, Double.NaN), own.count());
        } finally {
            model.stop();
        }
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }
}
