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
