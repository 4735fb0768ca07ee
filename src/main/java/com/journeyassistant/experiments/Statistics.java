package com.journeyassistant.experiments;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The statistics behind experiment planning and read-outs: sample sizes (as R's
 * power.prop.test), the two-proportion z-test and Welch's t-test. The normal and Student's t
 * distributions come from Apache Commons Statistics.
 */
public final class Statistics {

    private Statistics() {
    }

    // ------------------------------------------------------------------ sample sizes

    /**
     * Sample size per arm of a two-sided test of two proportions: the normal approximation used
     * by R's {@code power.prop.test}. Not rounded up.
     */
    static double sampleSizeProportions(double p1, double p2, double alpha, double power) {
        double za = normalQuantile(1 - alpha / 2);
        double zb = normalQuantile(power);
        double pooled = za * Math.sqrt((p1 + p2) * (2 - p1 - p2) / 2);
        double separate = zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        double n = (pooled + separate) / Math.abs(p1 - p2);
        return n * n;
    }

    /** Sample size per arm of a two-sided test of two means with a common standard deviation (normal approximation). */
    static double sampleSizeMeans(double standardDeviation, double difference, double alpha, double power) {
        double z = (normalQuantile(1 - alpha / 2) + normalQuantile(power)) * standardDeviation / difference;
        return 2 * z * z;
    }

    // ------------------------------------------------------------------ tests

    public record TestResult(double difference, double lower, double upper, double statistic, Double degreesOfFreedom,
                      double pValue) {
    }

    /** Two-proportion z-test: pooled standard error for the p-value, unpooled for the interval. */
    public static TestResult twoProportions(long n1, long c1, long n2, long c2, double confidence) {
        double p1 = (double) c1 / n1;
        double p2 = (double) c2 / n2;
        double pooled = (double) (c1 + c2) / (n1 + n2);
        double pooledError = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double z = pooledError == 0 ? 0 : (p2 - p1) / pooledError;
        double error = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        double margin = normalQuantile(1 - (1 - confidence) / 2) * error;
        return new TestResult(p2 - p1, p2 - p1 - margin, p2 - p1 + margin, z, null,
                pooledError == 0 ? 1 : 2 * normalCdf(-Math.abs(z)));
    }

    /** Welch's t-test for two means with unequal variances. */
    static TestResult welch(long n1, double m1, double s1, long n2, double m2, double s2, double confidence) {
        double v1 = s1 * s1 / n1;
        double v2 = s2 * s2 / n2;
        double error = Math.sqrt(v1 + v2);
        double t = (m2 - m1) / error;
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        double margin = tQuantile(1 - (1 - confidence) / 2, df) * error;
        return new TestResult(m2 - m1, m2 - m1 - margin, m2 - m1 + margin, t, df, tTwoSidedP(t, df));
    }

    // ------------------------------------------------------------------ distributions (Apache Commons Statistics)

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    static double normalCdf(double x) {
        return STANDARD_NORMAL.cumulativeProbability(x);
    }

    static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1)");
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /** Two-sided p-value of Student's t with {@code df} degrees of freedom (which need not be whole: Welch). */
    static double tTwoSidedP(double t, double df) {
        return 2 * TDistribution.of(df).survivalProbability(Math.abs(t));
    }

    static double tQuantile(double p, double df) {
        return TDistribution.of(df).inverseCumulativeProbability(p);
    }
}
