package com.journeyassistant.chat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import com.journeyassistant.model.LanguageModel;
import com.journeyassistant.model.ModelUnavailableException;
import com.journeyassistant.model.Prompts;
import com.journeyassistant.platform.ApiProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The configured language model as a conversation partner, for the chat: streaming turns with
 * tools, and the chat's prompt from {@code prompts/chat/}. Same model, client and resilience
 * settings as generation.
 */
@Service
class AssistantModel {

    private static final String CHAT = "chat";

    private final LanguageModel model;
    private final Prompts prompts;

    AssistantModel(LanguageModel model, Prompts prompts) {
        this.model = model;
        this.prompts = prompts;
    }

    /** 503 with how to configure a model, when none is. */
    void ensureConfigured() {
        model.ensureConfigured();
    }

    String modelName() {
        return model.name();
    }

    /** {@code chat/v<VERSION>}, recorded on every answer. */
    String promptVersion() {
        return prompts.get(CHAT).id();
    }

    String systemPrompt(Map<String, String> values) {
        return Prompts.render(prompts.get(CHAT).system(), values);
    }

    /** The repair round's message: the problems ({@code problems}) and the language ({@code answerLanguage}). */
    String repairPrompt(Map<String, String> values) {
        return Prompts.render(prompts.get(CHAT).repair(), values);
    }

    void stream(List<ChatMessage> messages, List<ToolSpecification> tools, StreamingChatResponseHandler handler) {
        model.stream(messages, tools, handler);
    }

    /**
     * The problem a failed turn ends with: the model service's own (503 while the circuit is open,
     * 504 on a timeout), else 502. It never repeats what was sent.
     */
    ApiProblemException problem(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ModelUnavailableException unavailable) {
                return unavailable.problem();
            }
        }
        return new ApiProblemException(HttpStatus.BAD_GATEWAY, "Language model failed",
                "The language model failed before the answer was complete; the partial answer is not kept as an"
                        + " answer. Try again.", List.of());
    }
}
