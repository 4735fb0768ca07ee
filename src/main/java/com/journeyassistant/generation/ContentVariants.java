package com.journeyassistant.generation;

import static com.journeyassistant.generation.JobSupport.mapText;

import com.journeyassistant.suggestions.Suggestions;
import com.journeyassistant.model.MalformedAnswerException;
import com.journeyassistant.model.Prompts;
import com.journeyassistant.model.TokenCount;
import com.journeyassistant.evidence.PiiRedactor;
import com.journeyassistant.generation.CopyValidator.Variant;
import com.journeyassistant.suggestions.Suggestions.Draft;
import com.journeyassistant.journey.Channel;
import com.journeyassistant.journey.MapModels.BrandProfile;
import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.journey.MapModels.Persona;
import com.journeyassistant.journey.MapModels.Touchpoint;
import com.journeyassistant.journey.Personas;
import com.journeyassistant.journey.Stages;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.ApiProblemException.FieldError;
import com.journeyassistant.platform.CurrentWorkspace;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Content variants for one touchpoint, persona, channel and language, n at a time, each with
 * its own angle: grounded in the touchpoint's feedback, insights and KPIs, validated by
 * {@link CopyValidator}, repaired once if needed, and stored as suggestions on the touchpoint.
 */
@Service
class ContentVariants {

    static final String JOB = "content-variants";
    static final int MAX_COUNT = 5;
    static final int MAX_BRIEF = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Request(UUID personaId, Channel channel, String language, Integer count, String brief) {
    }

    private final JobBasics basics;
    private final Stages stages;
    private final Touchpoints touchpoints;
    private final Personas personas;
    private final Prompts prompts;

    ContentVariants(JobBasics basics, Stages stages, Touchpoints touchpoints, Personas personas, Prompts prompts) {
        this.prompts = prompts;
        this.basics = basics;
        this.stages = stages;
        this.touchpoints = touchpoints;
        this.personas = personas;
    }

    /** What one request produced, checked and ready to store. */
    record Drafted(UUID journeyId, Generator.Generated<?> generated, List<Draft> drafts) {
    }

    GenerationResult generate(CurrentWorkspace caller, UUID touchpointId, Request request) {
        Drafted drafted = draft(caller, touchpointId, request);
        return basics.store(caller, drafted.journeyId(), Suggestions.Kind.CONTENT_VARIANT, "touchpoint", touchpointId,
                drafted.generated(), drafted.drafts());
    }

    /** Tokens of the prompt templates, counted once: the part of every request that does not vary. */
    private volatile int templateTokens = -1;

    /**
     * What one request of {@code count} variants for {@code channel} costs, before any is made:
     * the templates, the full evidence budget, the brief and the map's texts in; about 60% of
     * each field's limit out (at 3.5 characters a token, Dutch and English alike), per variant.
     */
    GenerationJobs.CopyEstimate estimate(Channel channel, int count, String brief) {
        if (templateTokens < 0) {
            var template = prompts.get(JOB);
            templateTokens = TokenCount.of(template.system()) + TokenCount.of(template.user());
        }
        int mapTexts = 150;
        int input = templateTokens + basics.generator.evidenceTokens() + mapTexts
                + (brief == null ? 0 : TokenCount.of(brief));
        int fieldChars = ChannelFormat.of(channel).limits().values().stream().mapToInt(Integer::intValue).sum();
        int output = count * ((int) Math.round(fieldChars * 0.6 / 3.5) + 40) + 20;
        return new GenerationJobs.CopyEstimate(input, output);
    }

    /**
     * Everything a request needs before the model is asked and everything its answer is checked
     * against. {@code frozen}: the evidence a request was prepared with earlier (a provider batch
     * answered hours later is checked against what was sent), instead of a new search.
     */
    Prepared prepare(CurrentWorkspace caller, UUID touchpointId, Request request, EvidenceContext frozen) {
        basics.generator.ensureConfigured();
        UUID ws = caller.workspaceId();
        List<FieldError> errors = new ArrayList<>();
        int count = JobSupport.checkRequest(errors, request.count(), 3, MAX_COUNT, request.language());
        if (request.brief() != null && request.brief().length() > MAX_BRIEF) {
            errors.add(new FieldError("brief", "must be at most " + MAX_BRIEF + " characters"));
        }
        Touchpoint touchpoint = touchpoints.get(ws, touchpointId);
        Persona persona = request.personaId() == null ? null : personas.find(ws, request.personaId()).orElse(null);
        if (request.personaId() != null) {
            if (persona == null || !persona.journeyId().equals(touchpoint.journeyId())) {
                errors.add(new FieldError("personaId", "no persona " + request.personaId() + " in this touchpoint's journey"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        JobBasics.Setting setting = basics.setting(caller, touchpoint.journeyId());
        Journey journey = setting.journey();
        BrandProfile brand = setting.brand();
        String language = JobSupport.language(request.language(), brand, journey);
        Channel channel = request.channel() != null ? request.channel() : touchpoint.channel();
        ChannelFormat format = ChannelFormat.of(channel);
        EvidenceContext evidence = frozen != null ? frozen : basics.grounding.forTouchpoint(ws, touchpoint,
                persona == null ? "" : String.join(" ", persona.pains()), basics.generator.evidenceTokens());
        if (evidence.isEmpty()) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "No evidence to ground the copy",
                    "Touchpoint " + touchpointId + " has no feedback, insights or KPIs yet (or they are still being"
                            + " indexed); import evidence for it first", List.of());
        }
        String brandName = setting.brandName();
        OutputPolicy.Allowed allowed = JobSupport.allowed(brandName, brand, evidence, touchpoint.name(),
                touchpoint.idealMessage(), String.join(" ", touchpoint.assetLinks()), persona == null ? "" : persona.name());

        Map<String, String> values = new LinkedHashMap<>();
        values.put("brandName", brandName);
        values.put("languageName", JobSupport.languageName(language));
        values.put("brandTone", Objects.toString(brand.tone(), "friendly and clear"));
        values.put("wordsToUse", listOrNone(brand.wordsToUse()));
        values.put("wordsToAvoid", listOrNone(brand.wordsToAvoid()));
        values.put("mandatoryPhrases", brand.mandatoryPhrases().isEmpty() ? "(none)"
                : brand.mandatoryPhrases().stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", ")));
        values.put("channel", format.name());
        values.put("fieldLimits", format.describe());
        values.put("count", String.valueOf(count));
        values.put("touchpointName", mapText(touchpoint.name()));
        values.put("stageName", mapText(stages.get(ws, touchpoint.stageId()).name()));
        values.put("journeyName", mapText(journey.name()));
        values.put("idealMessage", mapText(Objects.toString(touchpoint.idealMessage(), "(none)")));
        values.put("assets", touchpoint.assetLinks().isEmpty() ? "(none)" : String.join(", ", touchpoint.assetLinks()));
        values.put("personaName", persona == null ? "(no persona: write for the touchpoint's customers in general)"
                : mapText(persona.name()));
        values.put("personaDescription", persona == null ? "" : mapText(Objects.toString(persona.description(), "")));
        values.put("personaGoals", persona == null ? "" : mapText(String.join("; ", persona.goals())));
        values.put("personaPains", persona == null ? "" : mapText(String.join("; ", persona.pains())));
        values.put("brief", request.brief() == null || request.brief().isBlank() ? ""
                : "Brief from the marketer:\n<data>\n" + DataFence.fence(PiiRedactor.redact(request.brief()).text()) + "\n</data>");
        values.put("evidence", evidence.block());

        return new Prepared(journey.id(), request, count, channel, format, brand, language, persona, evidence, allowed,
                values);
    }

    Drafted draft(CurrentWorkspace caller, UUID touchpointId, Request request) {
        Prepared prepared = prepare(caller, touchpointId, request, null);
        return drafted(prepared, basics.generator.generate(JOB, prepared.values(), schema(prepared.format()),
                answer -> parse(answer, prepared.format()), prepared::problems));
    }

    /** The request for a provider's batch endpoint, and what its answer will be checked against. */
    GenerationJobs.PreparedCopy prepareForBatch(CurrentWorkspace caller, UUID touchpointId, Request request) {
        Prepared prepared = prepare(caller, touchpointId, request, null);
        String body = basics.generator.requestBody(JOB, prepared.values(), schema(prepared.format()));
        Frozen frozen = new Frozen(touchpointId, request, List.copyOf(prepared.evidence().items().values()),
                prepared.evidence().kpiValues());
        return new GenerationJobs.PreparedCopy(body, JSON.writeValueAsString(frozen));
    }

    /**
     * An answer that came through a provider's batch endpoint, checked like a live one against
     * the evidence it was asked with; a broken answer gets one repair round, live.
     */
    Drafted finishFromBatch(CurrentWorkspace caller, String frozenJson, String answer, int inputTokens,
                            int outputTokens) {
        Frozen frozen = JSON.readValue(frozenJson, Frozen.class);
        Prepared prepared = prepare(caller, frozen.touchpointId(), frozen.request(),
                EvidenceContext.restore(frozen.evidence(), frozen.kpiValues()));
        return drafted(prepared, basics.generator.finish(JOB, prepared.values(), schema(prepared.format()),
                a -> parse(a, prepared.format()), prepared::problems, answer, inputTokens, outputTokens));
    }

    /** What a request was prepared with, kept with a provider batch until its answer arrives. */
    record Frozen(UUID touchpointId, Request request, List<EvidenceContext.Item> evidence,
                  List<java.math.BigDecimal> kpiValues) {
    }

    /** A request ready for the model, with what its answer is checked against. */
    record Prepared(UUID journeyId, Request request, int count, Channel channel, ChannelFormat format,
                    BrandProfile brand, String language, Persona persona, EvidenceContext evidence,
                    OutputPolicy.Allowed allowed, Map<String, String> values) {

        List<String> problems(List<Variant> variants) {
            return CopyValidator.problems(variants, count, format, brand, language, evidence, allowed);
        }
    }

    private static Drafted drafted(Prepared prepared, Generator.Generated<List<Variant>> generated) {
        List<Draft> drafts = generated.result().stream().map(v -> draft(v, prepared.channel(), prepared.language(),
                prepared.persona(), prepared.evidence())).toList();
        return new Drafted(prepared.journeyId(), generated, drafts);
    }

    /** Reads the answer against the schema ourselves: a model may ignore the response format. */
    static List<Variant> parse(JsonNode root, ChannelFormat format) {
        return JobSupport.readEach(root, "variants", (node, at) -> {
            if (!node.isObject() || !node.path("angle").isString() || !node.path("fields").isObject()
                    || !node.path("citations").isArray()) {
                throw new MalformedAnswerException(at + " needs angle (text), fields (object) and citations (array)");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (var field : node.path("fields").properties()) {
                if (!field.getValue().isString()) {
                    throw new MalformedAnswerException(at + ".fields." + field.getKey() + " must be text");
                }
                fields.put(field.getKey(), field.getValue().asString());
            }
            List<String> citations = new ArrayList<>();
            for (JsonNode citation : node.path("citations")) {
                if (!citation.isString()) {
                    throw new MalformedAnswerException(at + ".citations must be ids such as F1");
                }
                citations.add(citation.asString().strip());
            }
            return new Variant(node.path("angle").asString(), fields, citations);
        });
    }

    static JsonSchema schema(ChannelFormat format) {
        JsonObjectSchema.Builder fields = JsonObjectSchema.builder().additionalProperties(false);
        format.limits().forEach((name, limit) -> fields.addStringProperty(name, "at most " + limit + " characters"));
        fields.required(List.copyOf(format.limits().keySet()));
        JsonObjectSchema variant = JsonObjectSchema.builder()
                .addStringProperty("angle", "the approach this variant takes, different for each variant")
                .addProperty("fields", fields.build())
                .addProperty("citations", JsonArraySchema.builder().description("ids of the evidence used, such as F1")
                        .items(JsonStringSchema.builder().build()).build())
                .required("angle", "fields", "citations").additionalProperties(false).build();
        return JsonSchema.builder().name("content_variants").rootElement(JsonObjectSchema.builder()
                .addProperty("variants", JsonArraySchema.builder().items(variant).build())
                .required("variants").additionalProperties(false).build()).build();
    }

    private static Draft draft(Variant variant, Channel channel, String language, Persona persona,
                               EvidenceContext evidence) {
        ObjectNode content = JSON.createObjectNode();
        content.put("angle", variant.angle());
        content.put("channel", channel.name());
        content.put("language", language);
        if (persona != null) {
            content.put("personaId", persona.id().toString());
        }
        ObjectNode fields = content.putObject("fields");
        variant.fields().forEach(fields::put);
        return JobSupport.draft(content, variant.citations(), evidence);
    }

    private static String listOrNone(List<String> values) {
        return values.isEmpty() ? "(none)" : String.join(", ", values);
    }
}
