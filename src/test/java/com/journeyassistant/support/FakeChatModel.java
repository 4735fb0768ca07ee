package com.journeyassistant.support;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Bodies an OpenAI-compatible chat-completions endpoint sends, for WireMock stubs. */
public final class FakeChatModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeChatModel() {
    }

    /** A WireMock server, started, to stand in for the model service. */
    public static com.github.tomakehurst.wiremock.WireMockServer startServer() {
        var server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());
        server.start();
        return server;
    }

    /** Points the service's model settings at the server: base URL, key {@code test-llm-key}, model {@code test-model}. */
    public static void configure(org.springframework.test.context.DynamicPropertyRegistry registry,
                                 com.github.tomakehurst.wiremock.WireMockServer server) {
        registry.add("journey.llm.base-url", () -> server.baseUrl() + "/v1");
        registry.add("journey.llm.api-key", () -> "test-llm-key");
        registry.add("journey.llm.model", () -> "test-model");
    }

    /** A complete, non-streaming chat completion whose assistant message is {@code content}. */
    public static String completion(String content, int promptTokens, int completionTokens) {
        return JSON.writeValueAsString(Map.of(
                "id", "chatcmpl-test", "object", "chat.completion", "created", 1_790_000_000, "model", "test-model",
                "choices", java.util.List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens,
                        "total_tokens", promptTokens + completionTokens)));
    }

    /** A streamed answer (server-sent events), one chunk per token, ending with usage and [DONE]. */
    public static String streamed(String... tokens) {
        StringBuilder out = new StringBuilder(chunk(Map.of("role", "assistant", "content", ""), null));
        for (String token : tokens) {
            out.append(chunk(Map.of("content", token), null));
        }
        return out.append(chunk(Map.of(), "stop")).append(usage()).append("data: [DONE]\n\n").toString();
    }

    /** A streamed answer from a server that leaves usage out of its streams, as some OpenAI-compatible ones do. */
    public static String streamedWithoutUsage(String... tokens) {
        StringBuilder out = new StringBuilder(chunk(Map.of("role", "assistant", "content", ""), null));
        for (String token : tokens) {
            out.append(chunk(Map.of("content", token), null));
        }
        return out.append(chunk(Map.of(), "stop")).append("data: [DONE]\n\n").toString();
    }

    /** A streamed answer that asks for one tool call, the arguments arriving in two pieces as real services send them. */
    public static String streamedToolCall(String callId, String tool, String argumentsJson) {
        int half = argumentsJson.length() / 2;
        return chunk(Map.of("role", "assistant", "tool_calls", java.util.List.of(Map.of("index", 0, "id", callId,
                        "type", "function", "function", Map.of("name", tool, "arguments", argumentsJson.substring(0, half))))),
                null)
                + chunk(Map.of("tool_calls", java.util.List.of(Map.of("index", 0, "function",
                        Map.of("arguments", argumentsJson.substring(half))))), null)
                + chunk(Map.of(), "tool_calls") + usage() + "data: [DONE]\n\n";
    }

    private static String chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new java.util.LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        return "data: " + JSON.writeValueAsString(Map.of("id", "chatcmpl-test", "object", "chat.completion.chunk",
                "created", 1_790_000_000, "model", "test-model", "choices", java.util.List.of(choice))) + "\n\n";
    }

    private static String usage() {
        return "data: " + JSON.writeValueAsString(Map.of("id", "chatcmpl-test", "object", "chat.completion.chunk",
                "created", 1_790_000_000, "model", "test-model", "choices", java.util.List.of(),
                "usage", Map.of("prompt_tokens", 500, "completion_tokens", 40, "total_tokens", 540))) + "\n\n";
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /**
     * The answer a model would give a theme-names request: every group the prompt lists ("T1: words; quotes F1 F2")
     * named once, citing its first quote. Answers the names by reference, in the prompt's order; the JSON answer is
     * under the key "answer".
     */
    public static java.util.LinkedHashMap<String, String> nameEveryGroup(String prompt, String namePrefix,
                                                                         String language) {
        java.util.regex.Matcher group = java.util.regex.Pattern.compile("(?m)^([TPG]\\d+): .*?; quotes ((?:F\\d+ ?)+)$")
                .matcher(prompt);
        String[] words = language.equals("nl") ? new String[] {"een", "twee", "drie", "vier", "vijf", "zes", "zeven",
                "acht", "negen", "tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
                "achttien", "negentien", "twintig", "meer", "nog meer", "veel meer", "de rest"}
                : new String[] {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                "more", "still more", "many more", "the rest"};
        java.util.List<java.util.Map<String, Object>> names = new java.util.ArrayList<>();
        java.util.LinkedHashMap<String, String> nameOf = new java.util.LinkedHashMap<>();
        while (group.find()) {
            String name = namePrefix + " " + words[names.size()];
            nameOf.put(group.group(1), name);
            names.add(java.util.Map.of("ref", group.group(1), "name", name,
                    "citations", java.util.List.of(group.group(2).strip().split(" ")[0])));
        }
        nameOf.put("answer", json(java.util.Map.of("names", names)));
        return nameOf;
    }

}
