package com.journeyassistant.generation;

import com.journeyassistant.suggestions.Suggestions;
import dev.langchain4j.model.output.structured.Description;
import static com.journeyassistant.generation.JobSupport.mapText;

import com.journeyassistant.analytics.AnalyticsReport;
import com.journeyassistant.analytics.JourneyAnalytics;
import com.journeyassistant.evidence.EvidenceSearch;
import com.journeyassistant.evidence.EvidenceViews;
import com.journeyassistant.suggestions.Suggestions.Draft;
import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.journey.Personas;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Persona drafts from the journey's feedback segments and themes. Each attribute cites its evidence;
 * code counts how many items back it and flags thin backing (fewer than two) instead of hiding it.
 */
@Service
class PersonaDrafts {

    static final String JOB = "persona-drafts";
    static final int THIN = 2;
    private static final int SEGMENTS = 3;
    private static final int PER_SEGMENT = 6;
    private static final int THEMES = 5;
    private static final int PAINS = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What an attribute of a persona says: lower case, as the model and the stored draft name them. */
    enum AttributeKind { goal, pain, behaviour, channel }

    record Attribute(AttributeKind kind, String text,
                     @Description("ids of the evidence it rests on, such as F1") List<String> citations) {
    }

    record PersonaDraft(String name, String description,
                        @Description("one of the segments listed, or none") String segment, List<Attribute> attributes) {
    }

    record Answer(List<PersonaDraft> personas) {
    }

    private static final AnswerSchema<Answer> ANSWER = AnswerSchema.of("persona_drafts", Answer.class);

    private final JobBasics basics;
    private final JourneyAnalytics analytics;
    private final EvidenceSearch search;
    private final Personas personas;

    PersonaDrafts(JobBasics basics, JourneyAnalytics analytics, EvidenceSearch search, Personas personas) {
        this.basics = basics;
        this.analytics = analytics;
        this.search = search;
        this.personas = personas;
    }

    GenerationResult generate(CurrentWorkspace caller, UUID journeyId, JobRequest request) {
        basics.generator.ensureConfigured();
        int count = JobSupport.checkRequest(request.count(), 2, 3, request.language());
        UUID ws = caller.workspaceId();
        JobBasics.Setting setting = basics.setting(caller, journeyId);
        Journey journey = setting.journey();
        String language = JobSupport.language(request.language(), setting.brand(), journey);
        AnalyticsReport report = analytics.analyse(ws, journeyId);
        if (report.evidence().feedback() == 0) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "No feedback to draft personas from",
                    "Journey " + journeyId + " has no feedback yet; import some first", List.of());
        }
        List<AnalyticsReport.Segment> segments = report.segments().stream().limit(SEGMENTS).toList();
        List<AnalyticsReport.Theme> themes = report.journey().themes().stream().limit(THEMES).toList();
        List<AnalyticsReport.Cause> pains = report.journey().pains().stream().limit(PAINS).toList();
        EvidenceContext evidence = new EvidenceContext(basics.generator.evidenceTokens());
        // what each segment's customers say about themselves (nearest by meaning is enough), and research insights
        List<EvidenceSearch.Lookup> lookups = new ArrayList<>();
        for (AnalyticsReport.Segment segment : segments) {
            lookups.add(new EvidenceSearch.Lookup(new EvidenceSearch.Filters(journeyId, null, null, segment.name(),
                    "feedback", null, null), PER_SEGMENT, EvidenceSearch.Mode.VECTOR));
        }
        lookups.add(new EvidenceSearch.Lookup(new EvidenceSearch.Filters(journeyId, null, null, null, "insight", null,
                null), PER_SEGMENT, EvidenceSearch.Mode.HYBRID));
        List<List<EvidenceViews.SearchHit>> found = search.searchEach(ws,
                "klanten doelen frustraties gewoonten customers goals frustrations habits", lookups);
        for (int s = 0; s < segments.size(); s++) {
            String segment = segments.get(s).name();
            found.get(s).forEach(h -> evidence.add("feedback", h.id(), "(segment " + segment + ") " + h.snippet()));
        }
        found.get(segments.size()).forEach(h -> evidence.add("insight", h.id(), h.snippet()));
        themes.forEach(t -> t.quotes().forEach(q -> evidence.add("feedback", q.feedbackId(), q.text())));
        pains.forEach(p -> p.quotes().forEach(q -> evidence.add("feedback", q.feedbackId(), q.text())));
        if (evidence.isEmpty()) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Feedback not indexed yet",
                    "The journey's feedback is still being embedded (see /evidence/index); try again shortly", List.of());
        }
        String brandName = setting.brandName();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("brandName", brandName);
        values.put("languageName", JobSupport.languageName(language));
        values.put("count", String.valueOf(count));
        values.put("journeyName", mapText(journey.name()));
        values.put("segments", segments.isEmpty() ? "(no segments in the feedback)" : segments.stream()
                .map(s -> DataFence.fence(mapText(s.name())) + " (" + s.feedback() + ", "
                        + (s.meanScore() == null ? "no scores" : s.meanScore()) + ")")
                .collect(Collectors.joining("; ")));
        values.put("themes", themes.isEmpty() ? "(no themes yet)" : java.util.stream.Stream.concat(themes.stream()
                .map(t -> "- theme " + DataFence.fence(mapText(String.join(", ", t.keywords()))) + " (" + t.size()
                        + " items, mean " + (t.meanScore() == null ? "unknown" : t.meanScore()) + "), quotes "
                        + refs(evidence, t.quotes())), pains.stream()
                .map(p -> "- pain " + DataFence.fence(mapText(String.join(", ", p.keywords()))) + " ("
                        + p.customers() + " unhappy customers, mean " + p.meanScore() + "), quotes "
                        + refs(evidence, p.quotes())))
                .collect(Collectors.joining("\n")));
        values.put("existingPersonas", mapText(personas.list(ws, journeyId).stream().map(p -> p.name())
                .collect(Collectors.joining("; "))));
        values.put("evidence", evidence.block());
        Set<String> segmentNames = segments.stream().map(AnalyticsReport.Segment::name).collect(Collectors.toSet());
        OutputPolicy.Allowed allowed = JobSupport.allowed(brandName, setting.brand(), evidence, journey.name(),
                String.join("\n", segmentNames));

        Generator.Generated<List<PersonaDraft>> generated = basics.generator.generate(JOB, values, ANSWER.schema(),
                answer -> ANSWER.read(answer).personas(),
                drafts -> problems(drafts, count, segmentNames, language, evidence, allowed));
        List<Draft> drafts = generated.result().stream().map(d -> draft(d, language, evidence)).toList();
        return basics.store(caller, journeyId, Suggestions.Kind.PERSONA, "journey", journeyId, generated, drafts);
    }

    private static List<String> problems(List<PersonaDraft> drafts, int count, Set<String> segments, String language,
                                         EvidenceContext evidence, OutputPolicy.Allowed allowed) {
        List<String> problems = new ArrayList<>();
        if (drafts.size() != count) {
            problems.add("expected " + count + " persona(s), got " + drafts.size());
        }
        for (int i = 0; i < drafts.size(); i++) {
            PersonaDraft d = drafts.get(i);
            String at = "personas[" + i + "]";
            if (d.name().isBlank() || d.name().length() > 200) {
                problems.add(at + ".name must have 1 to 200 characters");
            }
            if (d.description().length() > 1000) {
                problems.add(at + ".description must have at most 1000 characters");
            }
            if (!d.segment().equals("none") && !segments.contains(d.segment())) {
                problems.add(at + ".segment \"" + d.segment() + "\" is not one of the segments listed");
            }
            if (d.attributes().size() < 3) {
                problems.add(at + " needs at least three attributes");
            }
            StringBuilder text = new StringBuilder(d.name() + "\n" + d.description());
            for (int a = 0; a < d.attributes().size(); a++) {
                Attribute attribute = d.attributes().get(a);
                String where = at + ".attributes[" + a + "]";
                if (attribute.text().isBlank() || attribute.text().length() > 300) {
                    problems.add(where + ".text must have 1 to 300 characters");
                }
                problems.addAll(CopyValidator.citationProblems(where, attribute.citations(), evidence));
                JobSupport.checkPolicy(problems, where + ".text", attribute.text(), allowed);
                text.append('\n').append(attribute.text());
            }
            JobSupport.checkLanguage(problems, at, text.toString(), language);
            JobSupport.checkPolicy(problems, at + ".name", d.name(), allowed);
            JobSupport.checkPolicy(problems, at + ".description", d.description(), allowed);
        }
        return problems;
    }

    private static Draft draft(PersonaDraft d, String language, EvidenceContext evidence) {
        ObjectNode content = JSON.createObjectNode();
        content.put("name", d.name().strip());
        content.put("description", d.description().strip());
        content.put("segment", d.segment());
        content.put("language", language);
        ArrayNode attributes = content.putArray("attributes");
        List<String> allRefs = new ArrayList<>();
        int thin = 0;
        for (Attribute a : d.attributes()) {
            int backing = (int) a.citations().stream().distinct().count();
            ObjectNode attribute = attributes.addObject();
            attribute.put("kind", a.kind().name());
            attribute.put("text", a.text().strip());
            attribute.set("citations", JSON.valueToTree(a.citations().stream().distinct().toList()));
            attribute.put("backing", backing);
            attribute.put("thinBacking", backing < THIN);
            thin += backing < THIN ? 1 : 0;
            allRefs.addAll(a.citations());
        }
        content.put("thinlyBackedAttributes", thin);
        return JobSupport.draft(content, allRefs, evidence);
    }

    private static String refs(EvidenceContext evidence, List<AnalyticsReport.Quote> quotes) {
        return quotes.stream().map(q -> evidence.refOf(q.feedbackId())).filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
    }

}
