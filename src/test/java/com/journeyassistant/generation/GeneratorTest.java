package com.journeyassistant.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.journeyassistant.model.LanguageModel;
import com.journeyassistant.model.ModelSettings;
import com.journeyassistant.model.MalformedAnswerException;
import com.journeyassistant.model.Prompts;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.support.FakeChatModel;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generate-read-validate-repair loop every job shares, against a model speaking the
 * OpenAI protocol (WireMock) and a test prompt in {@code prompts/generator-test/}.
 */
class GeneratorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonSchema SCHEMA = JsonSchema.builder().name("slogan")
            .rootElement(JsonObjectSchema.builder().addStringProperty("slogan").required("slogan").build()).build();
    private static final Map<String, String> VALUES = Map.of("brandName", "Trapkracht", "topic", "snelle bezorging");

    private WireMockServer server;
    private SimpleMeterRegistry meters;
    private Generator generator;

    @BeforeEach
    void start() {
        server = FakeChatModel.startServer();
        meters = new SimpleMeterRegistry();
        ModelSettings settings = new ModelSettings(server.baseUrl() + "/v1", "test-llm-key", "test-model",
                Duration.ofSeconds(5), null, null, 1, Duration.ZERO, 5, Duration.ofSeconds(30), null, null, null, null);
        generator = new Generator(new LanguageModel(settings, meters, Clock.systemUTC()), new Prompts(), meters);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aValidFirstAnswerIsReadOnceWithItsTokensAndPromptVersion() {
        modelAnswers(completion("{\"slogan\": \"Morgen op je stoep\"}", 120, 9));

        Generator.Generated<String> generated = generate(shorterThan(40));

        assertThat(generated.result()).isEqualTo("Morgen op je stoep");
        assertThat(generated.promptVersion()).isEqualTo("generator-test/v1");
        assertThat(generated.model()).isEqualTo("test-model");
        assertThat(generated.inputTokens()).isEqualTo(120);
        assertThat(generated.outputTokens()).isEqualTo(9);
        server.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        JsonNode request = requestBodies().get(0);
        assertThat(request.path("messages").get(0).path("content").asString()).contains("slogan for Trapkracht");
        assertThat(request.path("messages").get(1).path("content").asString()).contains("about snelle bezorging");
        assertThat(answersCounted("valid")).isEqualTo(1.0);
    }

    @Test
    void aRuleBreakingAnswerGetsOneRepairRoundThatListsEachProblemOnce() {
        String tooLong = "Bestel vandaag en je nieuwe fiets staat morgen al bij je voor de deur";
        modelAnswers(completion("{\"slogan\": \"" + tooLong + "\"}", 100, 20),
                completion("{\"slogan\": \"Morgen al op je stoep\"}", 160, 8));

        Generator.Generated<String> generated = generate(slogan -> List.of(
                "slogan has " + slogan.length() + " characters", "slogan has " + slogan.length() + " characters")
                .subList(0, slogan.length() > 40 ? 2 : 0));

        assertThat(generated.result()).isEqualTo("Morgen al op je stoep");
        assertThat(generated.inputTokens()).isEqualTo(260);
        assertThat(generated.outputTokens()).isEqualTo(28);
        JsonNode repair = requestBodies().get(1).path("messages");
        assertThat(repair).hasSize(4);
        assertThat(repair.get(2).path("role").asString()).isEqualTo("assistant");
        assertThat(repair.get(2).path("content").asString()).contains(tooLong);
        String problems = repair.get(3).path("content").asString();
        assertThat(problems).contains("- slogan has " + tooLong.length() + " characters");
        assertThat(problems.split("slogan has", -1)).as("listed once").hasSize(2);
        assertThat(answersCounted("rules-broken")).isEqualTo(1.0);
        assertThat(answersCounted("valid")).isEqualTo(1.0);
    }

    @Test
    void rulesStillBrokenAfterTheRepairAre422NamingTheFields() {
        modelAnswers(completion("{\"slogan\": \"Veel te lange slogan die maar doorgaat en doorgaat\"}", 10, 10),
                completion("{\"slogan\": \"Nog steeds een veel te lange slogan, helaas\"}", 10, 10));

        assertThatThrownBy(() -> generate(slogan -> List.of("variants[0].slogan has " + slogan.length() + " characters")))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(422);
                    assertThat(e.errors()).extracting(ApiProblemException.FieldError::field)
                            .containsExactly("variants[0].slogan");
                });
        assertThat(answersCounted("rules-broken")).isEqualTo(2.0);
    }

    @Test
    void answersThatAreNotTheRequestedJsonTwiceAre502() {
        modelAnswers(completion("Here is your slogan: Morgen op je stoep", 10, 10), completion("[\"Morgen\"]", 10, 10));

        assertThatThrownBy(() -> generate(shorterThan(40)))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(502);
                    assertThat(e.errors()).extracting(ApiProblemException.FieldError::message)
                            .containsExactly("the answer is not a JSON object");
                });
        assertThat(requestBodies().get(1).path("messages").get(3).path("content").asString())
                .contains("- the answer is not valid JSON");
        assertThat(answersCounted("schema-invalid")).isEqualTo(2.0);
    }

    @Test
    void hiddenCharactersAreStrippedBeforeTheJobReadsTheAnswerAndCounted() {
        modelAnswers(completion("{\"slogan\": \"Morgen\u200b op je\u202e stoep\"}", 10, 10));

        assertThat(generate(shorterThan(40)).result()).isEqualTo("Morgen op je stoep");
        assertThat(meters.counter("journey.output.hidden-characters", "job", "generator-test").count()).isEqualTo(2.0);
    }

    private Generator.Generated<String> generate(java.util.function.Function<String, List<String>> validator) {
        return generator.generate("generator-test", VALUES, SCHEMA, answer -> {
            if (!answer.path("slogan").isString()) {
                throw new MalformedAnswerException("the answer has no slogan");
            }
            return answer.path("slogan").asString();
        }, validator);
    }

    private static java.util.function.Function<String, List<String>> shorterThan(int limit) {
        return slogan -> slogan.length() < limit ? List.of() : List.of("slogan has " + slogan.length() + " characters");
    }

    private static String completion(String content, int in, int out) {
        return FakeChatModel.completion(content, in, out);
    }

    /** The model's answers, in turn. */
    private void modelAnswers(String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            server.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("answers")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer " + i)
                    .willSetStateTo("answer " + (i + 1))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(bodies[i])));
        }
    }

    private List<JsonNode> requestBodies() {
        List<JsonNode> bodies = new ArrayList<>();
        server.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")))
                .forEach(r -> bodies.add(JSON.readTree(r.getBodyAsString())));
        return bodies;
    }

    private double answersCounted(String outcome) {
        return meters.counter("journey.generation.answers", "job", "generator-test", "outcome", outcome).count();
    }
}
