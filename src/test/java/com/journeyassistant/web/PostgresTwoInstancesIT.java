package com.journeyassistant.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Users;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.Browser;
import com.journeyassistant.support.FakeChatModel;
import com.journeyassistant.support.PostgresBackend;
import com.journeyassistant.support.RoundRobinProxy;
import com.journeyassistant.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Two instances of the service on one PostgreSQL behind a load balancer that sends each request
 * to the next instance in turn, and a person in a real headless Chromium working through it:
 * signing in, an upload checked on one instance and imported on the other, a chat answer
 * streamed by the instance that did not take the message, a batch previewed on one and started
 * on the other. Nothing a person starts may live in one instance's memory.
 */
@PostgresBackend
class PostgresTwoInstancesIT extends ApiTest {

    private static final String PATH = "/v1/chat/completions";
    private static final WireMockServer model = FakeChatModel.startServer();

    @Autowired
    Users users;
    @Autowired
    Environment environment;

    @AfterAll
    static void stopTheModel() {
        model.stop();
    }

    @Test
    void aPersonSignsInUploadsChatsAndStartsABatchThroughTwoInstances() throws Exception {
        String journeyId = ws.editor().post(ws.path("/journeys"), object("name", "Webshop", "language", "nl")).json()
                .path("id").asString();
        String stageId = ws.viewer().get(ws.path("/journeys/" + journeyId + "/stages")).json().get(0).path("id")
                .asString();
        ws.editor().post(ws.path("/journeys/" + journeyId + "/touchpoints"), object("stageId", stageId,
                "name", "Orderbevestiging", "channel", "EMAIL"));
        String email = "balanced@" + ws.slug() + ".example";
        users.ensure(ws.id(), email, "the-balanced-password", Role.EDITOR);
        // the copy job's request names its schema; everything else is the chat, which streams
        model.stubFor(post(urlEqualTo(PATH)).atPriority(10)
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody(FakeChatModel.streamed("De ", "bezorging ", "valt ", "op."))));
        model.stubFor(post(urlEqualTo(PATH)).atPriority(1).withRequestBody(containing("content_variants"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(FakeChatModel.completion(FakeChatModel.json(Map.of("variants", List.of(
                                variant("Zekerheid", "Je bestelling is binnen"), variant("Snelheid", "Morgen al bij je"),
                                variant("Gemak", "Alles geregeld voor je")))), 900, 150))));

        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", environment.getProperty("spring.datasource.url"));
        properties.put("journey.demo.enabled", "false");
        properties.put("journey.llm.base-url", model.baseUrl() + "/v1");
        properties.put("journey.llm.model", "test-model");
        properties.put("journey.llm.api-key", "test-llm-key");
        Path logs = Files.createTempDirectory("two-instances");
        CompletableFuture<ServiceProcess> startingA = CompletableFuture.supplyAsync(() -> start(properties,
                logs.resolve("a.log")));
        CompletableFuture<ServiceProcess> startingB = CompletableFuture.supplyAsync(() -> start(properties,
                logs.resolve("b.log")));
        try (ServiceProcess a = startingA.join(); ServiceProcess b = startingB.join();
             RoundRobinProxy proxy = RoundRobinProxy.start(a.port(), b.port());
             Browser browser = new Browser(proxy.port())) {

            browser.open("/login?lang=en");
            browser.find("#username").sendKeys(email);
            browser.find("#password").sendKeys("the-balanced-password");
            browser.find("form button[type=submit]").click();
            assertThat(browser.awaitPath("/journeys")).isEqualTo("/journeys");

            // an upload checked on one instance, imported through the other
            Path file = Files.createTempFile("feedback", ".csv");
            Files.writeString(file, "text;csat;journey_id;stage_id\nDe bezorging was een dag te laat;2;" + journeyId
                    + ";" + stageId + "\nRetourneren ging vlot;5;" + journeyId + ";" + stageId + "\n");
            browser.open("/evidence");
            new org.openqa.selenium.support.ui.Select(browser.find("#kind")).selectByValue("FEEDBACK");
            browser.find("#file").sendKeys(file.toAbsolutePath().toString());
            browser.find(".upload button[type=submit]").click();
            browser.awaitPath("/evidence/upload");
            assertThat(browser.find(".summary").getText()).isEqualTo("2 rows: 2 can be imported, 0 refused.");
            browser.find(".decide-import button[value=false]").click();
            browser.awaitPath("/evidence");
            assertThat(browser.find("[role=status]").getText()).contains("Stored 2 of 2 rows");
            assertThat(differentInstances(proxy, "/evidence/upload", "/evidence/upload/"))
                    .as("the preview and the import reached different instances").isTrue();
            Files.delete(file);

            // a message taken by one instance, its answer streamed by the other
            browser.open("/journeys/" + journeyId + "/chat");
            browser.awaitPath("/journeys/" + journeyId + "/chat/");
            browser.find("#content").sendKeys("Wat valt op?");
            browser.find("form.ask button").click();
            WebElement answer = new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d ->
                    browser.all("#messages .message.assistant").stream()
                            .filter(m -> !m.getAttribute("class").contains("streaming")).findFirst().orElse(null));
            assertThat(answer.getText()).contains("De bezorging valt op.");
            assertThat(differentInstances(proxy, "/messages", "/chat/turns/"))
                    .as("the message and its answer stream reached different instances").isTrue();

            // a batch previewed on one instance and started through the other, on the evidence just imported
            ws.awaitEvidenceIndexed();
            browser.open("/journeys/" + journeyId + "/batches");
            browser.find("form[action$='/batches/preview'] button[type=submit]").click();
            WebElement preview = browser.find("#preview");
            assertThat(preview.getText()).contains("1 cell can run");
            preview.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
            String batchPath = browser.awaitPath("/batches/");
            assertThat(browser.find("h1").getText()).isNotBlank();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(d -> {
                browser.open(batchPath);
                return browser.find(".batch-progress .badge").getText().equals("completed");
            });
            assertThat(browser.find(".results-grid tbody").getText()).contains("Je bestelling is binnen");
            browser.screenshot("two-instances-batch-en");

            List<Integer> instances = proxy.served().stream().map(RoundRobinProxy.Served::instance).distinct().toList();
            assertThat(instances).as("both instances served the person").containsExactlyInAnyOrder(0, 1);
        }
    }

    /** Whether the last request whose path ends as {@code first} and the one after it matching {@code then} went apart. */
    private static boolean differentInstances(RoundRobinProxy proxy, String first, String then) {
        List<RoundRobinProxy.Served> served = proxy.served();
        for (int i = served.size() - 1; i >= 0; i--) {
            RoundRobinProxy.Served earlier = served.get(i);
            if (earlier.method().equals("POST") && earlier.path().endsWith(first)) {
                for (RoundRobinProxy.Served later : served.subList(i + 1, served.size())) {
                    if (later.path().contains(then)) {
                        return later.instance() != earlier.instance();
                    }
                }
            }
        }
        throw new AssertionError("no request " + first + " followed by " + then + " in " + served);
    }

    private static Map<String, Object> variant(String angle, String subject) {
        return Map.of("angle", angle, "fields", Map.of("subject", subject,
                "preheader", "We laten je weten wanneer de bezorger komt.",
                "body", "Je betaling is gelukt. We bevestigen meteen dat je bestelling binnen is.",
                "cta", "Bekijk je bestelling"), "citations", List.of("F1"));
    }

    private static ServiceProcess start(Map<String, String> properties, Path log) {
        try {
            return ServiceProcess.start(properties, log);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
