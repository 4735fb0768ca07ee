package com.journeyassistant.experiments;

/** Sample sizes for other modules (generation plans experiments with them). */
public final class ExperimentMath {

    private ExperimentMath() {
    }

    /**
     * Visitors per arm for a two-sided two-proportion test (R's power.prop.test), each of
     * {@code variants} compared with the control at alpha / variants; rounded up.
     */
    /** A test that would run longer than this is no plan: its duration is left out or refused. */
    public static final long MAX_DAYS = 36_500;

    /** Days to reach {@code total} visitors at {@code dailyTraffic} a day, or null past {@link #MAX_DAYS}. */
    public static Long durationDays(long total, double dailyTraffic) {
        double days = Math.ceil(total / dailyTraffic);
        return dailyTraffic > 0 && days <= MAX_DAYS ? (long) days : null;
    }

    public static long sampleSizePerArm(double baselineRate, double targetRate, double alpha, double power, int variants) {
        return (long) Math.ceil(Statistics.sampleSizeProportions(baselineRate, targetRate, alpha / variants, power) - 1e-9);
    }
}
