package com.journeyassistant.analytics;

import com.journeyassistant.evidence.BenchmarkEvidence;
import com.journeyassistant.support.Api;
import com.journeyassistant.support.BenchmarkService;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
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
        try (BenchmarkService service = BenchmarkService.start("analytics")) {
            ConfigurableApplicationContext context = service.context();
            Api api = service.api();
            UUID workspace = service.workspace();
            String journeyId = service.journey();
            Map<UUID, UUID> stageOf = service.touchpoints(journeyId, TOUCHPOINTS);
            JsonNode stages = api.get(service.path("/journeys/" + journeyId + "/stages")).json();
            StringBuilder kpis = new StringBuilder("metric;value;unit;period;target;better;touchpoint_id\n");
            int n = 0;
            for (UUID touchpoint : stageOf.keySet()) {
                for (int month = 1; month <= 6; month++) {
                    kpis.append("conversie;").append(40 + (n * month) % 30).append(";%;2026-0").append(month)
                            .append(";60;higher;").append(touchpoint).append('\n');
                }
                n++;
            }
            api.postRaw(service.path("/evidence/kpis"), kpis.toString(), "text/csv");
            long loading = System.nanoTime();
            BenchmarkEvidence.feedback(context, workspace, UUID.fromString(journeyId), stageOf, items);
            service.analyse();
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
                    JsonNode current = api.get(service.path("/stages/" + stage)).json();
                    Api.Response changed = api.put(service.path("/stages/" + stage), Api.object("name",
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
