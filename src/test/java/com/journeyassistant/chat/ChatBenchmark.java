package com.journeyassistant.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.journeyassistant.JourneyAssistantApplication;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Workspaces;
import com.journeyassistant.support.FakeChatModel;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Streaming chat under a model that streams 50 tokens at 20 ms each, run by
 * {@code scripts/benchmark.sh chat <back end> <concurrent conversations>} (not a test).
 * First: how much later than straight from the model the first token reaches a client
 * (sequential requests). Then: that many conversations streaming at once, a few rounds, with
 * errors counted and the heap in use after each round.
 */
public final class ChatBenchmark {

    private static final int TOKENS = 50;
    private static final int SEQUENTIAL = 100;
    private static final int ROUNDS = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int concurrent = Integer.parseInt(args[1]);
        WireMockServer model = new WireMockServer(options().dynamicPort().containerThreads(concurrent * 2 + 20)
                .disableRequestJournal().asynchronousResponseEnabled(true).asynchronousResponseThreads(concurrent * 2 + 10));
        model.start();
        String[] tokens = new String[TOKENS];
        Arrays.setAll(tokens, i -> "woord" + i + " ");
        String body = FakeChatModel.streamed(tokens);
        // one chunk per SSE event (role, 50 tokens, stop, usage, done): about 20 ms apart
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(body)
                .withChunkedDribbleDelay(TOKENS + 4, (TOKENS + 4) * 20)));
        String[] properties = {"--server.port=0", "--journey.demo.enabled=false", "--logging.level.root=WARN",
                "--journey.llm.base-url=" + model.baseUrl() + "/v1", "--journey.llm.model=benchmark-model",
                "--server.tomcat.threads.max=" + (concurrent + 50)};
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JourneyAssistantApplication.class)
                .run(properties)) {
            int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
            Workspaces workspaces = context.getBean(Workspaces.class);
            String slug = "chat-" + UUID.randomUUID().toString().substring(0, 8);
            UUID workspace = workspaces.create(slug, "Trapkracht").id();
            String key = workspaces.issueKey(workspace, "benchmark", Role.VIEWER).secret();
            String base = "http://localhost:" + port + "/api/workspaces/" + slug + "/conversations";

            ExecutorService side = Executors.newSingleThreadExecutor();
            for (int i = 0; i < 10; i++) {
                firstTokenMillis(direct(model));
                streamOnce(base, key, newConversation(base, key), null);
            }
            double[] direct = new double[SEQUENTIAL];
            double[] viaService = new double[SEQUENTIAL];
            for (int i = 0; i < SEQUENTIAL; i++) {
                // the model straight and through the service side by side, so both see the same machine
                Future<Double> straight = side.submit(() -> firstTokenMillis(direct(model)));
                long[] first = new long[1];
                streamOnce(base, key, newConversation(base, key), first);
                viaService[i] = first[0] / 1e6;
                direct[i] = straight.get();
            }
            side.shutdown();
            Arrays.sort(direct);
            Arrays.sort(viaService);
            System.out.printf("first token, %d sequential requests: straight from the model p50 %.1f ms, p95 %.1f ms;"
                            + " through the service p50 %.1f ms, p95 %.1f ms; the service's delay (p95 minus the model's"
                            + " p50) %.1f ms%n", SEQUENTIAL, direct[SEQUENTIAL / 2], direct[SEQUENTIAL * 95 / 100 - 1],
                    viaService[SEQUENTIAL / 2], viaService[SEQUENTIAL * 95 / 100 - 1],
                    viaService[SEQUENTIAL * 95 / 100 - 1] - direct[SEQUENTIAL / 2]);

            List<String> conversations = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                conversations.add(newConversation(base, key));
            }
            ExecutorService clients = Executors.newFixedThreadPool(concurrent);
            for (int round = 1; round <= ROUNDS; round++) {
                AtomicInteger errors = new AtomicInteger();
                long started = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (String conversation : conversations) {
                    running.add(clients.submit(() -> {
                        try {
                            if (!streamOnce(base, key, conversation, null)) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.gc();
                Thread.sleep(500);
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf("round %d: %d conversations streaming at once, %d errors, %.1f s, heap in use after"
                        + " GC %d MB, threads %d%n", round, concurrent, errors.get(), seconds, heap / (1024 * 1024),
                        Thread.activeCount());
            }
            clients.shutdown();
        } finally {
            model.stop();
        }
    }

    private static HttpRequest direct(WireMockServer model) {
        return HttpRequest.newBuilder(URI.create(model.baseUrl() + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    /** Milliseconds until the first token's line arrives. */
    private static double firstTokenMillis(HttpRequest request) throws Exception {
        long started = System.nanoTime();
        try (InputStream body = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            double first = -1;
            for (String line; (line = lines.readLine()) != null; ) {
                if (first < 0 && line.contains("woord0")) {
                    first = (System.nanoTime() - started) / 1e6;
                }
            }
            return first;
        }
    }

    private static String newConversation(String base, String key) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        String json = created.body();
        int at = json.indexOf("\"id\":\"") + 6;
        return json.substring(at, json.indexOf('"', at));
    }

    /**
     * Streams one answer; true when it ended with the final message event holding all 50 words,
     * after token events that streamed them too (the stream guard sends a few words at a time).
     */
    private static boolean streamOnce(String base, String key, String conversation, long[] firstTokenNanos)
            throws Exception {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + conversation + "/messages"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"Waarom haken klanten af bij het betalen?\"}"))
                .build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        int tokens = 0;
        boolean finalMessage = false;
        String event = "";
        StringBuilder streamed = new StringBuilder();
        String message = "";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    event = line.substring(6);
                    if (event.equals("token") && tokens++ == 0 && firstTokenNanos != null) {
                        firstTokenNanos[0] = System.nanoTime() - started;
                    }
                    finalMessage |= event.equals("message");
                } else if (line.startsWith("data:")) {
                    if (event.equals("token")) {
                        streamed.append(line);
                    } else if (event.equals("message")) {
                        message = line;
                    }
                }
            }
        }
        boolean complete = message.contains("woord0 ") && message.contains("woord" + (TOKENS - 1));
        return response.statusCode() == 200 && finalMessage && complete && tokens > 1
                && streamed.indexOf("woord" + (TOKENS - 1)) >= 0;
    }
}
