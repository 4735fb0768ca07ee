package com.journeyassistant.web;

import com.journeyassistant.evidence.BenchmarkEvidence;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Users;
import com.journeyassistant.support.BenchmarkService;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long the journey canvas takes to render, run by {@code scripts/benchmark.sh web <back end>
 * N} (not a test): a journey with 60 touchpoints over five stages and N feedback items, a
 * signed-in person, then GET /journeys/{id} 200 times over HTTP on this machine. The first
 * request computes the journey's analytics; later ones find them cached until evidence changes.
 */
public final class WebBenchmark {

    private static final int TOUCHPOINTS = 60;
    private static final int REQUESTS = 200;

    public static void main(String[] args) throws Exception {
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
            long loading = System.nanoTime();
            BenchmarkEvidence.feedback(context, workspace, UUID.fromString(journeyId), stageOf, items);
            service.analyse();
            System.out.printf("loaded %d touchpoints and %d feedback items in %.1f s%n", TOUCHPOINTS, items,
                    (System.nanoTime() - loading) / 1e9);

            String email = "bench@" + slug + ".example";
            context.getBean(Users.class).ensure(workspace, email, "benchmark-password", Role.VIEWER);
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String root = "http://localhost:" + port;
            String login = http.send(HttpRequest.newBuilder(URI.create(root + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on the sign-in page");
            }
            http.send(HttpRequest.newBuilder(URI.create(root + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + email + "&password=benchmark-password&_csrf="
                            + csrf.group(1))).build(), HttpResponse.BodyHandlers.discarding());
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
        }
    }
}
