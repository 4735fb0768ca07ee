package com.journeyassistant.analytics;

import com.journeyassistant.JourneyAssistantApplication;
import com.journeyassistant.evidence.BenchmarkEvidence;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Workspaces;
import com.journeyassistant.support.Api;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * How long a journey's analytics take, run by {@code scripts/benchmark.sh analytics <back end> N} (not a test): a
 * journey of five stages and 30 touchpoints with N feedback items (a year of dates, scores 1–5, already embedded),
 * then the analytics computed cold (the first time, and again after each of five map changes, which invalidate
 * them) and served from the cache 200 times.
 */
public final class AnalyticsBenchmark {

    private static final int TOUCHPOINTS = 30;

    public static void main(String[] args) throws Exception {
        int items = Integer.parseInt(args[1]);
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("journey.demo.enabled", "false");
        properties.put("journey.evidence.index-poll-interval", "PT1H");
        properties.put("logging.level.root", "WARN");
        properties.forEach((key, value) -> System.setProperty(key, value.toString()));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JourneyAssistantApplication.class)
                .run()) {
            int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
            Workspaces workspaces = context.getBean(Workspaces.class);
            String slug = "analytics-" + UUID.randomUUID().toString().substring(0, 8);
            UUID workspace = workspaces.create(slug, "Trapkracht").id();
            Api api = new Api(port, workspaces.issueKey(workspace, "benchmark", Role.EDITOR).secret());
            String base = "/api/workspaces/" + slug;
            String journeyId = api.post(base + "/journeys", Api.object("name", "Webshop", "language", "nl")).json()
                    .path("id").asString();
            JsonNode stages = api.get(base + "/journeys/" + journeyId + "/stages").json();
            Map<UUID, UUID> stageOf = new LinkedHashMap<>();
            StringBuilder kpis = new StringBuilder("metric;value;unit;period;target;better;touchpoint_id\n");
            for (int i = 0; i < TOUCHPOINTS; i++) {
                String stage = stages.get(i % stages.size()).path("id").asString();
                String touchpoint = api.post(base + "/journeys/" + journeyId + "/touchpoints", Api.object("stageId",
                        stage, "name", "Contactmoment " + i, "channel", "WEBSITE")).json().path("id").asString();
                stageOf.put(UUID.fromString(touchpoint), UUID.fromString(stage));
                for (int month = 1; month <= 6; month++) {
                    kpis.append("conversie;").append(40 + (i * month) % 30).append(";%;2026-0").append(month)
                            .append(";60;higher;").append(touchpoint).append('\n');
                }
            }
            api.postRaw(base + "/evidence/kpis", kpis.toString(), "text/csv");
            long loading = System.nanoTime();
            BenchmarkEvidence.feedback(context, workspace, UUID.fromString(journeyId), stageOf, items);
            if (context.getEnvironment().getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql")) {
                context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).execute("vacuum analyze");
            }
            System.out.printf("loaded %d touchpoints, %d KPI values and %d feedback items in %.1f s%n", TOUCHPOINTS,
                    TOUCHPOINTS * 6, items, (System.nanoTime() - loading) / 1e9);

            JourneyAnalytics analytics = context.getBean(JourneyAnalytics.class);
            UUID journey = UUID.fromString(journeyId);
            double[] cold = new double[6];
            AnalyticsReport report = null;
            for (int round = 0; round < cold.length; round++) {
                if (round > 0) {
                    // a map change makes the cached analytics stale
                    String stage = stages.get(round % stages.size()).path("id").asString();
                    JsonNode current = api.get(base + "/stages/" + stage).json();
                    Api.Response changed = api.put(base + "/stages/" + stage, Api.object("name",
                            current.path("name").asString() + " ", "version", current.path("version").asLong()));
                    if (changed.status() != 200) {
                        throw new IllegalStateException("the map change failed: " + changed);
                    }
                }
                long started = System.nanoTime();
                report = analytics.analyse(workspace, journey);
                cold[round] = (System.nanoTime() - started) / 1e6;
            }
            double[] cached = new double[200];
            for (int i = 0; i < cached.length; i++) {
                long started = System.nanoTime();
                analytics.analyse(workspace, journey);
                cached[i] = (System.nanoTime() - started) / 1e6;
            }
            double[] again = Arrays.copyOfRange(cold, 1, cold.length);
            Arrays.sort(again);
            Arrays.sort(cached);
            System.out.printf("analytics of %d feedback items: first %.0f ms; after a map change (5 times) median %.0f ms,"
                            + " worst %.0f ms; from the cache p50 %.2f ms, p95 %.2f ms%n", items, cold[0],
                    again[again.length / 2], again[again.length - 1], cached[100], cached[190]);
            System.out.printf("report: %d journey themes, %d pains, %d gains; %d touchpoints with themes; %d trends, %d"
                            + " movers%n", report.journey().themes().size(), report.journey().pains().size(),
                    report.journey().gains().size(), report.touchpoints().size(), report.trends().size(),
                    report.movers().size());
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            System.out.printf("heap after GC: %d MB%n", (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
        }
    }
}
