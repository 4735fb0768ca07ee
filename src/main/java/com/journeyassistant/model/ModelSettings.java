package com.journeyassistant.model;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The chat model: any OpenAI-compatible endpoint. Without a model name nothing is called and
 * generation answers 503 with how to configure one.
 *
 * @param baseUrl     e.g. https://api.openai.com/v1, an Azure OpenAI deployment, http://localhost:11434/v1
 * @param timeout     per HTTP request to the model
 * @param maxAttempts per call, counting the first; only 429 and 5xx answers are tried again
 * @param maxWait     the longest wait before a retry, whatever Retry-After says
 * @param breakerThreshold calls failing in a row (after retries) that open the circuit
 * @param breakerCooldown  how long an open circuit refuses calls before letting one through
 * @param evidenceTokens   budget for the evidence put into one prompt, in tokens as the o200k estimator counts them
 * @param requestsPerMinute the provider's request limit for the key (0: none); calls are paced below it
 * @param tokensPerMinute   the provider's token limit for the key (0: none)
 * @param concurrency       the most calls in flight at once from this process (0: no cap)
 */
@ConfigurationProperties("journey.llm")
public record ModelSettings(String baseUrl, String apiKey, String model, Duration timeout, Integer maxTokens,
                     Double temperature, Integer maxAttempts, Duration maxWait, Integer breakerThreshold,
                     Duration breakerCooldown, Integer evidenceTokens, Integer requestsPerMinute,
                     Integer tokensPerMinute, Integer concurrency) {

    public ModelSettings {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.openai.com/v1" : baseUrl.strip();
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        maxTokens = maxTokens == null ? 2000 : maxTokens;
        temperature = temperature == null ? 0.4 : temperature;
        maxAttempts = maxAttempts == null ? 3 : Math.max(1, maxAttempts);
        maxWait = maxWait == null ? Duration.ofSeconds(20) : maxWait;
        breakerThreshold = breakerThreshold == null ? 5 : Math.max(1, breakerThreshold);
        breakerCooldown = breakerCooldown == null ? Duration.ofSeconds(30) : breakerCooldown;
        evidenceTokens = evidenceTokens == null ? 2500 : evidenceTokens;
        requestsPerMinute = requestsPerMinute == null ? 500 : Math.max(0, requestsPerMinute);
        tokensPerMinute = tokensPerMinute == null ? 200_000 : Math.max(0, tokensPerMinute);
        concurrency = concurrency == null ? 8 : Math.max(0, concurrency);
    }

    boolean configured() {
        return model != null && !model.isBlank();
    }
}
