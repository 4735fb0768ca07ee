package com.journeyassistant.model;

import com.journeyassistant.platform.ApiProblemException;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The configured chat model behind LangChain4j's OpenAI-compatible client, with structured
 * output (JSON schema response format) switched on and our resilience policy underneath.
 */
@Component
@EnableConfigurationProperties(ModelSettings.class)
public class LanguageModel {

    /** What the model said, and what it cost. */
    public record Answer(String text, int inputTokens, int outputTokens) {
    }

    /**
     * The pace the provider allows, as the limiter currently holds it (configured, or lower when
     * the provider said so), and how long a call took on average so far (null before the first).
     */
    public record Limits(int requestsPerMinute, int tokensPerMinute, int concurrency, Duration averageCall) {
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    private final ModelSettings settings;
    private final ResilientHttpClient client;
    private final ChatModel model;
    private final StreamingChatModel streamingModel;
    private final MeterRegistry meters;

    public LanguageModel(ModelSettings settings, MeterRegistry meters, java.time.Clock clock) {
        this.settings = settings;
        this.meters = meters;
        this.client = settings.configured() ? new ResilientHttpClient(settings, clock) : null;
        this.model = client == null ? null : build(settings, client);
        this.streamingModel = client == null ? null : buildStreaming(settings, client);
    }

    /**
     * Streams a chat turn that may call tools. Tokens and the final response go to the handler,
     * on the HTTP client's thread; the caller stops it through the handle the handler receives.
     */
    public void stream(List<ChatMessage> messages, List<ToolSpecification> tools, StreamingChatResponseHandler handler) {
        require();
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        if (!tools.isEmpty()) {
            request.toolSpecifications(tools);
        }
        streamingModel.chat(request.build(), handler);
    }

    public String name() {
        return settings.model();
    }

    /** Takes this process's share of the provider's limits when {@code processes} call it with the same key. */
    public void shareLimits(int processes) {
        if (client != null) {
            client.limiter().share(processes);
        }
    }

    public Limits limits() {
        Timer calls = meters.find("journey.llm.calls").tag("outcome", "ok").timer();
        Duration average = calls == null || calls.count() == 0 ? null
                : Duration.ofNanos((long) calls.mean(TimeUnit.NANOSECONDS));
        if (client == null) {
            return new Limits(settings.requestsPerMinute(), settings.tokensPerMinute(), settings.concurrency(), average);
        }
        RateLimiter limiter = client.limiter();
        return new Limits(limiter.requestsPerMinute(), limiter.tokensPerMinute(), settings.concurrency(), average);
    }

    /** Whether a model is configured; without one, generation and chat answer 503 with how to set one. */
    public boolean configured() {
        return model != null;
    }

    /** The OpenAI-compatible endpoint the model is called at (never its key). */
    public String endpoint() {
        return settings.baseUrl();
    }

    /** A one-word question, to see that the model answers; failures as {@link #structured} reports them. */
    public Answer ping() {
        ChatModel chat = require();
        try {
            ChatResponse response = chat.chat(ChatRequest.builder()
                    .messages(dev.langchain4j.data.message.UserMessage.from("Reply with the single word OK.")).build());
            var usage = response.tokenUsage();
            return new Answer(response.aiMessage().text(), usage == null || usage.inputTokenCount() == null ? 0
                    : usage.inputTokenCount(), usage == null || usage.outputTokenCount() == null ? 0
                    : usage.outputTokenCount());
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    /** The token budget for the evidence put into one prompt. */
    public int evidenceTokens() {
        return settings.evidenceTokens();
    }

    /** Asks for a JSON answer that follows {@code schema}; failures of the service become {@link ModelUnavailableException}. */
    public Answer structured(List<ChatMessage> messages, JsonSchema schema) {
        ChatModel chat = require();
        ChatRequest request = ChatRequest.builder().messages(messages)
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build())
                .build();
        ChatResponse response;
        long started = System.nanoTime();
        String outcome = "error";
        try {
            response = chat.chat(request);
            outcome = "ok";
        } catch (RuntimeException e) {
            throw unwrap(e);
        } finally {
            long spent = System.nanoTime() - started;
            ModelTime.add(spent);
            Timer.builder("journey.llm.calls").description("calls to the chat model, retries and waits included")
                    .tag("outcome", outcome).register(meters).record(spent, TimeUnit.NANOSECONDS);
        }
        var usage = response.tokenUsage();
        return new Answer(response.aiMessage().text(), usage == null || usage.inputTokenCount() == null ? 0
                : usage.inputTokenCount(), usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    }

    /**
     * The body of the chat-completions request {@link #structured} would send, for a provider's
     * batch endpoint: the model, the messages, the same limits and the response schema (strict).
     */
    public String requestBody(List<ChatMessage> messages, JsonSchema schema) {
        require();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", settings.model());
        body.put("messages", messages.stream().map(LanguageModel::message).toList());
        body.put("temperature", settings.temperature());
        body.put("max_tokens", settings.maxTokens());
        body.put("response_format", Map.of("type", "json_schema", "json_schema", Map.of("name", schema.name(),
                "strict", true, "schema", SchemaMaps.of(schema.rootElement()))));
        return JSON.writeValueAsString(body);
    }

    private static Map<String, String> message(ChatMessage message) {
        if (message instanceof dev.langchain4j.data.message.SystemMessage system) {
            return Map.of("role", "system", "content", system.text());
        }
        if (message instanceof dev.langchain4j.data.message.UserMessage user) {
            return Map.of("role", "user", "content", user.singleText());
        }
        if (message instanceof dev.langchain4j.data.message.AiMessage ai) {
            return Map.of("role", "assistant", "content", ai.text());
        }
        throw new IllegalArgumentException("no request form for " + message.type());
    }

    /** Fails with 503 and how to configure a model, before a request does any work it cannot finish. */
    public void ensureConfigured() {
        require();
    }

    private ChatModel require() {
        if (model == null) {
            throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "No language model configured",
                    "Generation and chat need an OpenAI-compatible chat model: set JOURNEY_LLM_MODEL, and JOURNEY_LLM_BASE_URL"
                            + " and JOURNEY_LLM_API_KEY as your provider needs (see the README). Analytics, search and"
                            + " statistics work without one.", List.of());
        }
        return model;
    }

    /** LangChain4j may wrap what our HTTP client threw, or fail on its own while reading an answer. */
    private static RuntimeException unwrap(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ModelUnavailableException unavailable) {
                return unavailable;
            }
        }
        return new MalformedAnswerException("the model's answer could not be read (" + e.getClass().getSimpleName() + ")");
    }

    /** Local servers (Ollama, vLLM) take no key, but the client wants one. */
    private static String apiKey(ModelSettings settings) {
        return settings.apiKey() == null || settings.apiKey().isBlank() ? "none" : settings.apiKey();
    }

    private static StreamingChatModel buildStreaming(ModelSettings settings, ResilientHttpClient client) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(apiKey(settings))
                .modelName(settings.model())
                .temperature(settings.temperature())
                .maxTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .httpClientBuilder(new FixedClient(client, settings.timeout()))
                .build();
    }

    private static ChatModel build(ModelSettings settings, ResilientHttpClient client) {
        return OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(apiKey(settings))
                .modelName(settings.model())
                .temperature(settings.temperature())
                .maxTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .strictJsonSchema(true)
                .httpClientBuilder(new FixedClient(client, settings.timeout()))
                .build();
    }

    /** Hands LangChain4j our client whatever it configures on the builder. */
    private record FixedClient(HttpClient client, Duration timeout) implements HttpClientBuilder {
        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration ignored) {
            return this;
        }

        @Override
        public Duration readTimeout() {
            return timeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration ignored) {
            return this;
        }

        @Override
        public HttpClient build() {
            return client;
        }
    }
}
