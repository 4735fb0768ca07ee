package com.journeyassistant.web;

import com.journeyassistant.JourneyAssistantApplication;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Users;
import com.journeyassistant.platform.Workspaces;
import com.journeyassistant.support.Api;
import com.journeyassistant.support.Browser;
import com.journeyassistant.support.FakeChatModel;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How soon the chat page shows what the model streams, run by {@code scripts/benchmark.sh
 * chat-page <back end> <turns>} (not a test). A model on this machine streams 40 words, 20 ms
 * apart, and notes when it sent the first; a headless Chromium notes (MutationObserver, same
 * clock) when the first words appear in the answer. The service holds each word until the
 * output policy has seen the few after it, so the figure includes that look-ahead.
 */
public final class ChatPageBenchmark {

    private static final int WORDS = 40;
    private static final int WORD_GAP_MILLIS = 20;
    private static final String WATCH = """
            window.firstWords = null;
            new MutationObserver(function () {
                var text = document.querySelector('.message.assistant.streaming .text');
                if (window.firstWords === null && text && text.textContent.length > 0) {
                    window.firstWords = performance.timeOrigin + performance.now();
                }
            }).observe(document.getElementById('messages'), {subtree: true, childList: true, characterData: true});
            """;

    public static void main(String[] args) throws Exception {
        int turns = Integer.parseInt(args[1]);
        AtomicLong firstSentMicros = new AtomicLong();
        HttpServer model = streamingModel(firstSentMicros);
        model.start();
        String[] properties = {"--server.port=0", "--journey.demo.enabled=false", "--logging.level.root=WARN",
                "--journey.llm.base-url=http://localhost:" + model.getAddress().getPort() + "/v1",
                "--journey.llm.model=benchmark-model", "--journey.llm.api-key=benchmark"};
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JourneyAssistantApplication.class)
                .run(properties); Browser browser = new Browser(
                context.getEnvironment().getProperty("local.server.port", Integer.class))) {
            int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
            Workspaces workspaces = context.getBean(Workspaces.class);
            String slug = "chat-page-" + UUID.randomUUID().toString().substring(0, 8);
            UUID workspace = workspaces.create(slug, "Trapkracht").id();
            Api api = new Api(port, workspaces.issueKey(workspace, "benchmark", Role.EDITOR).secret());
            String journeyId = api.post("/api/workspaces/" + slug + "/journeys", Api.object("name", "Webshop"))
                    .json().path("id").asString();
            context.getBean(Users.class).ensure(workspace, "bench@" + slug + ".example", "benchmark-password",
                    Role.VIEWER);
            browser.open("/login?lang=en");
            browser.find("#username").sendKeys("bench@" + slug + ".example");
            browser.find("#password").sendKeys("benchmark-password");
            browser.find("form button[type=submit]").click();
            browser.awaitPath("/journeys");

            int warmUp = 5;
            double[] delays = new double[turns];
            for (int turn = -warmUp; turn < turns; turn++) {
                if ((turn + warmUp) % 10 == 0) {
                    browser.open("/journeys/" + journeyId + "/chat");
                    // a new conversation every ten turns keeps the model's context small, as people's chats are
                    browser.submit(".threads form button");
                    browser.awaitPath("/journeys/" + journeyId + "/chat/");
                }
                ChromeDriver driver = (ChromeDriver) browser.driver();
                driver.executeScript(WATCH);
                browser.find("#content").sendKeys("Waar lopen klanten vast? Vraag " + turn);
                browser.find("form.ask button[type=submit]").click();
                new WebDriverWait(driver, Duration.ofSeconds(20)).until(d ->
                        browser.all(".message.assistant.streaming").isEmpty()
                                && !browser.all(".message.assistant").isEmpty());
                Object shown = driver.executeScript("return window.firstWords;");
                if (shown == null) {
                    throw new IllegalStateException("turn " + turn + ": no words appeared while the answer streamed");
                }
                double delay = ((Number) shown).doubleValue() - firstSentMicros.get() / 1000.0;
                if (turn >= 0) {
                    delays[turn] = delay;
                }
            }
            Arrays.sort(delays);
            System.out.printf("chat page, %d turns: the first words appear p50 %.1f ms, p95 %.1f ms, max %.1f ms after"
                            + " the model sent them (words %d ms apart; the output policy looks %d words ahead)%n",
                    turns, delays[turns / 2], delays[Math.max(0, (int) Math.ceil(turns * 0.95) - 1)],
                    delays[turns - 1], WORD_GAP_MILLIS, 3);
        } finally {
            model.stop(0);
        }
    }

    /** An OpenAI-compatible endpoint streaming {@value #WORDS} words; notes when the first word went out. */
    private static HttpServer streamingModel(AtomicLong firstSentMicros) throws Exception {
        String[] words = new String[WORDS];
        Arrays.setAll(words, i -> "woord" + i + " ");
        String[] events = FakeChatModel.streamed(words).split("(?<=\n\n)");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < events.length; i++) {
                    if (i == 1) {
                        firstSentMicros.set(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
                    }
                    out.write(events[i].getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (i >= 1 && i <= WORDS) {
                        Thread.sleep(WORD_GAP_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return server;
    }
}
