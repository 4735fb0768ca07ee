package com.journeyassistant.eval;

import com.journeyassistant.eval.Results.CaseResult;
import com.journeyassistant.eval.Results.SectionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The statistics API against independently computed reference values: the largest relative error. */
final class StatisticsEval {

    static final double TOLERANCE = 0.005;

    private StatisticsEval() {
    }

    static SectionResult run(EvalEnvironment env, List<JsonNode> cases, Progress progress) {
        List<CaseResult> results = new ArrayList<>();
        double worst = 0;
        int within = 0;
        for (JsonNode c : cases) {
            long started = System.nanoTime();
            var response = env.api.post("/api/stats/" + c.path("endpoint").asString(), c.path("request"));
            double caseWorst = 0;
            StringBuilder detail = new StringBuilder();
            if (response.status() != 200) {
                caseWorst = 1;
                detail.append("status ").append(response.status());
            } else {
                JsonNode answer = response.json();
                for (var expected : c.path("expected").properties()) {
                    // "exactSampleSizePerArm" is the unrounded reference for the answer's (rounded up) sampleSizePerArm
                    String field = expected.getKey().startsWith("exact")
                            ? Character.toLowerCase(expected.getKey().charAt(5)) + expected.getKey().substring(6)
                            : expected.getKey();
                    JsonNode actual = find(answer, field);
                    double error = error(actual, expected.getValue());
                    if (error > TOLERANCE) {
                        detail.append(expected.getKey()).append(' ').append(actual).append(" vs ")
                                .append(expected.getValue()).append("; ");
                    }
                    caseWorst = Math.max(caseWorst, error);
                }
            }
            worst = Math.max(worst, caseWorst);
            within += caseWorst <= TOLERANCE ? 1 : 0;
            results.add(new CaseResult("statistics", c.path("id").asString(), caseWorst <= TOLERANCE,
                    detail.isEmpty() ? String.format("max relative error %.2e", caseWorst) : detail.toString(),
                    (System.nanoTime() - started) / 1e6, 0));
            progress.step("statistics " + c.path("id").asString());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("statistics.maxRelativeError", worst);
        metrics.put("statistics.withinTolerance", Results.share(within, cases.size()));
        return new SectionResult("statistics", metrics, results);
    }

    /** A field anywhere in the answer (results nest their figures). */
    private static JsonNode find(JsonNode answer, String field) {
        List<JsonNode> found = answer.findValues(field);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The largest relative error of a figure, or of the figures in an array or object (a confidence interval). */
    private static double error(JsonNode actual, JsonNode expected) {
        if (actual == null) {
            return 1;
        }
        if (expected.isNumber()) {
            return actual.isNumber() ? relativeError(actual.asDouble(), expected.asDouble()) : 1;
        }
        double worst = 0;
        if (expected.isArray()) {
            // the answer may give an interval as {lower, upper} where the reference lists [lower, upper]
            List<JsonNode> values = actual.valueStream().toList();
            for (int i = 0; i < expected.size(); i++) {
                worst = Math.max(worst, error(i < values.size() ? values.get(i) : null, expected.get(i)));
            }
        } else if (expected.isObject()) {
            for (var field : expected.properties()) {
                worst = Math.max(worst, error(actual.get(field.getKey()), field.getValue()));
            }
        }
        return worst;
    }

    private static double relativeError(double actual, double expected) {
        if (expected == 0) {
            return Math.abs(actual);
        }
        return Math.abs(actual - expected) / Math.abs(expected);
    }
}
