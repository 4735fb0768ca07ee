package com.journeyassistant.evidence;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.FakeEmbeddingService;
import com.journeyassistant.support.H2Backend;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Embeddings from a remote OpenAI-compatible endpoint, played by WireMock speaking the real
 * protocol: the happy path, rate limits and server errors that pass, and failures that do not
 * (errors, timeouts, malformed bodies, vectors of the wrong size), which leave items pending
 * and make search answer 503 instead of guessing.
 */
@H2Backend
class H2RemoteEmbeddingTest extends ApiTest {

    private static final String PATH = "/v1/embeddings";
    private static final WireMockServer service = new WireMockServer(options().dynamicPort()
            .extensions(new FakeEmbeddingService(384)));

    static {
        service.start();
    }

    @DynamicPropertySource
    static void remoteEmbeddings(DynamicPropertyRegistry registry) {
        registry.add("journey.embedding.base-url", () -> service.baseUrl() + "/v1");
        registry.add("journey.embedding.api-key", () -> "test-embedding-key");
        registry.add("journey.embedding.model", () -> "test-embedder");
        registry.add("journey.embedding.timeout", () -> "PT1S");
        registry.add("journey.embedding.max-retries", () -> "1");
        registry.add("journey.evidence.index-poll-interval", () -> "PT0.3S");
        registry.add("journey.demo.enabled", () -> "false");
    }

    @AfterAll
    static void stop() {
        service.stop();
    }

    @BeforeEach
    void workingService() {
        service.resetAll();
        service.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withTransformers(FakeEmbeddingService.NAME)));
    }

    @Test
    void evidenceIsEmbeddedRemotelyRedactedAndSearchable() throws Exception {
        upload("text;csat\nDe accu was na een week leeg;1\nBezorging ging snel;5\nMail me op jan@example.nl;3\n");

        ws.awaitEvidenceIndexed();

        JsonNode status = ws.viewer().get(ws.path("/evidence/index")).json();
        assertThat(status.path("model").asString()).isEqualTo("remote/test-embedder");
        assertThat(status.path("indexed").asInt()).isEqualTo(3);
        JsonNode hits = ws.viewer().get(ws.path("/evidence/search?q=accu%20leeg&mode=vector")).json();
        assertThat(hits.get(0).path("snippet").asString()).isEqualTo("De accu was na een week leeg");
        List<LoggedRequest> requests = service.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(requests).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer test-embedding-key");
            assertThat(request.getBodyAsString()).contains("\"test-embedder\"").doesNotContain("jan@example.nl");
        });
        assertThat(requests.stream().map(LoggedRequest::getBodyAsString)).anyMatch(body -> body.contains("[EMAIL]"));
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedUntilEverythingIsIndexed() throws Exception {
        service.resetAll();
        service.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withBody("{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\"}}"))
                .willSetStateTo("overloaded"));
        service.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("overloaded")
                .willReturn(aResponse().withStatus(503).withBody("{\"error\": {\"message\": \"overloaded\"}}"))
                .willSetStateTo("recovered"));
        service.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withTransformers(FakeEmbeddingService.NAME)));

        upload("text\nEen\nTwee\n");
        ws.awaitEvidenceIndexed();

        assertThat(ws.viewer().get(ws.path("/evidence/index")).json().path("indexed").asInt()).isEqualTo(2);
        assertThat(service.findAll(postRequestedFor(urlEqualTo(PATH))).size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aFailingServiceLeavesItemsPendingWithTheReasonAndSearchAnswers503() throws Exception {
        service.resetAll();
        service.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("{\"error\": {}}")));

        upload("text\nDe accu is leeg\n");
        JsonNode status = awaitLastError();

        assertThat(status.path("pending").asInt()).isEqualTo(1);
        assertThat(status.path("lastError").asString()).contains("embedding service failed");
        assertSearchUnavailable();
    }

    @Test
    void itemsWaitingToBeEmbeddedAreFoundByTheirWordsAndTheAnswerSaysTheIndexIsIncomplete(CapturedOutput output)
            throws Exception {
        service.resetAll();
        // the items' own embedding fails, a query's works: they wait, as they do while a large import is embedded
        service.stubFor(post(urlEqualTo(PATH)).atPriority(1).withRequestBody(containing("week"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {}}")));
        service.stubFor(post(urlEqualTo(PATH)).atPriority(5)
                .willReturn(aResponse().withTransformers(FakeEmbeddingService.NAME)));

        upload("text;csat\nDe accu was na een week leeg;1\nBezorging binnen een week, prima;5\nAndere zaken;3\n");
        awaitLastError();

        Response hybrid = ws.viewer().get(ws.path("/evidence/search?q=accu%20leeg"));
        assertThat(hybrid.status()).as(hybrid.toString()).isEqualTo(200);
        assertThat(hybrid.header("Journey-Index-Pending")).isEqualTo("3");
        assertThat(hybrid.json()).hasSize(1);
        assertThat(hybrid.json().get(0).path("snippet").asString()).isEqualTo("De accu was na een week leeg");
        assertThat(hybrid.json().get(0).path("vectorScore").isNull()).isTrue();

        Response filtered = ws.viewer().get(ws.path("/evidence/search?q=week&mode=text&type=kpi"));
        assertThat(filtered.json()).as("only feedback waits to be found by its words").isEmpty();
        Response text = ws.viewer().get(ws.path("/evidence/search?q=week&mode=text"));
        assertThat(text.json()).hasSize(2);
        // not "accu": the service keeps query vectors, and other tests need that query to be embedded afresh
        Response vector = ws.viewer().get(ws.path("/evidence/search?q=accu%20batterij&mode=vector"));
        assertThat(vector.json()).as("no vector, no vector match").isEmpty();
        assertThat(output.getAll()).contains("items wait (found by their words meanwhile)");

        service.resetAll();
        service.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withTransformers(FakeEmbeddingService.NAME)));
        ws.awaitEvidenceIndexed();
        Response complete = ws.viewer().get(ws.path("/evidence/search?q=accu%20leeg"));
        assertThat(complete.header("Journey-Index-Pending")).isEqualTo("0");
        assertThat(complete.json().get(0).path("snippet").asString()).isEqualTo("De accu was na een week leeg");
        assertThat(complete.json().get(0).path("vectorScore").isNumber()).isTrue();
    }

    @Test
    void aSearchByWordsAloneNeedsNoEmbedding() throws Exception {
        upload("text\nDe accu is leeg\n");
        ws.awaitEvidenceIndexed();
        service.resetAll();
        service.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("{\"error\": {}}")));

        Response text = ws.viewer().get(ws.path("/evidence/search?q=accu&mode=text"));
        assertThat(text.status()).as(text.toString()).isEqualTo(200);
        assertThat(text.json().get(0).path("snippet").asString()).isEqualTo("De accu is leeg");
        assertSearchUnavailable();
    }

    @Test
    void timeoutsMalformedBodiesAndWrongDimensionsAreFailuresNotVectors() throws Exception {
        upload("text\nDe accu is leeg\n");
        ws.awaitEvidenceIndexed();

        service.resetAll();
        service.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFixedDelay(3000)
                .withTransformers(FakeEmbeddingService.NAME)));
        long started = System.nanoTime();
        assertSearchUnavailable();
        assertThat((System.nanoTime() - started) / 1e9).as("gives up after the timeout and one retry").isLessThan(6);

        service.resetAll();
        service.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": [{\"embedding\": ")));
        assertSearchUnavailable();

        service.resetAll();
        service.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("input")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"object": "list", "model": "test-embedder", "usage": {"prompt_tokens": 1, "total_tokens": 1},
                         "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2, 0.3]}]}""")));
        Response wrongSize = ws.viewer().get(ws.path("/evidence/search?q=accu"));
        assertThat(wrongSize.status()).isEqualTo(503);
        assertThat(wrongSize.json().path("detail").asString()).contains("3 dimensions");

        upload("text\nNog een item\n");
        JsonNode status = awaitLastError();
        assertThat(status.path("lastError").asString()).contains("3 dimensions");
        assertThat(jdbc.sql("select count(*) from evidence_index where workspace_id = ?").param(ws.id())
                .query(Integer.class).single()).as("nothing of the wrong size is stored").isEqualTo(1);
        service.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer test-embedding-key")));
    }

    @Test
    void errorBodiesThatEchoTheTextsNeverReachTheLogs(CapturedOutput output) throws Exception {
        service.resetAll();
        service.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500)
                .withTransformers("response-template")
                .withBody("{\"error\": {\"message\": \"cannot embed {{jsonPath request.body '$.input'}}\"}}")));
        String marker = "Klantverhaal-" + java.util.UUID.randomUUID();

        upload("text\n" + marker + "\n");
        awaitLastError();
        Response search = ws.viewer().get(ws.path("/evidence/search?q=" + marker));

        assertThat(search.status()).isEqualTo(503);
        assertThat(service.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString()).contains(marker);
        assertThat(output.getAll()).doesNotContain(marker);
        assertThat(search.toString()).doesNotContain(marker);
    }

    private void assertSearchUnavailable() {
        Response search = ws.viewer().get(ws.path("/evidence/search?q=accu"));
        assertThat(search.status()).as(search.toString()).isEqualTo(503);
        assertThat(search.contentType()).startsWith("application/problem+json");
        assertThat(search.json().path("title").asString()).isEqualTo("Embedding service unavailable");
    }

    private JsonNode awaitLastError() {
        return org.awaitility.Awaitility.await("an indexing error is reported").atMost(java.time.Duration.ofSeconds(30))
                .pollDelay(java.time.Duration.ZERO).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> ws.viewer().get(ws.path("/evidence/index")).json(),
                        status -> status.path("lastError").isString());
    }

    private void upload(String csv) {
        Response response = ws.editor().postRaw(ws.path("/evidence/feedback"), csv, "text/csv");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
