package com.journeyassistant.eval;

import java.util.List;
import java.util.Map;

/** What a run measured. */
final class Results {

    private Results() {
    }

    /** One case: whether it met its expectations, and why not. */
    record CaseResult(String section, String id, boolean passed, String detail, double millis, int tokens) {
    }

    record SectionResult(String kind, Map<String, Double> metrics, List<CaseResult> cases) {
    }

    record ThresholdResult(String metric, Double value, String bound, boolean passed) {
    }

    record SuiteResult(String suite, String mode, String model, String startedAt, double seconds,
                       Map<String, Double> metrics, List<ThresholdResult> thresholds, List<CaseResult> cases) {
        boolean passed() {
            return thresholds.stream().allMatch(ThresholdResult::passed);
        }
    }

    static double p95(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.95) - 1));
    }

    static double share(long part, long whole) {
        return whole == 0 ? 1.0 : (double) part / whole;
    }
}
