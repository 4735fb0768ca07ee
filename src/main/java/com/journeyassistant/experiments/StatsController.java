package com.journeyassistant.experiments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Statistics", description = "Sample sizes, test durations and A/B test read-outs, computed exactly")
@RestController
@RequestMapping("/api/stats")
class StatsController {

    @Operation(summary = "Sample size per arm for a two-sided test, and the duration at a daily traffic",
            description = "Proportions use the normal approximation of R's power.prop.test; means the normal "
                    + "approximation with a common standard deviation.")
    @PostMapping("/sample-size")
    ExperimentCalculator.SampleSizeResponse sampleSize(@RequestBody ExperimentCalculator.SampleSizeRequest request) {
        return ExperimentCalculator.sampleSize(request);
    }

    @Operation(summary = "Read out a finished A/B test: lift, confidence interval and p-value",
            description = "Rates: two-proportion z-test (pooled for the p-value, unpooled for the interval). "
                    + "Means: Welch's t-test. confidence defaults to 0.95.")
    @PostMapping("/ab-result")
    ExperimentCalculator.AbResultResponse abResult(@RequestBody ExperimentCalculator.AbResultRequest request) {
        return ExperimentCalculator.abResult(request);
    }
}
