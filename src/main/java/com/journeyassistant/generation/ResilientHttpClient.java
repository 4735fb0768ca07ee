package com.journeyassistant.generation;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP client under LangChain4j's OpenAI client, carrying our retry policy (LangChain4j's
 * own retries are off): 429 and 5xx are tried again after the wait the server asks for in
 * {@code Retry-After}, or an exponential backoff; other errors are not. Every request has a
 * timeout, and a circuit breaker stops calling a model that keeps failing.
 */
final class ResilientHttpClient implements HttpClient {

    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final ModelSettings settings;
    private final java.net.http.HttpClient client;
    private final HttpClient streaming;
    private final CircuitBreaker breaker;

    ResilientHttpClient(ModelSettings settings, CircuitBreaker breaker) {
        this.settings = settings;
        this.breaker = breaker;
        this.client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.streaming = JdkHttpClient.builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(settings.timeout()).build();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        breaker.beforeCall();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = client.send(jdkRequest(request), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                breaker.failed();
                throw new ModelUnavailableException(ModelUnavailableException.Reason.TIMEOUT, 504,
                        "the model did not answer within " + settings.timeout().toSeconds() + " s");
            } catch (IOException e) {
                if (attempt < settings.maxAttempts()) {
                    pause(backoff(attempt));
                    continue;
                }
                breaker.failed();
                throw new ModelUnavailableException(ModelUnavailableException.Reason.UNREACHABLE, 502,
                        "the model could not be reached (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelUnavailableException(ModelUnavailableException.Reason.UNREACHABLE, 502, "interrupted");
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                breaker.succeeded();
                return SuccessfulHttpResponse.builder().statusCode(status).headers(response.headers().map())
                        .body(response.body()).build();
            }
            boolean retryable = status == 429 || status >= 500;
            if (retryable && attempt < settings.maxAttempts()) {
                pause(wait(response, attempt));
                continue;
            }
            if (retryable) {
                breaker.failed();
                throw new ModelUnavailableException(ModelUnavailableException.Reason.FAILING, status == 429 ? 503 : 502,
                        "the model answered " + status + " " + attempt + " times");
            }
            // 400 (including a context that is too long), 401, 403, 404: asking again will not help
            throw new ModelUnavailableException(ModelUnavailableException.Reason.REJECTED, 502,
                    "the model refused the request with status " + status);
        }
    }

    /**
     * A stream is retried like a call while it has not opened (429 and 5xx, after a backoff);
     * once tokens flow, a failure goes to the listener, since what was streamed cannot be taken back.
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        breaker.beforeCall();
        stream(request, parser, listener, 1);
    }

    private void stream(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener, int attempt) {
        streaming.execute(request, parser, new ServerSentEventListener() {
            private boolean opened;
            private boolean retrying;

            @Override
            public void onOpen(SuccessfulHttpResponse response) {
                opened = true;
                breaker.succeeded();
                listener.onOpen(response);
            }

            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                listener.onEvent(event, context);
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                listener.onEvent(event);
            }

            @Override
            public void onError(Throwable error) {
                if (!opened && error instanceof HttpException http) {
                    int status = http.statusCode();
                    boolean retryable = status == 429 || status >= 500;
                    if (retryable && attempt < settings.maxAttempts()) {
                        retrying = true;
                        CompletableFuture.delayedExecutor(backoff(attempt).toMillis(), TimeUnit.MILLISECONDS)
                                .execute(() -> stream(request, parser, listener, attempt + 1));
                        return;
                    }
                    // the same problems as a call that is not streamed; the body may echo the request, so it is dropped
                    if (retryable) {
                        breaker.failed();
                        listener.onError(new ModelUnavailableException(ModelUnavailableException.Reason.FAILING,
                                status == 429 ? 503 : 502, "the model answered " + status + " " + attempt + " times"));
                    } else {
                        listener.onError(new ModelUnavailableException(ModelUnavailableException.Reason.REJECTED, 502,
                                "the model refused the request with status " + status));
                    }
                    return;
                }
                listener.onError(error);
            }

            @Override
            public void onClose() {
                if (!retrying) {
                    listener.onClose();
                }
            }
        });
    }

    private java.net.http.HttpRequest jdkRequest(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(settings.timeout())
                .method(request.method().name(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    /** Retry-After in seconds or as an HTTP date; otherwise 0.5 s, 1 s, 2 s, … Never more than maxWait. */
    private Duration wait(HttpResponse<String> response, int attempt) {
        Duration wait = response.headers().firstValue("Retry-After").map(ResilientHttpClient::retryAfter)
                .orElse(backoff(attempt));
        return wait.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : wait;
    }

    static Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(Clock.systemUTC().instant(), at);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException unreadable) {
                return Duration.ofSeconds(1);
            }
        }
    }

    private static Duration backoff(int attempt) {
        return Duration.ofMillis(500L << Math.min(attempt - 1, 6));
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException(ModelUnavailableException.Reason.UNREACHABLE, 502, "interrupted");
        }
    }

    /**
     * Opens after {@code threshold} failed calls in a row; while open, calls fail at once. After
     * the cooldown one call is let through: success closes the circuit, failure opens it again.
     */
    static final class CircuitBreaker {
        private final int threshold;
        private final Duration cooldown;
        private final java.time.Clock clock;
        private int failures;
        private Instant openUntil = Instant.MIN;

        CircuitBreaker(int threshold, Duration cooldown, java.time.Clock clock) {
            this.threshold = threshold;
            this.cooldown = cooldown;
            this.clock = clock;
        }

        synchronized void beforeCall() {
            if (failures >= threshold && clock.instant().isBefore(openUntil)) {
                throw new ModelUnavailableException(ModelUnavailableException.Reason.CIRCUIT_OPEN, 503,
                        "the model failed " + failures + " times in a row; calls resume after "
                                + cooldown.toSeconds() + " s");
            }
        }

        synchronized void succeeded() {
            failures = 0;
        }

        synchronized void failed() {
            failures++;
            if (failures >= threshold) {
                openUntil = clock.instant().plus(cooldown);
            }
        }
    }
}
