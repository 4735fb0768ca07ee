package com.journeyassistant.model;

/**
 * How long the current thread has spent in calls to the model (waits for the rate limits and
 * retries included), so that a caller can tell its own time from the model's.
 */
public final class ModelTime {

    private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[1]);

    private ModelTime() {
    }

    static void add(long nanos) {
        SPENT.get()[0] += nanos;
    }

    /** Nanoseconds this thread has spent waiting for the model, since it started. */
    public static long onThisThread() {
        return SPENT.get()[0];
    }
}
