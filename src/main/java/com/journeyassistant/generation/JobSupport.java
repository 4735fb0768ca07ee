package com.journeyassistant.generation;

import com.journeyassistant.suggestions.Suggestions;
import com.journeyassistant.model.MalformedAnswerException;
import com.journeyassistant.evidence.PiiRedactor;
import com.journeyassistant.journey.MapModels.BrandProfile;
import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.ApiProblemException.FieldError;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Workspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small pieces every generation job needs: request checks, language, redaction, citations. */
final class JobSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> CONTENT = new TypeReference<>() {
    };

    private JobSupport() {
    }

    /** Checks count and language of a request; 400 naming each bad field. */
    static int checkRequest(Integer count, int defaultCount, int maxCount, String language) {
        List<FieldError> errors = new ArrayList<>();
        int n = checkRequest(errors, count, defaultCount, maxCount, language);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return n;
    }

    /** As above, adding the problems to {@code errors} for a job that checks more fields. */
    static int checkRequest(List<FieldError> errors, Integer count, int defaultCount, int maxCount, String language) {
        int n = count == null ? defaultCount : count;
        if (n < 1 || n > maxCount) {
            errors.add(new FieldError("count", "must be from 1 to " + maxCount));
        }
        if (language != null && !List.of("nl", "en").contains(language)) {
            errors.add(new FieldError("language", "must be nl or en"));
        }
        return n;
    }

    /** Reads one element of an answer's array; {@code at} names it ("solutions[2]") for problems. */
    interface ElementReader<T> {
        T read(JsonNode element, String at);
    }

    /** Reads each element of the answer's top-level array {@code name}; no such array is a malformed answer. */
    static <T> List<T> readEach(JsonNode root, String name, ElementReader<T> reader) {
        JsonNode array = root.path(name);
        if (!array.isArray()) {
            throw new MalformedAnswerException("the answer has no \"" + name + "\" array");
        }
        List<T> read = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            read.add(reader.read(array.get(i), name + "[" + i + "]"));
        }
        return read;
    }

    /**
     * What an opportunity and a solution are checked for alike: a body of 1 to 1500 characters,
     * written in the language asked for, cited to the evidence, and within the output policy.
     */
    static void checkTitledText(List<String> problems, String at, String title, String bodyField, String body,
                                List<String> citations, String language, EvidenceContext evidence,
                                OutputPolicy.Allowed allowed) {
        if (body.isBlank() || body.length() > 1500) {
            problems.add(at + "." + bodyField + " must have 1 to 1500 characters");
        }
        checkLanguage(problems, at, title + "\n" + body, language);
        problems.addAll(CopyValidator.citationProblems(at, citations, evidence));
        checkPolicy(problems, at + ".title", title, allowed);
        checkPolicy(problems, at + "." + bodyField, body, allowed);
    }

    /** The requested language, else the brand profile's, else the journey's. */
    static String language(String requested, BrandProfile brand, Journey journey) {
        return requested != null ? requested : brand.version() > 0 ? brand.defaultLanguage().code() : journey.language().code();
    }

    static String languageName(String code) {
        return code.equals("nl") ? "Dutch (Nederlands)" : "English";
    }

    static String brandName(Workspaces workspaces, CurrentWorkspace caller) {
        return workspaces.findBySlug(caller.slug()).map(Workspaces.Workspace::name).orElse(caller.slug());
    }

    /**
     * Map text for a prompt (names, ideal messages, persona and opportunity texts): personal data
     * redacted, and {@linkplain DataFence#screened withheld} when it reads like instructions.
     */
    static String mapText(String text) {
        return text == null ? "" : PiiRedactor.redact(DataFence.screened(text)).text();
    }

    /** The output policy's verdict on one field of an answer, as problems naming the field. */
    static void checkPolicy(List<String> problems, String path, String text, OutputPolicy.Allowed allowed) {
        problems.addAll(OutputPolicy.messages(OutputPolicy.check(path, text, allowed)));
    }

    /**
     * What a job's answer may hold beyond the rules: the brand's name and profile, the map text
     * the job was given, and the KPIs of its evidence. The evidence's customer text is where
     * names only customers use (competitors, planted brands) come from.
     */
    static OutputPolicy.Allowed allowed(String brandName, BrandProfile brand, EvidenceContext evidence,
                                        String... mapText) {
        List<String> parts = new ArrayList<>(List.of(brandName, brand.ownWords()));
        for (String text : mapText) {
            // map text withheld from the prompt allows nothing either
            parts.add(text == null ? "" : DataFence.screened(text));
        }
        List<String> customerTexts = evidence.items().values().stream().filter(i -> !i.type().equals("kpi"))
                .map(EvidenceContext.Item::text).toList();
        return OutputPolicy.Allowed.of(String.join("\n", parts), evidence.kpiValues(), customerTexts);
    }

    static void checkLanguage(List<String> problems, String at, String text, String language) {
        String detected = CopyLanguage.of(text);
        if (!detected.equals("other") && !detected.equals(language)) {
            problems.add(at + " is written in " + detected + " instead of " + language);
        }
    }

    /** A suggestion's content as the job built it, with the citations its references resolve to. */
    static Suggestions.Draft draft(ObjectNode content, List<String> refs, EvidenceContext evidence) {
        return new Suggestions.Draft(JSON.convertValue(content, CONTENT), citations(refs, evidence));
    }

    static List<Suggestions.Citation> citations(List<String> refs, EvidenceContext evidence) {
        return refs.stream().distinct().map(ref -> {
            EvidenceContext.Item item = evidence.items().get(ref);
            return new Suggestions.Citation(ref, item.id(), item.type(), item.text());
        }).toList();
    }
}
