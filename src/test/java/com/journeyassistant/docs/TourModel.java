package com.journeyassistant.docs;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.journeyassistant.support.FakeChatModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for an OpenAI-compatible model that answers the API tour as a capable model would, reading what it
 * needs from each request: copy in the asked language, within each field's limit from the response schema, with the
 * brand's mandatory phrases and a citation of evidence it was given; experiments on a rate KPI it was offered; and
 * chat turns that look things up with the tools first, then answer citing what they found or propose a job. The tour
 * so runs through the service's real prompts, schemas, checks and storage.
 */
final class TourModel implements ResponseDefinitionTransformerV2 {

    static final String NAME = "tour-model";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REF = Pattern.compile("\\[([FIK]\\d+)]");
    private static final Pattern LIMIT = Pattern.compile("at most (\\d+) characters");
    private static final List<String> ANGLES = List.of("Zekerheid", "Snelheid", "Service", "Gemak", "Vertrouwen");

    /** How long a generation call takes; a batch then runs long enough to be paused, as the tour does. */
    private final int generationMillis;

    TourModel(int generationMillis) {
        this.generationMillis = generationMillis;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
        String schema = request.path("response_format").path("json_schema").path("name").asString("");
        String prompt = prompt(request);
        return switch (schema) {
            case "content_variants" -> answer(contentVariants(prompt, request), generationMillis);
            case "experiment_suggestions" -> answer(experiments(prompt), generationMillis);
            case "" -> chatTurn(request);
            default -> ResponseDefinition.notConfigured();
        };
    }

    private static String contentVariants(String prompt, JsonNode request) {
        boolean english = prompt.contains("Write in English only");
        int count = number(prompt, "Write (\\d+) variants", 3);
        List<String> phrases = new ArrayList<>();
        Matcher mandatory = Pattern.compile("must contain these phrases exactly: (.*)").matcher(prompt);
        if (mandatory.find()) {
            Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(mandatory.group(1));
            while (quoted.find()) {
                phrases.add(quoted.group(1));
            }
        }
        Map<String, Integer> limits = new LinkedHashMap<>();
        request.path("response_format").path("json_schema").path("schema").path("properties").path("variants")
                .path("items").path("properties").path("fields").path("properties").properties().forEach(field -> {
                    Matcher limit = LIMIT.matcher(field.getValue().path("description").asString(""));
                    limits.put(field.getKey(), limit.find() ? Integer.parseInt(limit.group(1)) : 30);
                });
        String longest = limits.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<Object> variants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> field : limits.entrySet()) {
                String ending = field.getKey().equals(longest) && !phrases.isEmpty() ? " " + String.join(" ", phrases) : "";
                fields.put(field.getKey(), fitting(english, field.getValue() - ending.length()) + ending);
            }
            variants.add(Map.of("angle", ANGLES.get(i % ANGLES.size()) + (i < ANGLES.size() ? "" : " " + i),
                    "fields", fields, "citations", List.of(firstRef(prompt, "F"))));
        }
        return FakeChatModel.json(Map.of("variants", variants));
    }

    /** The longest sentence of ours that fits the room a field leaves. */
    private static String fitting(boolean english, int room) {
        List<String> sentences = english ? List.of(
                "Ride without worries",
                "See what happens next",
                "You know right away where you stand with your order",
                "Many customers wondered whether everything went well. That is why we now tell you at once what"
                        + " happens next and when you can expect us.")
                : List.of(
                "Zorgeloos fietsen",
                "Bekijk wat er nu gebeurt",
                "Zo weet je meteen waar je aan toe bent met je bestelling",
                "Veel klanten vroegen zich af of alles goed ging. Daarom laten we je nu meteen weten wat er gebeurt"
                        + " en wanneer onze monteurs langskomen.");
        String fits = sentences.get(0);
        for (String sentence : sentences) {
            if (sentence.length() <= room) {
                fits = sentence;
            }
        }
        return fits;
    }

    private static String experiments(String prompt) {
        int count = number(prompt, "Suggest (\\d+) experiment", 1);
        Matcher rateKpi = Pattern.compile("primary metric: (K\\d+)").matcher(prompt);
        String metric = rateKpi.find() ? rateKpi.group(1) : firstRef(prompt, "K");
        List<Object> experiments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            experiments.add(Map.of(
                    "hypothesis", "Als de orderbevestiging meteen uitlegt wanneer de bezorger komt, dan openen meer"
                            + " klanten de mail, omdat ze nu niet weten of hun betaling gelukt is.",
                    "control", "De huidige orderbevestiging",
                    "variants", List.of(i == 0 ? "Bevestiging met het bezorgmoment bovenaan" : "Bevestiging met een"
                            + " tijdlijn van de bezorging"),
                    "primaryMetric", metric, "minimumDetectableEffect", 0.1,
                    "citations", List.of(firstRef(prompt, "F"), metric)));
        }
        return FakeChatModel.json(Map.of("experiments", experiments));
    }

    /**
     * One step of a chat turn: a question is looked up with searchEvidence and answered citing the first feedback it
     * returned; a request to write copy reads the journey, then proposes the job for the touchpoint and persona it
     * names, then says that it waits for the user's confirmation.
     */
    private ResponseDefinition chatTurn(JsonNode request) {
        List<JsonNode> messages = new ArrayList<>();
        request.path("messages").forEach(messages::add);
        int lastUser = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).path("role").asString().equals("user")) {
                lastUser = i;
            }
        }
        String question = text(messages.get(lastUser).path("content"));
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, String> calls = new LinkedHashMap<>();
        for (JsonNode message : messages.subList(lastUser + 1, messages.size())) {
            message.path("tool_calls").forEach(call -> calls.put(call.path("id").asString(),
                    call.path("function").path("name").asString()));
            if (message.path("role").asString().equals("tool")) {
                results.put(calls.get(message.path("tool_call_id").asString()), text(message.path("content")));
            }
        }
        boolean stream = request.path("stream").asBoolean(false);
        if (!question.toLowerCase().startsWith("write")) {
            if (!results.containsKey("searchEvidence")) {
                return toolCall(stream, "searchEvidence", Map.of("query", question));
            }
            Matcher cited = REF.matcher(results.get("searchEvidence"));
            return text(stream, cited.find()
                    ? "Klanten twijfelen na het betalen of hun bestelling gelukt is [" + cited.group(1) + "]. Een"
                            + " duidelijke bevestiging direct na het afrekenen neemt die twijfel weg."
                    : "Ik vond in de feedback niets over het afrekenen.");
        }
        if (!results.containsKey("getJourney")) {
            return toolCall(stream, "getJourney", Map.of());
        }
        if (!results.containsKey("generateContentVariants")) {
            String journey = results.get("getJourney");
            return toolCall(stream, "generateContentVariants", Map.of(
                    "touchpointId", id(journey, "touchpoint \"Pushbericht accu-inruilactie\" PUSH"),
                    "personaId", id(journey, "Persona \"Sanne, de forens\""), "count", 3));
        }
        return text(stream, "I can write three push variants for Sanne for the battery trade-in push. Nothing is"
                + " written yet: confirm the proposal to go ahead.");
    }

    private static String id(String journey, String line) {
        Matcher id = Pattern.compile(Pattern.quote(line) + " \\(([0-9a-f-]{36})\\)").matcher(journey);
        if (!id.find()) {
            throw new IllegalStateException("the journey has no " + line + ": " + journey);
        }
        return id.group(1);
    }

    private static ResponseDefinition toolCall(boolean stream, String tool, Map<String, Object> arguments) {
        String json = FakeChatModel.json(arguments);
        if (stream) {
            return streamed(FakeChatModel.streamedToolCall("call_" + tool, tool, json));
        }
        return json(FakeChatModel.json(Map.of("id", "chatcmpl-tour", "object", "chat.completion",
                "created", 1_790_000_000, "model", "test-model", "choices", List.of(Map.of("index", 0,
                        "finish_reason", "tool_calls", "message", Map.of("role", "assistant", "tool_calls",
                                List.of(Map.of("id", "call_" + tool, "type", "function", "function",
                                        Map.of("name", tool, "arguments", json)))))),
                "usage", Map.of("prompt_tokens", 500, "completion_tokens", 40, "total_tokens", 540))), 0);
    }

    private static ResponseDefinition text(boolean stream, String text) {
        if (!stream) {
            return answer(text, 0);
        }
        List<String> tokens = new ArrayList<>();
        Matcher word = Pattern.compile("\\S+\\s*").matcher(text);
        while (word.find()) {
            tokens.add(word.group());
        }
        return streamed(FakeChatModel.streamed(tokens.toArray(String[]::new)));
    }

    private static ResponseDefinition answer(String content, int millis) {
        return json(FakeChatModel.completion(content, 900, 150), millis);
    }

    private static ResponseDefinition json(String body, int millis) {
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body).withFixedDelay(millis).build();
    }

    private static ResponseDefinition streamed(String events) {
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(events).build();
    }

    /** Every message's text, system prompt included: where a job's rules and data are. */
    private static String prompt(JsonNode request) {
        StringBuilder prompt = new StringBuilder();
        request.path("messages").forEach(m -> prompt.append(text(m.path("content"))).append('\n'));
        return prompt.toString();
    }

    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asString("")));
        return text.toString();
    }

    private static String firstRef(String prompt, String kind) {
        Matcher ref = REF.matcher(prompt);
        String any = null;
        while (ref.find()) {
            if (ref.group(1).startsWith(kind)) {
                return ref.group(1);
            }
            any = any == null ? ref.group(1) : any;
        }
        if (any == null) {
            throw new IllegalStateException("the prompt holds no evidence to cite");
        }
        return any;
    }

    private static int number(String prompt, String pattern, int otherwise) {
        Matcher number = Pattern.compile(pattern).matcher(prompt);
        return number.find() ? Integer.parseInt(number.group(1)) : otherwise;
    }
}
