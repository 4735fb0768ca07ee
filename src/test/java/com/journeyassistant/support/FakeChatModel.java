package com.journeyassistant.support;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Bodies an OpenAI-compatible chat-completions endpoint sends, for WireMock stubs. */
public final class FakeChatModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeChatModel() {
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

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
