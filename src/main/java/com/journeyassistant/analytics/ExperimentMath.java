package com.journeyassistant.analytics;

/** Sample sizes for other modules (generation plans experiments with them). */
public final class ExperimentMath {

    private ExperimentMath() {
    }

    /**
     * Visitors per arm for a two-sided two-proportion test (R's power.prop.test), each of
     * {@code variants} compared with the control at alpha / variants; rounded up.
     */
    public static long sampleSizePerArm(double baselineRate, double targetRate, double alpha, double power, int variants) {
        return (long) Math.ceil(Statistics.sampleSizeProportions(baselineRate, targetRate, alpha / variants, power) - 1e-9);
    }
}
