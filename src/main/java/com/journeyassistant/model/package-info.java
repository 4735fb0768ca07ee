/**
 * The language model client: the configured OpenAI-compatible chat model behind LangChain4j,
 * structured answers and streamed turns, retries and the circuit breaker, the prompt templates
 * of {@code prompts/}, and token counting. Generation, chat and (soon) batch use it; it knows
 * nothing of journeys or suggestions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Language model",
        allowedDependencies = {"platform"})
package com.journeyassistant.model;
