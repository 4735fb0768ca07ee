package com.journeyassistant.eval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.journeyassistant.eval.Results.SuiteResult;
import com.journeyassistant.support.FakeChatModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live mode end to end, with WireMock standing in for the provider: the runner passes the
 * service's calls on to it (and keeps them for the PII check), holds what comes back to the same
 * checks, asks the graders, and reports tokens and cost.
 */
class EvalLiveModeTest {

    private static final String COPY = """
            {"variants": [{"angle": "Zekerheid", "fields": {"subject": "Je bestelling is binnen, dit gebeurt er nu",
             "preheader": "We laten je weten wanneer de bezorger komt.",
             "body": "Je betaling is gelukt en we vertellen je wat er nu gebeurt. Let op! Geld lenen kost geld.",
             "cta": "Bekijk je bestelling"}, "citations": ["F1"]}]}""";

    @Test
    void aLiveRunSendsTheServicesCallsToTheProviderAndGradesWhatCameBack() throws Exception {
        WireMockServer provider = new WireMockServer(options().dynamicPort());
        provider.start();
        try {
            provider.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).atPriority(5).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody(FakeChatModel.completion(COPY, 1000, 200))));
            provider.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.stream", equalTo("true"))).willReturn(aResponse()
                            .withHeader("Content-Type", "text/event-stream")
                            .withBody(FakeChatModel.streamed("Klanten ", "twijfelen na het betalen."))));
            provider.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.response_format.json_schema.name", equalTo("grade")))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                            FakeChatModel.completion("{\"score\": 4, \"reason\": \"Onderbouwd.\"}", 400, 20))));
            Map<String, String> settings = Map.of("JOURNEY_LLM_BASE_URL", provider.baseUrl() + "/openai/v1",
                    "JOURNEY_LLM_API_KEY", "live-key", "JOURNEY_LLM_MODEL", "provider-model",
                    "EVAL_PRICE_INPUT", "0.15", "EVAL_PRICE_OUTPUT", "0.60");

            SuiteResult result = EvalRunner.run(Path.of("eval"), Path.of("target/eval-reports-live"), List.of("live"),
                    new EvalRunner.Options(true, null, true, settings), System.out).get(0);

            assertThat(result.mode()).isEqualTo("live");
            assertThat(result.model()).isEqualTo("provider-model");
            assertThat(result.thresholds()).allSatisfy(t -> assertThat(t.passed()).as(t.metric() + " = " + t.value()).isTrue());
            var sent = provider.findAll(postRequestedFor(urlEqualTo("/openai/v1/chat/completions")));
            assertThat(sent).isNotEmpty().allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer live-key"));
            assertThat(result.metrics().get("graders.groundedness")).isEqualTo(4.0);
            assertThat(result.metrics().get("graders.unusable")).isZero();
            double input = result.metrics().get("model.inputTokens");
            double output = result.metrics().get("model.outputTokens");
            assertThat(input).isPositive();
            assertThat(result.metrics().get("model.cost")).isCloseTo(input / 1e6 * 0.15 + output / 1e6 * 0.60,
                    org.assertj.core.api.Assertions.within(1e-9));
            assertThat(result.metrics()).doesNotContainKey("generation.expectedOutcome");
        } finally {
            provider.stop();
        }
    }
}
