package com.journeyassistant.generation;

import com.journeyassistant.model.LanguageModel;
import com.journeyassistant.model.MalformedAnswerException;
import com.journeyassistant.model.Prompts;
import io.micrometer.core.instrument.MeterRegistry;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.ApiProblemException.FieldError;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every generation job shares: render the job's prompt files, ask for JSON that follows
 * the schema, read it, validate it, and on failure give the model one repair round with the
 * problems listed. A result that still fails ends the request with a problem (422 for broken
 * rules, 502 for unreadable answers); nothing is returned to be stored.
 */
@Component
class Generator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A job's reading of the answer: the result, or a {@link MalformedAnswerException}. */
    interface Reader<T> {
        T read(JsonNode answer);
    }

    record Generated<T>(T result, String promptVersion, String model, int inputTokens, int outputTokens) {
    }

    private final LanguageModel model;
    private final Prompts prompts;
    private final MeterRegistry meters;

    Generator(LanguageModel model, Prompts prompts, MeterRegistry meters) {
        this.model = model;
        this.prompts = prompts;
        this.meters = meters;
    }

    void ensureConfigured() {
        model.ensureConfigured();
    }

    int evidenceTokens() {
        return model.evidenceTokens();
    }

    <T> Generated<T> generate(String job, Map<String, String> values, JsonSchema schema, Reader<T> reader,
                              Function<T, List<String>> validator) {
        List<ChatMessage> messages = messages(job, values);
        LanguageModel.Answer answer = model.structured(messages, schema);
        return complete(job, values, schema, reader, validator, messages, answer);
    }

    /** The body of a chat-completions request for a provider's batch endpoint: the same messages and schema. */
    String requestBody(String job, Map<String, String> values, JsonSchema schema) {
        return model.requestBody(messages(job, values), schema);
    }

    /** As {@link #generate}, for an answer that arrived another way (a provider's batch): checked, repaired live. */
    <T> Generated<T> finish(String job, Map<String, String> values, JsonSchema schema, Reader<T> reader,
                            Function<T, List<String>> validator, String answer, int inputTokens, int outputTokens) {
        return complete(job, values, schema, reader, validator, messages(job, values),
                new LanguageModel.Answer(answer, inputTokens, outputTokens));
    }

    private List<ChatMessage> messages(String job, Map<String, String> values) {
        Prompts.Template template = prompts.get(job);
        return new ArrayList<>(List.of(
                SystemMessage.from(Prompts.render(template.system(), values)),
                UserMessage.from(Prompts.render(template.user(), values))));
    }

    private <T> Generated<T> complete(String job, Map<String, String> values, JsonSchema schema, Reader<T> reader,
                                      Function<T, List<String>> validator, List<ChatMessage> messages,
                                      LanguageModel.Answer answer) {
        Prompts.Template template = prompts.get(job);
        int input = answer.inputTokens();
        int output = answer.outputTokens();
        Attempt<T> attempt = check(job, answer.text(), reader, validator);
        if (!attempt.problems().isEmpty()) {
            Map<String, String> repairValues = new HashMap<>(values);
            repairValues.put("problems", attempt.problems().stream().map(p -> "- " + p).collect(Collectors.joining("\n")));
            messages.add(AiMessage.from(answer.text() == null || answer.text().isEmpty() ? "(empty)" : answer.text()));
            messages.add(UserMessage.from(Prompts.render(template.repair(), repairValues)));
            LanguageModel.Answer repaired = model.structured(messages, schema);
            input += repaired.inputTokens();
            output += repaired.outputTokens();
            attempt = check(job, repaired.text(), reader, validator);
            if (!attempt.problems().isEmpty()) {
                List<FieldError> errors = attempt.problems().stream().map(p -> new FieldError(field(p), p)).toList();
                throw attempt.malformed()
                        ? new ApiProblemException(HttpStatus.BAD_GATEWAY, "Unusable model answer",
                                "The model twice answered with something that is not the requested JSON; nothing was"
                                        + " stored", errors)
                        : new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Generated content failed validation",
                                "The answer broke these rules even after one repair round; nothing was stored", errors);
            }
        }
        return new Generated<>(attempt.result(), template.id(), model.name(), input, output);
    }

    private record Attempt<T>(T result, List<String> problems, boolean malformed) {
    }

    /**
     * Reads and validates one answer, counting it in {@code journey.generation.answers} by job and
     * outcome (schema-invalid, rules-broken, valid): the evaluation's schema validity rate.
     */
    private <T> Attempt<T> check(String job, String text, Reader<T> reader, Function<T, List<String>> validator) {
        Attempt<T> attempt = check(text, reader, validator, removed -> meters.counter("journey.output.hidden-characters",
                "job", job).increment(removed));
        meters.counter("journey.generation.answers", "job", job, "outcome", attempt.malformed() ? "schema-invalid"
                : attempt.problems().isEmpty() ? "valid" : "rules-broken").increment();
        return attempt;
    }

    private static <T> Attempt<T> check(String text, Reader<T> reader, Function<T, List<String>> validator,
                                        java.util.function.IntConsumer hiddenRemoved) {
        T result;
        try {
            JsonNode root;
            try {
                root = JSON.readTree(text == null ? "" : text);
            } catch (JacksonException e) {
                throw new MalformedAnswerException("the answer is not valid JSON");
            }
            if (root == null || !root.isObject()) {
                throw new MalformedAnswerException("the answer is not a JSON object");
            }
            int removed = stripHidden(root);
            if (removed > 0) {
                hiddenRemoved.accept(removed);
            }
            result = reader.read(root);
        } catch (MalformedAnswerException e) {
            return new Attempt<>(null, List.of(e.getMessage()), true);
        }
        // the same problem found twice (one link in two fields' checks, say) is listed once
        return new Attempt<>(result, List.copyOf(new java.util.LinkedHashSet<>(validator.apply(result))), false);
    }

    /** Removes invisible, bidirectional and control characters from every text of the answer; how many. */
    private static int stripHidden(JsonNode node) {
        int removed = 0;
        if (node instanceof tools.jackson.databind.node.ObjectNode object) {
            for (var field : new ArrayList<>(object.properties())) {
                removed += stripHidden(field.getValue(), text -> object.put(field.getKey(), text));
            }
        } else if (node instanceof tools.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int at = i;
                removed += stripHidden(array.get(i),
                        text -> array.set(at, tools.jackson.databind.node.StringNode.valueOf(text)));
            }
        }
        return removed;
    }

    /** A text value is replaced by its stripped self when that differs; anything else is walked. */
    private static int stripHidden(JsonNode value, java.util.function.Consumer<String> replace) {
        if (!value.isString()) {
            return stripHidden(value);
        }
        OutputPolicy.Stripped stripped = OutputPolicy.stripHidden(value.asString());
        if (stripped.removed() > 0) {
            replace.accept(stripped.text());
        }
        return stripped.removed();
    }

    /** "variants[0].fields.subject has 75 characters" names variants[0].fields.subject. */
    private static String field(String problem) {
        int space = problem.indexOf(' ');
        String first = space < 0 ? problem : problem.substring(0, space);
        return first.matches("[a-zA-Z]+(\\[\\d+])?(\\.[a-zA-Z]+(\\[\\d+])?)*") && first.contains("[") ? first : "answer";
    }
}
