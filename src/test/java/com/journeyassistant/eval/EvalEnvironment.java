package com.journeyassistant.eval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.journeyassistant.JourneyAssistantApplication;
import com.journeyassistant.support.Api;
import com.journeyassistant.support.FakeChatModel;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The service as a user runs it, on the demo workspace, with a model behind WireMock: offline,
 * WireMock answers as each case scripts; live, it passes every call on to the configured model.
 * Either way every request that left for the model is on record, for the PII check.
 */
final class EvalEnvironment implements AutoCloseable {

    static final String DEMO_KEY = "eval-runner-demo-key-0001";
    private static final String CHAT = "/v1/chat/completions";

    final boolean live;
    final String modelName;
    final WireMockServer model;
    final ConfigurableApplicationContext app;
    final Api api;
    final UUID workspaceId;
    /** Model-graded checks, in live runs that ask for them; null otherwise. */
    ModelGraders graders;
    private final Path dataDir;
    final java.util.Map<String, String> settings;

    private EvalEnvironment(boolean live, String modelName, WireMockServer model, ConfigurableApplicationContext app,
                            Path dataDir, java.util.Map<String, String> settings) {
        this.live = live;
        this.modelName = modelName;
        this.model = model;
        this.app = app;
        this.dataDir = dataDir;
        this.settings = settings;
        int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
        this.api = new Api(port, DEMO_KEY);
        this.workspaceId = app.getBean(JdbcTemplate.class)
                .queryForObject("select id from workspace where slug = 'demo'", UUID.class);
    }

    /**
     * Starts WireMock and the service. Live mode needs JOURNEY_LLM_MODEL (and the base URL and key
     * the provider wants); {@code postgresUrl} null means the embedded H2 in a fresh folder.
     */
    static EvalEnvironment start(boolean live, String postgresUrl, java.util.Map<String, String> settings)
            throws Exception {
        WireMockServer model = new WireMockServer(options().dynamicPort());
        model.start();
        String modelName = "eval-scripted-model";
        String apiKey = "eval";
        String modelPath = "/v1";
        if (live) {
            modelName = settings.get("JOURNEY_LLM_MODEL");
            if (modelName == null || modelName.isBlank()) {
                model.stop();
                throw new IllegalStateException("live mode needs JOURNEY_LLM_MODEL (and JOURNEY_LLM_BASE_URL,"
                        + " JOURNEY_LLM_API_KEY as the provider wants)");
            }
            URI base = URI.create(settings.getOrDefault("JOURNEY_LLM_BASE_URL", "https://api.openai.com/v1"));
            modelPath = base.getPath() == null || base.getPath().isBlank() ? "" : base.getPath().replaceAll("/$", "");
            apiKey = settings.getOrDefault("JOURNEY_LLM_API_KEY", "none");
            model.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(base.getScheme() + "://" + base.getAuthority())));
        }
        Path dataDir = Files.createTempDirectory("journey-eval");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--journey.demo.enabled=true",
                "--journey.demo.api-key=" + DEMO_KEY, "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--journey.llm.base-url=" + model.baseUrl() + modelPath, "--journey.llm.model=" + modelName,
                "--journey.llm.api-key=" + apiKey, "--journey.llm.breaker-threshold=1000"));
        args.add(postgresUrl == null ? "--journey.data-dir=" + dataDir : "--spring.datasource.url=" + postgresUrl);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(JourneyAssistantApplication.class)
                .run(args.toArray(String[]::new));
        EvalEnvironment environment = new EvalEnvironment(live, modelName, model, app, dataDir, settings);
        environment.awaitIndexed();
        return environment;
    }

    String path(String rest) {
        return "/api/workspaces/demo" + rest;
    }

    void awaitIndexed() throws InterruptedException {
        org.awaitility.Awaitility.await("the demo evidence is indexed").atMost(java.time.Duration.ofMinutes(5))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> api.get(path("/evidence/index")).json(),
                        index -> index.path("items").asInt() > 0 && index.path("pending").asInt() == 0);
    }

    /** Offline: the model gives these answers to structured (generation) calls, in order, the last one from then on. */
    void scriptAnswers(List<String> answers) {
        if (live) {
            return;
        }
        model.resetMappings();
        model.resetScenarios();
        for (int i = 0; i < answers.size(); i++) {
            String state = i == 0 ? Scenario.STARTED : "answer-" + i;
            var stub = post(urlPathMatching(".*/chat/completions")).inScenario("case").whenScenarioStateIs(state)
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody(FakeChatModel.completion(answers.get(i), 900, 150)));
            model.stubFor(i + 1 < answers.size() ? stub.willSetStateTo("answer-" + (i + 1)) : stub);
        }
    }

    /** Offline: a chat turn in which the model first calls {@code tool} with these arguments, then answers {@code text}. */
    void scriptChat(String tool, String arguments, String text) {
        if (live) {
            return;
        }
        model.resetMappings();
        model.resetScenarios();
        if (tool != null) {
            model.stubFor(post(urlPathMatching(".*/chat/completions")).atPriority(5)
                    .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                    .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                            .withBody(FakeChatModel.streamedToolCall("call_1", tool, arguments))));
        }
        model.stubFor(post(urlPathMatching(".*/chat/completions")).atPriority(tool == null ? 5 : 1)
                .withRequestBody(tool == null ? matchingJsonPath("$.stream", equalTo("true"))
                        : matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody(FakeChatModel.streamed(text))));
    }

    /** Bodies of every request sent to the model so far (in live mode too: WireMock is the proxy). */
    List<String> outgoingRequests() {
        return model.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString()).toList();
    }

    /** Calls to the model and the tokens they used, read from the answers' usage (streamed ones too). */
    long[] usage() {
        long input = 0;
        long output = 0;
        var events = model.getAllServeEvents();
        for (var event : events) {
            String body = event.getResponse().getBodyAsString();
            java.util.regex.Matcher prompt = PROMPT_TOKENS.matcher(body == null ? "" : body);
            while (prompt.find()) {
                input += Long.parseLong(prompt.group(1));
            }
            java.util.regex.Matcher completion = COMPLETION_TOKENS.matcher(body == null ? "" : body);
            while (completion.find()) {
                output += Long.parseLong(completion.group(1));
            }
        }
        return new long[] {events.size(), input, output};
    }

    private static final java.util.regex.Pattern PROMPT_TOKENS = java.util.regex.Pattern.compile("\"prompt_tokens\"\\s*:\\s*(\\d+)");
    private static final java.util.regex.Pattern COMPLETION_TOKENS =
            java.util.regex.Pattern.compile("\"completion_tokens\"\\s*:\\s*(\\d+)");

    @Override
    public void close() {
        app.close();
        model.stop();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
