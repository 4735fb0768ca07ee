package com.journeyassistant.model;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP client under LangChain4j's OpenAI client, carrying our retry policy (LangChain4j's
 * own retries are off), on Resilience4j: 429 and 5xx are tried again after the wait the server
 * asks for in {@code Retry-After}, or an exponential backoff; other errors are not. Every request
 * has a timeout, and a circuit breaker stops calling a model that keeps failing: it opens after
 * {@code breakerThreshold} failed calls in a row, refuses calls for the cooldown, then lets one
 * call through (half-open): success closes it, failure opens it again.
 */
final class ResilientHttpClient implements HttpClient {

    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final ModelSettings settings;
    private final java.net.http.HttpClient client;
    private final HttpClient streaming;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final RateLimiter limiter;
    private static final int EXPECTED_ANSWER_TOKENS = 600;

    ResilientHttpClient(ModelSettings settings, Clock clock) {
        this.settings = settings;
        this.breaker = breaker(settings, clock);
        this.limiter = new RateLimiter(settings.requestsPerMinute(), settings.tokensPerMinute(), settings.concurrency());
        this.retry = Retry.of("language-model", RetryConfig.<HttpResponse<String>>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnResult(response -> retryable(response.statusCode()))
                .retryOnException(ResilientHttpClient::retryable)
                .intervalBiFunction((attempt, outcome) -> (outcome.isRight() ? wait(outcome.get(), attempt)
                        : backoff(attempt)).toMillis())
                .failAfterMaxAttempts(false)
                .build());
        this.client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.streaming = JdkHttpClient.builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(settings.timeout()).build();
    }

    /** Opens when the last {@code threshold} calls all failed; slowness alone never counts as failure. */
    private static CircuitBreaker breaker(ModelSettings settings, Clock clock) {
        int threshold = settings.breakerThreshold();
        return CircuitBreaker.of("language-model", CircuitBreakerConfig.custom()
                .slidingWindow(threshold, threshold, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .waitDurationInOpenState(settings.breakerCooldown())
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        permit();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = retry.executeCheckedSupplier(() -> limited(request));
        } catch (HttpTimeoutException e) {
            failed(started, e);
            throw new ModelUnavailableException(ModelUnavailableException.Reason.TIMEOUT, 504,
                    "the model did not answer within " + settings.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            throw new ModelUnavailableException(ModelUnavailableException.Reason.UNREACHABLE, 502, "interrupted");
        } catch (Throwable e) {
            failed(started, e);
            throw new ModelUnavailableException(ModelUnavailableException.Reason.UNREACHABLE, 502,
                    "the model could not be reached (" + e.getClass().getSimpleName() + ")");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return SuccessfulHttpResponse.builder().statusCode(status).headers(response.headers().map())
                    .body(response.body()).build();
        }
        if (retryable(status)) {
            ModelUnavailableException failure = new ModelUnavailableException(ModelUnavailableException.Reason.FAILING,
                    status == 429 ? 503 : 502, "the model answered " + status + " " + settings.maxAttempts() + " times");
            failed(started, failure);
            throw failure;
        }
        // 400 (including a context that is too long), 401, 403, 404: asking again will not help, and the model is up
        breaker.releasePermission();
        throw new ModelUnavailableException(ModelUnavailableException.Reason.REJECTED, 502,
                "the model refused the request with status " + status);
    }

    /** One attempt, started when the rate limits allow it; its answer teaches the limiter the provider's limits. */
    private HttpResponse<String> limited(HttpRequest request) throws IOException, InterruptedException {
        RateLimiter.Permit permit = limiter.acquire(estimatedTokens(request));
        HttpResponse<String> response;
        try {
            response = client.send(jdkRequest(request), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | RuntimeException e) {
            limiter.release(permit);
            throw e;
        }
        limiter.release(permit, response.statusCode(), response.headers(), response.body());
        return response;
    }

    /**
     * What a call will cost in tokens, before it is made: about four characters a token for the
     * request, and the answer's share. The limiter corrects it with the usage the answer reports.
     */
    private int estimatedTokens(HttpRequest request) {
        int body = request.body() == null ? 0 : request.body().length();
        return body / 4 + Math.min(settings.maxTokens(), EXPECTED_ANSWER_TOKENS);
    }

    RateLimiter limiter() {
        return limiter;
    }

    /** A call may start unless the circuit is open (or half-open with its trial call under way). */
    private void permit() {
        try {
            breaker.acquirePermission();
        } catch (CallNotPermittedException e) {
            throw new ModelUnavailableException(ModelUnavailableException.Reason.CIRCUIT_OPEN, 503,
                    "the model failed " + settings.breakerThreshold() + " times in a row; calls resume after "
                            + settings.breakerCooldown().toSeconds() + " s");
        }
    }

    private void failed(long started, Throwable cause) {
        breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, cause);
    }

    private static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    /** A connection that failed is tried again; a request that timed out is not (the model may still be working). */
    private static boolean retryable(Throwable error) {
        return error instanceof IOException && !(error instanceof HttpTimeoutException)
                || error instanceof HttpException http && retryable(http.statusCode());
    }

    /**
     * A stream is retried like a call while it has not opened (429 and 5xx, after a backoff);
     * once tokens flow, a failure goes to the listener, since what was streamed cannot be taken back.
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        permit();
        stream(request, parser, listener, retry.asyncContext(), 1, System.nanoTime());
    }

    private void stream(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener,
                        Retry.AsyncContext<HttpResponse<String>> attempts, int attempt, long started) {
        RateLimiter.Permit permit;
        try {
            permit = limiter.acquire(estimatedTokens(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            listener.onError(new ModelUnavailableException(ModelUnavailableException.Reason.UNREACHABLE, 502,
                    "interrupted"));
            return;
        }
        // a streamed turn holds its slot until the stream opens (or fails): the wait for the first token
        java.util.concurrent.atomic.AtomicBoolean slotHeld = new java.util.concurrent.atomic.AtomicBoolean(true);
        Runnable releaseSlot = () -> {
            if (slotHeld.getAndSet(false)) {
                limiter.release(permit);
            }
        };
        streaming.execute(request, parser, new ServerSentEventListener() {
            private boolean opened;
            private boolean retrying;

            @Override
            public void onOpen(SuccessfulHttpResponse response) {
                if (slotHeld.getAndSet(false)) {
                    limiter.release(permit, response.statusCode(),
                            java.net.http.HttpHeaders.of(response.headers(), (name, value) -> true), null);
                }
                opened = true;
                attempts.onComplete();
                breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
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
                releaseSlot.run();
                if (!opened && error instanceof HttpException http) {
                    int status = http.statusCode();
                    long delay = retryable(status) ? attempts.onError(http) : -1;
                    if (delay >= 0) {
                        retrying = true;
                        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
                                .execute(() -> stream(request, parser, listener, attempts, attempt + 1, started));
                        return;
                    }
                    // the same problems as a call that is not streamed; the body may echo the request, so it is dropped
                    if (retryable(status)) {
                        ModelUnavailableException failure = new ModelUnavailableException(
                                ModelUnavailableException.Reason.FAILING, status == 429 ? 503 : 502,
                                "the model answered " + status + " " + attempt + " times");
                        failed(started, failure);
                        listener.onError(failure);
                    } else {
                        breaker.releasePermission();
                        listener.onError(new ModelUnavailableException(ModelUnavailableException.Reason.REJECTED, 502,
                                "the model refused the request with status " + status));
                    }
                    return;
                }
                if (!opened) {
                    failed(started, error);
                }
                listener.onError(error);
            }

            @Override
            public void onClose() {
                releaseSlot.run();
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
}
