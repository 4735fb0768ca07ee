package com.journeyassistant.model;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.openai.OpenAiChatModelName;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import java.util.List;

/**
 * How many tokens a text costs, for the budgets of prompts and chat memory: LangChain4j's
 * estimator with OpenAI's o200k tokenizer (the GPT-4o family). Other providers' tokenizers
 * count a little differently, but far closer than four characters a token, which undercounts
 * Dutch and anything with numbers or references.
 */
public final class TokenCount {

    private static final TokenCountEstimator ESTIMATOR = new OpenAiTokenCountEstimator(OpenAiChatModelName.GPT_4_O_MINI);

    private TokenCount() {
    }

    public static int of(String text) {
        return text == null || text.isEmpty() ? 0 : ESTIMATOR.estimateTokenCountInText(text);
    }

    /** A conversation as it is sent: every message with its role, tool calls and tool results. */
    public static int of(List<ChatMessage> messages) {
        return messages.isEmpty() ? 0 : ESTIMATOR.estimateTokenCountInMessages(messages);
    }
}
