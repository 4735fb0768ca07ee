package com.journeyassistant.web;

import com.journeyassistant.evidence.BenchmarkEvidence;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Users;
import static com.journeyassistant.support.ApiTest.DEMO_USER;

import com.journeyassistant.support.Api;
import com.journeyassistant.support.BenchmarkService;
import com.journeyassistant.support.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long the journey canvas takes to render, run by {@code scripts/benchmark.sh web <back end>
 * N} (not a test): a journey with 60 touchpoints over five stages, 12 opportunities with their
 * links and solutions, and N feedback items; a signed-in person, then GET /journeys/{id} 200 times
 * over HTTP on this machine. The first request computes the journey's analytics; later ones find
 * them cached until evidence changes. Then a team opens the map together: 64 people, each signed
 * in with a session of their own, load the canvas 25 times each, all at once (for at most two
 * minutes); every answer that is not a complete page counts as an error.
 */
public final class WebBenchmark {

    private static final int TOUCHPOINTS = 60;
    private static final int REQUESTS = 200;
    private static final int OPPORTUNITIES = 12;
    private static final int VIEWERS = 64;
    private static final int VIEWS_EACH = 25;
    private static final int WARM_UP_EACH = 10;
    /** A service that stalls stops the run here rather than after hours of pool time-outs. */
    private static final int LONGEST_SECONDS = 120;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("viewers")) {
            demoViewers(Integer.parseInt(args[1]));
            return;
        }
        int items = Integer.parseInt(args[1]);
        try (BenchmarkService service = BenchmarkService.start("web")) {
            ConfigurableApplicationContext context = service.context();
            int port = service.port();
            UUID workspace = service.workspace();
            String slug = service.slug();
            String journeyId = service.journey();
            Map<UUID, UUID> stageOf = service.touchpoints(journeyId, TOUCHPOINTS);
            StringBuilder kpis = new StringBuilder("metric;value;unit;target;better;daily_traffic;touchpoint_id\n");
            int n = 0;
            for (UUID touchpoint : stageOf.keySet()) {
                kpis.append("conversie;").append(40 + n++ % 30).append(";%;60;higher;900;").append(touchpoint).append('\n');
            }
            service.api().postRaw(service.path("/evidence/kpis"), kpis.toString(), "text/csv");
            opportunities(service, journeyId, stageOf);
            long loading = System.nanoTime();
            BenchmarkEvidence.feedback(context, workspace, UUID.fromString(journeyId), stageOf, items);
            service.analyse();
            System.out.printf("loaded %d touchpoints and %d feedback items in %.1f s%n", TOUCHPOINTS, items,
                    (System.nanoTime() - loading) / 1e9);

            String email = "bench@" + slug + ".example";
            context.getBean(Users.class).ensure(workspace, email, "benchmark-password", Role.VIEWER);
            String root = "http://localhost:" + port;
            HttpClient http = WebSession.signIn(port, email, "benchmark-password").http();
            HttpRequest canvas = HttpRequest.newBuilder(URI.create(root + "/journeys/" + journeyId)).build();

            long started = System.nanoTime();
            HttpResponse<String> first = http.send(canvas, HttpResponse.BodyHandlers.ofString());
            double cold = (System.nanoTime() - started) / 1e6;
            if (first.statusCode() != 200 || !first.body().contains("Contactmoment 59")) {
                throw new IllegalStateException("the canvas did not render: " + first.statusCode());
            }
            double[] millis = new double[REQUESTS];
            for (int i = 0; i < REQUESTS; i++) {
                long start = System.nanoTime();
                http.send(canvas, HttpResponse.BodyHandlers.discarding());
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf("canvas of %d touchpoints, %d feedback items: first request %.1f ms (analytics computed);"
                            + " then %d requests p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%d KB of HTML)%n", TOUCHPOINTS,
                    items, cold, REQUESTS, millis[REQUESTS / 2], millis[(int) (REQUESTS * 0.95)],
                    millis[(int) (REQUESTS * 0.99)], first.body().length() / 1024);

            viewersAtOnce(port, email, "benchmark-password", canvas, VIEWERS, "Contactmoment 59");
        }
    }

    /** {@code viewers} people opening the demo workspace's canvas together, as a team would. */
    private static void demoViewers(int viewers) throws Exception {
        String password = "demo-benchmark-password";
        String key = "demo-benchmark-key";
        try (BenchmarkService service = BenchmarkService.start("viewers", Map.of("journey.demo.enabled", "true",
                "journey.demo.password", password, "journey.demo.api-key", key,
                "journey.evidence.index-poll-interval", "PT1S"))) {
            // the demo's evidence embedded first, as on a service that has been up for a minute
            Api demo = new Api(service.port(), key);
            long waited = System.nanoTime();
            while (demo.get("/api/workspaces/demo/evidence/index").json().path("pending").asInt() > 0) {
                if (System.nanoTime() - waited > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException("the demo evidence was not indexed in 5 minutes");
                }
                Thread.sleep(500);
            }
            WebSession person = WebSession.signIn(service.port(), DEMO_USER, password);
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/journeys/[0-9a-f-]{36})\"")
                    .matcher(person.get("/journeys").body());
            if (!link.find()) {
                throw new IllegalStateException("the demo workspace has no journey");
            }
            HttpRequest canvas = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + link.group(1)))
                    .build();
            System.out.printf("the demo canvas: %d KB of HTML%n", person.get(link.group(1)).body().length() / 1024);
            viewersAtOnce(service.port(), DEMO_USER, password, canvas, viewers, "class=\"touchpoint");
        }
    }

    /**
     * {@code viewers} signed-in people loading the canvas at the same time, each {@link #VIEWS_EACH}
     * times, after a round of {@link #WARM_UP_EACH} each that warms the JIT and is reported apart.
     */
    private static void viewersAtOnce(int port, String email, String password, HttpRequest canvas, int viewers,
                                      String mustContain) throws Exception {
        List<HttpClient> people = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            people.add(WebSession.signIn(port, email, password).http());
        }
        HttpRequest timed = HttpRequest.newBuilder(canvas.uri()).timeout(Duration.ofSeconds(60)).build();
        round("warm-up: " + viewers + " viewers at once", people, timed, WARM_UP_EACH, mustContain);
        round(viewers + " viewers at once", people, timed, VIEWS_EACH, mustContain);
    }

    private static void round(String label, List<HttpClient> people, HttpRequest timed, int each, String mustContain)
            throws Exception {
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(people.size());
        long began = System.nanoTime();
        long deadline = began + TimeUnit.SECONDS.toNanos(LONGEST_SECONDS);
        for (HttpClient person : people) {
            threads.submit(() -> {
                start.await();
                for (int i = 0; i < each && System.nanoTime() < deadline; i++) {
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> page = person.send(timed, HttpResponse.BodyHandlers.ofString());
                        millis.add((System.nanoTime() - t) / 1e6);
                        if (page.statusCode() != 200 || !page.body().contains(mustContain)) {
                            errors.incrementAndGet();
                            statuses.merge(String.valueOf(page.statusCode()), 1, Integer::sum);
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                        statuses.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                }
                return null;
            });
        }
        start.countDown();
        threads.shutdown();
        if (!threads.awaitTermination(10, TimeUnit.MINUTES)) {
            threads.shutdownNow();
            throw new IllegalStateException("the concurrent viewers did not finish in time");
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.printf("%s: no page answered in %.1f s, %d errors %s%n", label, seconds, errors.get(), statuses);
            return;
        }
        System.out.printf("%s, %d requests each: %d pages in %.1f s (%.0f pages/s), %d errors %s;"
                        + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", label, each, sorted.length,
                seconds, sorted.length / seconds, errors.get(), statuses, sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.95)], sorted[(int) (sorted.length * 0.99)], sorted[sorted.length - 1]);
    }

    /** Opportunities linked to touchpoints, each with two solutions, as a worked map has them. */
    private static void opportunities(BenchmarkService service, String journeyId, Map<UUID, UUID> stageOf) {
        List<UUID> touchpoints = new ArrayList<>(stageOf.keySet());
        for (int i = 0; i < OPPORTUNITIES; i++) {
            String opportunity = service.api().post(service.path("/journeys/" + journeyId + "/opportunities"),
                    Api.object("title", "Kans " + i, "description", "Minder uitval bij stap " + i, "touchpointIds",
                            List.of(touchpoints.get(i).toString(), touchpoints.get(i + 1).toString()))).json()
                    .path("id").asString();
            for (int j = 0; j < 2; j++) {
                service.api().post(service.path("/opportunities/" + opportunity + "/solutions"),
                        Api.object("title", "Oplossing " + i + "." + j));
            }
        }
    }
}
