package com.journeyassistant.experiments;

import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.ApiProblemException.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * Sample sizes, test durations and A/B read-outs with their checks, for the statistics API and
 * the experiments page alike.
 */
public final class ExperimentCalculator {

    private ExperimentCalculator() {
    }

    /**
     * Proportions: baselineRate and targetRate or minimumDetectableEffect (relative, 0.1 = +10 %).
     * Means: baselineMean, standardDeviation and targetMean or minimumDetectableEffect.
     * With several variants each is compared with the control at alpha / variants (Bonferroni).
     */
    public record SampleSizeRequest(Double baselineRate, Double targetRate, Double baselineMean, Double standardDeviation,
                             Double targetMean, Double minimumDetectableEffect, Double alpha, Double power,
                             Integer variants, Double dailyTraffic) {
    }

    public record SampleSizeResponse(String metric, double baseline, double target, double absoluteEffect,
                              Double relativeEffect, double alpha, double comparisonAlpha, double power, int variants,
                              long sampleSizePerArm, long totalSampleSize, Double dailyTraffic, Long durationDays) {
    }

    /** An arm of a finished test: visitors and conversions for rates, or n, mean and standardDeviation. */
    public record Arm(Long visitors, Long conversions, Long n, Double mean, Double standardDeviation) {
    }

    public record AbResultRequest(Arm control, Arm variant, Double confidence) {
    }

    public record Interval(double lower, double upper) {
    }

    public record AbResultResponse(String metric, String test, double controlValue, double variantValue,
                            double absoluteDifference, double relativeLift, double confidence,
                            Interval confidenceInterval, Interval relativeLiftInterval, double statistic,
                            Double degreesOfFreedom, double pValue, boolean significant) {
    }

    /** Visitors, means and deviations beyond this are no longer figures of a web test, and overflow the arithmetic. */
    static final double MAX_MAGNITUDE = 1e12;
    /** Past this many visitors per arm a difference is too small to test. */
    static final double MAX_PER_ARM = 1e12;

    /** 400 naming each field that is wrong. */
    public static SampleSizeResponse sampleSize(SampleSizeRequest request) {
        List<FieldError> errors = new ArrayList<>();
        bounded(errors, "baselineRate", request.baselineRate());
        bounded(errors, "targetRate", request.targetRate());
        bounded(errors, "baselineMean", request.baselineMean());
        bounded(errors, "standardDeviation", request.standardDeviation());
        bounded(errors, "targetMean", request.targetMean());
        bounded(errors, "minimumDetectableEffect", request.minimumDetectableEffect());
        bounded(errors, "dailyTraffic", request.dailyTraffic());
        double alpha = orDefault(request.alpha(), 0.05);
        double power = orDefault(request.power(), 0.8);
        int variants = request.variants() == null ? 1 : request.variants();
        check(errors, alpha > 0 && alpha < 0.5, "alpha", "must be between 0 and 0.5");
        check(errors, power > 0 && power < 1, "power", "must be between 0 and 1");
        check(errors, power > alpha, "power", "must be greater than alpha");
        check(errors, variants >= 1 && variants <= 20, "variants", "must be from 1 to 20");
        check(errors, request.dailyTraffic() == null || request.dailyTraffic() > 0, "dailyTraffic",
                "must be greater than 0");
        boolean rates = request.baselineRate() != null;
        boolean means = request.baselineMean() != null;
        check(errors, rates || means, "baselineRate", "is required (or baselineMean for a test of means)");
        check(errors, !(rates && means), "baselineMean", "give either baselineRate or baselineMean, not both");
        Double relative = request.minimumDetectableEffect();
        check(errors, relative == null || relative != 0, "minimumDetectableEffect", "must not be 0");
        double baseline = 0;
        double target = 0;
        if (rates && !means) {
            baseline = request.baselineRate();
            check(errors, baseline > 0 && baseline < 1, "baselineRate", "must be between 0 and 1 (exclusive)");
            check(errors, (request.targetRate() == null) != (relative == null), "targetRate",
                    "give either targetRate or minimumDetectableEffect");
            target = request.targetRate() != null ? request.targetRate() : relative == null ? 0 : baseline * (1 + relative);
            check(errors, target > 0 && target < 1, request.targetRate() != null ? "targetRate" : "minimumDetectableEffect",
                    "the target rate must be between 0 and 1 (exclusive)");
            check(errors, target != baseline, "targetRate", "must differ from baselineRate");
        } else if (means && !rates) {
            baseline = request.baselineMean();
            Double sd = request.standardDeviation();
            check(errors, sd != null && sd > 0, "standardDeviation", "is required for means and must be greater than 0");
            check(errors, (request.targetMean() == null) != (relative == null), "targetMean",
                    "give either targetMean or minimumDetectableEffect");
            check(errors, relative == null || baseline != 0, "minimumDetectableEffect",
                    "a relative effect needs a baseline other than 0; give targetMean");
            target = request.targetMean() != null ? request.targetMean() : relative == null ? baseline : baseline * (1 + relative);
            check(errors, target != baseline, "targetMean", "must differ from baselineMean");
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        double comparisonAlpha = alpha / variants;
        double exact = rates ? Statistics.sampleSizeProportions(baseline, target, comparisonAlpha, power)
                : Statistics.sampleSizeMeans(request.standardDeviation(), target - baseline, comparisonAlpha, power);
        String effectField = rates ? (request.targetRate() != null ? "targetRate" : "minimumDetectableEffect")
                : (request.targetMean() != null ? "targetMean" : "minimumDetectableEffect");
        if (!(exact <= MAX_PER_ARM)) {
            throw ApiProblemException.invalid(effectField, "the difference is too small to test: it needs more than "
                    + String.format(java.util.Locale.ROOT, "%.0e", MAX_PER_ARM) + " visitors per arm");
        }
        long perArm = (long) Math.ceil(exact - 1e-9);
        long total = perArm * (variants + 1);
        Long days = request.dailyTraffic() == null ? null : ExperimentMath.durationDays(total, request.dailyTraffic());
        if (request.dailyTraffic() != null && days == null) {
            throw ApiProblemException.invalid("dailyTraffic", "at this traffic the test would run more than "
                    + ExperimentMath.MAX_DAYS + " days");
        }
        return new SampleSizeResponse(rates ? "proportion" : "mean", baseline, target, target - baseline,
                baseline == 0 ? null : (target - baseline) / baseline, alpha, comparisonAlpha, power, variants,
                perArm, total, request.dailyTraffic(), days);
    }

    /** 400 naming each field that is wrong. */
    public static AbResultResponse abResult(AbResultRequest request) {
        List<FieldError> errors = new ArrayList<>();
        double confidence = orDefault(request.confidence(), 0.95);
        check(errors, confidence > 0.5 && confidence < 1, "confidence", "must be between 0.5 and 1");
        check(errors, request.control() != null, "control", "is required");
        check(errors, request.variant() != null, "variant", "is required");
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        for (String arm : List.of("control", "variant")) {
            Arm values = arm.equals("control") ? request.control() : request.variant();
            bounded(errors, arm + ".visitors", values.visitors() == null ? null : values.visitors().doubleValue());
            bounded(errors, arm + ".conversions", values.conversions() == null ? null : values.conversions().doubleValue());
            bounded(errors, arm + ".n", values.n() == null ? null : values.n().doubleValue());
            bounded(errors, arm + ".mean", values.mean());
            bounded(errors, arm + ".standardDeviation", values.standardDeviation());
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        boolean rates = request.control().visitors() != null;
        checkArm(errors, "control", request.control(), rates);
        checkArm(errors, "variant", request.variant(), rates);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        Arm a = request.control();
        Arm b = request.variant();
        Statistics.TestResult result = rates
                ? Statistics.twoProportions(a.visitors(), a.conversions(), b.visitors(), b.conversions(), confidence)
                : Statistics.welch(a.n(), a.mean(), a.standardDeviation(), b.n(), b.mean(), b.standardDeviation(),
                        confidence);
        double control = rates ? (double) a.conversions() / a.visitors() : a.mean();
        double variant = rates ? (double) b.conversions() / b.visitors() : b.mean();
        if (control == 0) {
            throw ApiProblemException.invalid(rates ? "control.conversions" : "control.mean",
                    "the control's value is 0, so a relative lift is undefined");
        }
        double scale = Math.abs(control);
        return new AbResultResponse(rates ? "proportion" : "mean", rates ? "two-proportion z-test" : "Welch t-test",
                control, variant, result.difference(), result.difference() / scale, confidence,
                new Interval(result.lower(), result.upper()),
                new Interval(result.lower() / scale, result.upper() / scale), result.statistic(),
                result.degreesOfFreedom(), result.pValue(), result.pValue() < 1 - confidence);
    }

    private static void checkArm(List<FieldError> errors, String name, Arm arm, boolean rates) {
        if (rates) {
            check(errors, arm.visitors() != null && arm.visitors() > 0, name + ".visitors", "must be greater than 0");
            check(errors, arm.conversions() != null && arm.conversions() >= 0, name + ".conversions",
                    "is required and must not be negative");
            check(errors, arm.visitors() == null || arm.conversions() == null || arm.conversions() <= arm.visitors(),
                    name + ".conversions", "must not exceed visitors");
        } else {
            check(errors, arm.n() != null && arm.n() >= 2, name + ".n",
                    "must be at least 2 (or give visitors and conversions for rates)");
            check(errors, arm.mean() != null, name + ".mean", "is required");
            check(errors, arm.standardDeviation() != null && arm.standardDeviation() > 0, name + ".standardDeviation",
                    "must be greater than 0");
        }
    }

    private static void bounded(List<FieldError> errors, String field, Double value) {
        check(errors, value == null || Math.abs(value) <= MAX_MAGNITUDE, field, "must be between -1e12 and 1e12");
    }

    private static void check(List<FieldError> errors, boolean ok, String field, String message) {
        if (!ok && errors.stream().noneMatch(e -> e.field().equals(field))) {
            errors.add(new FieldError(field, message));
        }
    }

    private static double orDefault(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
