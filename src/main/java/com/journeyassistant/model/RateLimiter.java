package com.journeyassistant.model;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps this process's calls to the model within the provider's limits instead of finding them
 * with 429s: requests are spaced evenly at the requests-per-minute rate, a token bucket holds
 * the tokens per minute (a call's estimate is corrected by the usage its answer reports), and
 * a semaphore caps the calls in flight. It adapts to what the provider says: a lower
 * {@code x-ratelimit-limit-*} than configured becomes the rate, {@code x-ratelimit-remaining-*}
 * at zero waits for {@code x-ratelimit-reset-*}, and a 429's {@code Retry-After} holds every
 * caller, not only the one that was refused. One limiter serves every worker of the process.
 */
final class RateLimiter {

    /** Even spacing at exactly the limit meets a provider's minute window at its edge; this keeps a margin. */
    static final double PACE = 0.97;
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final Pattern TOTAL_TOKENS = Pattern.compile("\"total_tokens\"\\s*:\\s*(\\d+)");

    /** A reserved call: when it may start, and the tokens reserved for it. */
    record Permit(long startNanos, int tokens) {
    }

    private final int configuredRequests;
    private final int configuredTokens;
    private final Semaphore inFlight;

    private int requestsPerMinute;
    private int tokensPerMinute;
    private long nextRequestAt = Long.MIN_VALUE;
    private long heldUntil = Long.MIN_VALUE;
    private double tokensAvailable;
    private long refilledAt = Long.MIN_VALUE;
    private int shares = 1;

    /** Zero or less means no limit of that kind. */
    RateLimiter(int requestsPerMinute, int tokensPerMinute, int concurrency) {
        this.configuredRequests = requestsPerMinute;
        this.configuredTokens = tokensPerMinute;
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.inFlight = new Semaphore(concurrency > 0 ? concurrency : Integer.MAX_VALUE, true);
        this.tokensAvailable = bucketSize();
    }

    /** Blocks until a call of about {@code tokens} may start, and holds one of the concurrent slots for it. */
    Permit acquire(int tokens) throws InterruptedException {
        inFlight.acquire();
        try {
            Permit permit = reserve(tokens, System.nanoTime());
            sleepUntil(permit.startNanos());
            // a 429 that arrived while this caller slept holds it too; it then queues again, so that the
            // callers held together do not all go at once when the hold ends (its tokens stay reserved)
            while (heldFor(System.nanoTime()) > 0) {
                sleepUntil(reserve(0, System.nanoTime()).startNanos());
            }
            return permit;
        } catch (InterruptedException | RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Ends the call of {@code permit}, learning from its answer's status, headers and body. */
    void release(Permit permit, int status, HttpHeaders headers, String body) {
        try {
            learn(permit, status, headers, body, System.nanoTime());
        } finally {
            inFlight.release();
        }
    }

    /** Ends a call that got no answer. */
    void release(Permit permit) {
        inFlight.release();
    }

    /** The earliest start for a call of {@code tokens} at {@code now}, reserved so that the next caller queues behind it. */
    synchronized Permit reserve(int tokens, long now) {
        refill(now);
        long start = Math.max(now, Math.max(nextRequestAt, heldUntil));
        if (tokensPerMinute > 0) {
            double missing = tokens - tokensAvailable;
            if (missing > 0) {
                start = Math.max(start, now + (long) (missing * MINUTE / (tokensPerMinute * PACE)));
            }
            // the bucket may go below zero: the callers behind this one wait for the debt to refill
            tokensAvailable -= tokens;
        }
        if (requestsPerMinute > 0) {
            nextRequestAt = start + (long) (MINUTE / (requestsPerMinute * PACE));
        }
        return new Permit(start, tokens);
    }

    synchronized void learn(Permit permit, int status, HttpHeaders headers, String body, long now) {
        if (status == 429) {
            Duration wait = headers.firstValue("Retry-After").map(ResilientHttpClient::retryAfter)
                    .orElse(Duration.ofSeconds(1));
            heldUntil = Math.max(heldUntil, now + wait.toNanos());
        }
        // the provider's limit is for the key: this process's share of it
        limit(headers, "requests").filter(l -> l > 0).ifPresent(l -> requestsPerMinute = (int) Math.max(1,
                (configuredRequests > 0 ? Math.min(configuredRequests, l) : Math.min(l, Integer.MAX_VALUE)) / shares));
        limit(headers, "tokens").filter(l -> l > 0).ifPresent(l -> {
            tokensPerMinute = (int) Math.max(1, (configuredTokens > 0 ? Math.min(configuredTokens, l)
                    : Math.min(l, Integer.MAX_VALUE)) / shares);
            tokensAvailable = Math.min(tokensAvailable, bucketSize());
        });
        for (String kind : new String[] {"requests", "tokens"}) {
            if (remaining(headers, kind).filter(r -> r <= 0).isPresent()) {
                headers.firstValue("x-ratelimit-reset-" + kind).map(RateLimiter::resetAfter)
                        .ifPresent(reset -> heldUntil = Math.max(heldUntil, now + reset.toNanos()));
            }
        }
        if (status >= 200 && status < 300 && body != null && tokensPerMinute > 0) {
            Matcher used = TOTAL_TOKENS.matcher(body);
            if (used.find()) {
                // the estimate was only that: give back what was not used, or take what was used beyond it
                tokensAvailable += permit.tokens() - Long.parseLong(used.group(1));
            }
        }
    }

    /** How much longer every caller is held (by a Retry-After or a reset), at {@code now}. */
    synchronized long heldFor(long now) {
        return heldUntil == Long.MIN_VALUE ? 0 : Math.max(0, heldUntil - now);
    }

    /**
     * This process's share when {@code processes} call the provider with the same key: the
     * configured rates divided among them.
     */
    synchronized void share(int processes) {
        int n = Math.max(1, processes);
        if (n == shares) {
            return;
        }
        if (configuredRequests > 0) {
            requestsPerMinute = Math.max(1, configuredRequests / n);
        }
        if (configuredTokens > 0) {
            tokensPerMinute = Math.max(1, configuredTokens / n);
            tokensAvailable = Math.min(tokensAvailable, bucketSize());
        }
        shares = n;
    }

    synchronized int requestsPerMinute() {
        return requestsPerMinute;
    }

    synchronized int tokensPerMinute() {
        return tokensPerMinute;
    }

    private void refill(long now) {
        if (tokensPerMinute <= 0) {
            return;
        }
        if (refilledAt == Long.MIN_VALUE) {
            refilledAt = now;
        } else if (now > refilledAt) {
            tokensAvailable = Math.min(bucketSize(),
                    tokensAvailable + (double) (now - refilledAt) * tokensPerMinute * PACE / MINUTE);
            refilledAt = now;
        }
    }

    /** A sixth of the minute's tokens may be spent at once: a burst, not the whole minute in a second. */
    private double bucketSize() {
        return tokensPerMinute <= 0 ? 0 : tokensPerMinute / 6.0;
    }

    private static Optional<Long> limit(HttpHeaders headers, String kind) {
        return number(headers, "x-ratelimit-limit-" + kind);
    }

    private static Optional<Long> remaining(HttpHeaders headers, String kind) {
        return number(headers, "x-ratelimit-remaining-" + kind);
    }

    private static Optional<Long> number(HttpHeaders headers, String name) {
        try {
            return headers.firstValue(name).map(String::strip).map(Long::parseLong);
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    /** OpenAI writes resets as {@code 6m0s}, {@code 1s}, {@code 20ms}; plain numbers are seconds. */
    static Duration resetAfter(String value) {
        String text = value.strip();
        if (text.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis((long) (Double.parseDouble(text) * 1000));
        }
        Matcher part = DURATION_PART.matcher(text);
        double millis = 0;
        boolean any = false;
        while (part.find()) {
            any = true;
            double amount = Double.parseDouble(part.group(1));
            millis += switch (part.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1000;
                default -> amount;
            };
        }
        return any ? Duration.ofMillis((long) Math.ceil(millis)) : Duration.ofSeconds(1);
    }
}
