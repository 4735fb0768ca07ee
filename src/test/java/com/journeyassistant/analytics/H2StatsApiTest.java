package com.journeyassistant.analytics;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statistics API against the reference cases in eval/datasets/statistics.jsonl, computed
 * independently by scripts/statistics-references.py. Stateless, so one back end suffices.
 */
@H2Backend
class H2StatsApiTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double TOLERANCE = 0.005;

    @Test
    void everyReferenceCaseIsMatchedWithinHalfAPercent() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("eval/datasets/statistics.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(15);
        for (String line : lines) {
            JsonNode reference = JSON.readTree(line);
            String id = reference.path("id").asString();
            Response response = ws.viewer().post("/api/stats/" + reference.path("endpoint").asString(),
                    JSON.treeToValue(reference.path("request"), Object.class));
            assertThat(response.status()).as("%s: %s", id, response).isEqualTo(200);
            JsonNode actual = response.json();
            JsonNode expected = reference.path("expected");
            if (expected.has("sampleSizePerArm")) {
                assertThat(actual.path("sampleSizePerArm").asLong()).as(id)
                        .isCloseTo(expected.path("sampleSizePerArm").asLong(),
                                within(Math.max(1L, Math.round(expected.path("exactSampleSizePerArm").asDouble() * TOLERANCE))));
            }
            if (expected.has("durationDays")) {
                assertThat(actual.path("durationDays").asLong()).as(id).isEqualTo(expected.path("durationDays").asLong());
            }
            for (String field : List.of("relativeLift", "absoluteDifference", "pValue", "degreesOfFreedom")) {
                if (expected.has(field)) {
                    assertClose(id + " " + field, actual.path(field).asDouble(), expected.path(field).asDouble());
                }
            }
            if (expected.has("confidenceInterval")) {
                assertClose(id + " lower", actual.path("confidenceInterval").path("lower").asDouble(),
                        expected.path("confidenceInterval").get(0).asDouble());
                assertClose(id + " upper", actual.path("confidenceInterval").path("upper").asDouble(),
                        expected.path("confidenceInterval").get(1).asDouble());
            }
        }
    }

    @Test
    void aTestThatCannotBeSignificantSaysSoAndOneThatIsSaysSoToo() {
        JsonNode clear = ws.viewer().post("/api/stats/ab-result", object(
                "control", object("visitors", 10000, "conversions", 1000),
                "variant", object("visitors", 10000, "conversions", 1150))).json();
        assertThat(clear.path("significant").asBoolean()).isTrue();
        assertThat(clear.path("relativeLift").asDouble()).isCloseTo(0.15, within(1e-9));
        JsonNode unclear = ws.viewer().post("/api/stats/ab-result", object(
                "control", object("visitors", 500, "conversions", 60),
                "variant", object("visitors", 480, "conversions", 55))).json();
        assertThat(unclear.path("significant").asBoolean()).isFalse();
        assertThat(unclear.path("confidenceInterval").path("lower").asDouble()).isNegative();
        assertThat(unclear.path("confidenceInterval").path("upper").asDouble()).isPositive();
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        assertInvalid("/api/stats/sample-size", object("baselineRate", 1.2, "targetRate", 0.1), "baselineRate");
        assertInvalid("/api/stats/sample-size", object("baselineRate", 0.1, "targetRate", 0), "targetRate");
        assertInvalid("/api/stats/sample-size", object("baselineRate", 0.1, "targetRate", 0.12, "alpha", 0.3,
                "power", 0.2), "power");
        assertInvalid("/api/stats/sample-size", object("baselineRate", 0.1, "targetRate", 0.12, "dailyTraffic", 0),
                "dailyTraffic");
        assertInvalid("/api/stats/sample-size", object("baselineRate", 0.1), "targetRate");
        assertInvalid("/api/stats/sample-size", object("targetRate", 0.1), "baselineRate");
        assertInvalid("/api/stats/sample-size", object("baselineMean", 10, "targetMean", 11), "standardDeviation");
        assertInvalid("/api/stats/ab-result", object("control", object("visitors", 100, "conversions", 120),
                "variant", object("visitors", 100, "conversions", 10)), "control.conversions");
        assertInvalid("/api/stats/ab-result", object("control", object("visitors", 100, "conversions", 12)), "variant");
        assertInvalid("/api/stats/ab-result", object("control", object("n", 1, "mean", 3, "standardDeviation", 1),
                "variant", object("n", 10, "mean", 3, "standardDeviation", 0)), "control.n");
        // numbers that would overflow the arithmetic are refused, not answered with a day count of 2^63 - 1
        assertInvalid("/api/stats/sample-size", object("baselineRate", 0.1, "minimumDetectableEffect", 0.1,
                "dailyTraffic", 1e-300), "dailyTraffic");
        assertInvalid("/api/stats/sample-size", object("baselineRate", 0.5, "targetRate", 0.50000000001), "targetRate");
        assertInvalid("/api/stats/sample-size", object("baselineMean", 1e300, "standardDeviation", 1e300,
                "targetMean", 1), "baselineMean");
        assertInvalid("/api/stats/sample-size", object("baselineRate", 0.1, "targetRate", 0.12, "variants", "2"),
                "variants");
        assertInvalid("/api/stats/ab-result", object("control", object("n", 10, "mean", 1e200, "standardDeviation", 1),
                "variant", object("n", 10, "mean", 3, "standardDeviation", 1)), "control.mean");
        Response unknownField = ws.viewer().post("/api/stats/sample-size", object("baselineRat", 0.1));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(ws.viewer().post("/api/stats/sample-size", object("baselineRate", 0.1, "targetRate", 0.12))
                .status()).as("a read-only key may compute").isEqualTo(200);
    }

    private void assertInvalid(String path, Object body, String field) {
        Response response = ws.viewer().post(path, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemFields()).as(response.toString()).contains(field);
    }

    private static void assertClose(String what, double actual, double expected) {
        assertThat(actual).as(what).isCloseTo(expected, within(Math.max(1e-9, Math.abs(expected) * TOLERANCE)));
    }
}
