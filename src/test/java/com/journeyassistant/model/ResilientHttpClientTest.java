package com.journeyassistant.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.journeyassistant.support.FakeChatModel;
import com.journeyassistant.support.MovableClock;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries and the circuit breaker around model calls, against a model service that misbehaves on cue. */
class ResilientHttpClientTest {

    private static final String PATH = "/v1/chat/completions";

    private WireMockServer server;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void start() {
        server = FakeChatModel.startServer();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aRateLimitIsWaitedOutForAsLongAsRetryAfterSays() {
        ResilientHttpClient client = client(3, 5);
        server.stubFor(post(urlPathEqualTo(PATH)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("free").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        server.stubFor(post(urlPathEqualTo(PATH)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withBody("{}")));

        long started = System.nanoTime();
        assertThat(client.execute(request()).statusCode()).isEqualTo(200);

        assertThat((System.nanoTime() - started) / 1e9).as("waited for Retry-After").isGreaterThanOrEqualTo(0.9);
        server.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void serverErrorsAreTriedAgainUpToMaxAttemptsAndBadRequestsNever() {
        ResilientHttpClient client = client(3, 5);
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> client.execute(request())).isInstanceOfSatisfying(ModelUnavailableException.class,
                e -> assertThat(e.getMessage()).contains("503 3 times"));
        server.verify(3, postRequestedFor(urlPathEqualTo(PATH)));

        server.resetAll();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)));
        assertThatThrownBy(() -> client.execute(request())).isInstanceOfSatisfying(ModelUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(ModelUnavailableException.Reason.REJECTED));
        server.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void theBreakerOpensRefusesThenLetsOneTrialCallThroughThatDecidesWhetherItCloses() {
        ResilientHttpClient client = client(1, 2);
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500)));
        failsWith(client, ModelUnavailableException.Reason.FAILING);
        failsWith(client, ModelUnavailableException.Reason.FAILING);
        assertThat(client.state()).isEqualTo(CircuitBreaker.State.OPEN);
        failsWith(client, ModelUnavailableException.Reason.CIRCUIT_OPEN);
        server.verify(2, postRequestedFor(urlPathEqualTo(PATH)));

        clock.advance(Duration.ofSeconds(31));
        failsWith(client, ModelUnavailableException.Reason.FAILING);
        assertThat(client.state()).as("a failed trial call opens it again at once").isEqualTo(CircuitBreaker.State.OPEN);
        failsWith(client, ModelUnavailableException.Reason.CIRCUIT_OPEN);
        server.verify(3, postRequestedFor(urlPathEqualTo(PATH)));

        clock.advance(Duration.ofSeconds(31));
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{}")));
        assertThat(client.execute(request()).statusCode()).isEqualTo(200);
        assertThat(client.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void refusedRequestsDoNotCountAgainstTheModel() {
        ResilientHttpClient client = client(1, 2);
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)));
        for (int call = 0; call < 4; call++) {
            failsWith(client, ModelUnavailableException.Reason.REJECTED);
        }
        assertThat(client.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void callsFromManyThreadsAreSpacedAtTheRequestRateAndARefusalHoldsEveryCaller() throws Exception {
        ResilientHttpClient client = new ResilientHttpClient(new ModelSettings(server.baseUrl() + "/v1", "k",
                "test-model", Duration.ofSeconds(5), null, null, 3, Duration.ofSeconds(5), 50, Duration.ofSeconds(30),
                null, 600, 0, 8), clock);
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{}")));
        client.execute(request());
        server.resetRequests();
        concurrently(4, () -> client.execute(request()));
        List<Long> spaced = arrivals();
        for (int i = 1; i < spaced.size(); i++) {
            assertThat(spaced.get(i) - spaced.get(i - 1)).as("gap before call " + i + " of " + spaced)
                    .isGreaterThanOrEqualTo(60);
        }

        // one call is refused with Retry-After: 1; calls made after that wait it out, then go one by one
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(PATH)).inScenario("refused").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        server.stubFor(post(urlPathEqualTo(PATH)).inScenario("refused").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        Thread refused = new Thread(() -> client.execute(request()));
        refused.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !server.getAllServeEvents().isEmpty());
        Thread.sleep(50);
        concurrently(3, () -> client.execute(request()));
        refused.join(5000);
        List<Long> held = arrivals();
        assertThat(held).hasSize(5);
        assertThat(held.get(1) - held.get(0)).as("every caller waited for Retry-After: " + held)
                .isGreaterThanOrEqualTo(900);
        for (int i = 2; i < held.size(); i++) {
            assertThat(held.get(i) - held.get(i - 1)).as("after the hold, one by one: " + held)
                    .isGreaterThanOrEqualTo(60);
        }
    }

    private static void concurrently(int threads, Runnable call) throws InterruptedException {
        List<Thread> callers = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread caller = new Thread(call);
            callers.add(caller);
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join(10_000);
        }
    }

    private List<Long> arrivals() {
        return server.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().getTime()).sorted()
                .toList();
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        assertThat(ResilientHttpClient.retryAfter("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ResilientHttpClient.retryAfter("-5")).isEqualTo(Duration.ZERO);
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        assertThat(ResilientHttpClient.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(ResilientHttpClient.retryAfter("soon")).isEqualTo(Duration.ofSeconds(1));
    }

    private ResilientHttpClient client(int maxAttempts, int breakerThreshold) {
        return new ResilientHttpClient(new ModelSettings(server.baseUrl() + "/v1", "k", "test-model",
                Duration.ofSeconds(5), null, null, maxAttempts, Duration.ofSeconds(5), breakerThreshold,
                Duration.ofSeconds(30), null, null, null, null), clock);
    }

    private void failsWith(ResilientHttpClient client, ModelUnavailableException.Reason reason) {
        assertThatThrownBy(() -> client.execute(request())).isInstanceOfSatisfying(ModelUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private HttpRequest request() {
        return HttpRequest.builder().method(HttpMethod.POST).url(server.baseUrl() + PATH)
                .addHeader("Content-Type", "application/json").body("{\"model\": \"test-model\"}").build();
    }
}
