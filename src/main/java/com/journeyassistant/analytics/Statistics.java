package com.journeyassistant.analytics;

/**
 * The statistics behind experiment planning and read-outs, in plain code: the normal and
 * Student t distributions, sample sizes and significance tests.
 */
final class Statistics {

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

    record TestResult(double difference, double lower, double upper, double statistic, Double degreesOfFreedom,
                      double pValue) {
    }

    /** Two-proportion z-test: pooled standard error for the p-value, unpooled for the interval. */
    static TestResult twoProportions(long n1, long c1, long n2, long c2, double confidence) {
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

    // ------------------------------------------------------------------ distributions

    static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /**
     * The standard normal quantile: Acklam's rational approximation, then one Halley step on the
     * CDF, which brings it to within about 1e-11.
     */
    static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1)");
        }
        double x;
        if (p < P_LOW) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else if (p <= 1 - P_LOW) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                    / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        double e = normalCdf(x) - p;
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    private static final double P_LOW = 0.02425;
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758276161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};

    /** The complementary error function: a power series near zero, a continued fraction in the tails. */
    static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 3) {
            double sum = 0;
            double term = x;
            for (int n = 0; n < 200; n++) {
                double contribution = term / (2 * n + 1);
                sum += contribution;
                if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) {
                    break;
                }
                term *= -x * x / (n + 1);
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        // erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))), evaluated with Lentz's method
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 300; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /** Two-sided p-value of Student's t: the regularized incomplete beta function I_{ν/(ν+t²)}(ν/2, 1/2). */
    static double tTwoSidedP(double t, double df) {
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** The quantile of Student's t by bisection on its distribution function. */
    static double tQuantile(double p, double df) {
        double lo = 0;
        double hi = 1;
        while (1 - tTwoSidedP(hi, df) / 2 < p) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (1 - tTwoSidedP(mid, df) / 2 < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        return x < (a + 1) / (a + b + 2) ? front * betaFraction(x, a, b) / a
                : 1 - front * betaFraction(1 - x, b, a) / b;
    }

    /** The continued fraction of the incomplete beta function (modified Lentz). */
    private static double betaFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 500; m++) {
            double numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + numerator * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + numerator / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + numerator * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + numerator / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** The logarithm of the gamma function (Lanczos approximation, g = 7). */
    private static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};
}
