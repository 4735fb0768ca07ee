package com.journeyassistant.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The limiter's schedule, read off its reservations on a clock of our own (nothing sleeps). */
class RateLimiterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void requestsAreSpacedEvenlyJustBelowTheRateSoNoMinuteWindowHoldsMoreThanTheLimit() {
        RateLimiter limiter = new RateLimiter(600, 0, 0);
        long[] starts = new long[2000];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = limiter.reserve(100, 0).startNanos();
        }
        // every window of one minute, wherever it begins, holds at most 600 starts
        int j = 0;
        int most = 0;
        for (int i = 0; i < starts.length; i++) {
            while (starts[i] - starts[j] >= MINUTE) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        assertThat(most).isLessThanOrEqualTo(600).isGreaterThanOrEqualTo((int) (600 * 0.95));
        assertThat(starts[1] - starts[0]).isEqualTo((long) (MINUTE / (600 * RateLimiter.PACE)));
    }

    @Test
    void tokensBeyondTheBucketWaitForTheRefillAndCallersQueueBehindTheDebt() {
        RateLimiter limiter = new RateLimiter(0, 60_000, 0);
        // the bucket holds a sixth of the minute: 10,000 tokens start at once
        assertThat(limiter.reserve(10_000, 0).startNanos()).isZero();
        long second = limiter.reserve(5_000, 0).startNanos();
        assertThat(second / (double) SECOND).isCloseTo(5.0 / RateLimiter.PACE, org.assertj.core.data.Offset.offset(0.01));
        long third = limiter.reserve(1_000, 0).startNanos();
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void unusedTokensOfAnEstimateAreGivenBackWhenTheAnswerReportsItsUsage() {
        RateLimiter limiter = new RateLimiter(0, 60_000, 0);
        RateLimiter.Permit big = limiter.reserve(10_000, 0);
        limiter.learn(big, 200, headers(Map.of()), "{\"usage\":{\"prompt_tokens\":900,\"total_tokens\":1000}}", 0);
        // 9,000 were not used, so the next 9,000 start at once
        assertThat(limiter.reserve(9_000, 0).startNanos()).isZero();
    }

    @Test
    void aRetryAfterHoldsEveryCallerAndALowerProviderLimitBecomesTheRate() {
        RateLimiter limiter = new RateLimiter(1000, 0, 0);
        RateLimiter.Permit refused = limiter.reserve(10, 0);
        limiter.learn(refused, 429, headers(Map.of("Retry-After", "2", "x-ratelimit-limit-requests", "600")), "", 0);
        assertThat(limiter.requestsPerMinute()).isEqualTo(600);
        assertThat(limiter.reserve(10, SECOND).startNanos()).isEqualTo(2 * SECOND);
        // a limit above the configured one does not raise the rate
        limiter.learn(refused, 200, headers(Map.of("x-ratelimit-limit-requests", "5000")), "", 3 * SECOND);
        assertThat(limiter.requestsPerMinute()).isEqualTo(1000);
    }

    @Test
    void noRequestsRemainingWaitsForTheResetTheProviderNames() {
        RateLimiter limiter = new RateLimiter(0, 0, 0);
        RateLimiter.Permit last = limiter.reserve(10, 0);
        limiter.learn(last, 200, headers(Map.of("x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "1m30s")), "", 0);
        assertThat(limiter.reserve(10, 0).startNanos()).isEqualTo(90 * SECOND);
        assertThat(RateLimiter.resetAfter("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(RateLimiter.resetAfter("20ms")).isEqualTo(Duration.ofMillis(20));
        assertThat(RateLimiter.resetAfter("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(RateLimiter.resetAfter("2")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void noMoreCallsThanTheConcurrencyAreInFlight() throws Exception {
        RateLimiter limiter = new RateLimiter(0, 0, 2);
        RateLimiter.Permit one = limiter.acquire(1);
        limiter.acquire(1);
        Thread third = new Thread(() -> {
            try {
                limiter.acquire(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        third.start();
        third.join(300);
        assertThat(third.isAlive()).as("the third call waits for a slot").isTrue();
        limiter.release(one);
        third.join(2000);
        assertThat(third.isAlive()).isFalse();
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        values.forEach((k, v) -> map.put(k, List.of(v)));
        return HttpHeaders.of(map, (a, b) -> true);
    }
}
