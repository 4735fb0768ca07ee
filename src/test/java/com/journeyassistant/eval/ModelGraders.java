package com.journeyassistant.eval;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Model-graded checks for live runs: a grader prompt of {@code eval/graders/<name>.md} asks a
 * model for a score from 1 to 5 and a reason. An answer that is not such a score is counted as
 * unusable, never guessed at.
 */
final class ModelGraders {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final JsonSchema GRADE = JsonSchema.builder().name("grade").rootElement(JsonObjectSchema.builder()
            .addIntegerProperty("score", "from 1 (worst) to 5 (best)").addStringProperty("reason")
            .required("score", "reason").additionalProperties(false).build()).build();

    /** A grade; {@code score} is null when the grader's answer was unusable. */
    record Grade(String grader, Integer score, String reason) {
    }

    private final Path folder;
    private final ChatModel model;

    ModelGraders(Path folder, String baseUrl, String apiKey, String modelName) {
        this.folder = folder;
        this.model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey == null ? "none" : apiKey)
                .modelName(modelName).temperature(0.0).timeout(Duration.ofSeconds(60)).maxRetries(2)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).strictJsonSchema(true).build();
    }

    /** The grader model: EVAL_GRADER_MODEL if set, else the model under evaluation (JOURNEY_LLM_*). */
    static ModelGraders fromSettings(Path folder, Map<String, String> env) {
        String model = env.getOrDefault("EVAL_GRADER_MODEL", env.get("JOURNEY_LLM_MODEL"));
        if (model == null || model.isBlank()) {
            throw new IllegalStateException("graders need EVAL_GRADER_MODEL or JOURNEY_LLM_MODEL");
        }
        return new ModelGraders(folder, env.getOrDefault("EVAL_GRADER_BASE_URL",
                env.getOrDefault("JOURNEY_LLM_BASE_URL", "https://api.openai.com/v1")),
                env.getOrDefault("EVAL_GRADER_API_KEY", env.get("JOURNEY_LLM_API_KEY")), model);
    }

    Grade grade(String grader, Map<String, String> values) throws IOException {
        String prompt = render(Files.readString(folder.resolve(grader + ".md")), values);
        String answer;
        try {
            answer = model.chat(ChatRequest.builder().messages(UserMessage.from(prompt))
                    .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(GRADE).build())
                    .build()).aiMessage().text();
        } catch (RuntimeException e) {
            return new Grade(grader, null, "the grader failed: " + e.getClass().getSimpleName());
        }
        try {
            JsonNode grade = JSON.readTree(answer == null ? "" : answer);
            int score = grade.path("score").asInt(0);
            if (!grade.path("score").isIntegralNumber() || score < 1 || score > 5) {
                return new Grade(grader, null, "unusable grade: " + answer);
            }
            return new Grade(grader, score, grade.path("reason").asString(""));
        } catch (RuntimeException e) {
            return new Grade(grader, null, "unusable grade: " + answer);
        }
    }

    static String render(String template, Map<String, String> values) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholders.find()) {
            String value = values.get(placeholders.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the grader prompt needs {{" + placeholders.group(1) + "}}");
            }
            // values are fenced in the templates; they must not be able to close the fence
            placeholders.appendReplacement(out, Matcher.quoteReplacement(value.replace("<", "‹").replace(">", "›")));
        }
        placeholders.appendTail(out);
        return out.toString();
    }
}
