package com.journeyassistant.generation;

import static com.journeyassistant.generation.JobSupport.mapText;

import com.journeyassistant.analytics.AnalyticsReport;
import com.journeyassistant.analytics.JourneyAnalytics;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import dev.langchain4j.model.output.structured.Description;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Short names for a journey's themes, pains and gains, written by the configured model on request. Each name must
 * rest on quotes of the group it names (checked, with one repair round), pass the output policy and be in the
 * requested language; then it is kept, and the journey's analytics show it beside the group's own words.
 */
@Service
class ThemeNames {

    static final String JOB = "theme-names";
    static final int THEMES = 12;
    static final int PAINS = 8;
    static final int GAINS = 4;
    static final int MAX_NAME = 60;
    static final int MAX_WORDS = 8;

    public record Request(String language) {
    }

    /** One named group: its kind ({@code theme}, {@code pain}, {@code gain}), its label, its name and the quotes cited. */
    public record NamedGroup(String kind, String label, String name, List<UUID> citedFeedback) {
    }

    public record Result(List<NamedGroup> names, String model, String promptVersion, int inputTokens,
                         int outputTokens) {
    }

    record Name(@Description("the group's reference, such as T1, P2 or G1") String ref, String name,
                @Description("ids of the group's quotes the name rests on, such as F3") List<String> citations) {
    }

    record Answer(List<Name> names) {
    }

    private static final AnswerSchema<Answer> ANSWER = AnswerSchema.of("theme_names", Answer.class);

    /** A group as the model is given it. */
    private record Group(String ref, String kind, String label, List<String> keywords, List<String> quoteRefs) {
    }

    private final JobBasics basics;
    private final JourneyAnalytics analytics;
    private final ThemeNameStore store;

    ThemeNames(JobBasics basics, JourneyAnalytics analytics, ThemeNameStore store) {
        this.basics = basics;
        this.analytics = analytics;
        this.store = store;
    }

    Result name(CurrentWorkspace caller, UUID journeyId, Request request) {
        String requested = request == null ? null : request.language();
        if (requested != null && !List.of("nl", "en").contains(requested)) {
            throw ApiProblemException.invalid(List.of(new ApiProblemException.FieldError("language", "must be nl or en")));
        }
        basics.generator.ensureConfigured();
        basics.quotas.admit(caller);
        UUID ws = caller.workspaceId();
        JobBasics.Setting setting = basics.setting(caller, journeyId);
        String language = JobSupport.language(requested, setting.brand(), setting.journey());
        AnalyticsReport.Insights insights = analytics.analyse(ws, journeyId).journey();
        EvidenceContext evidence = new EvidenceContext(basics.generator.evidenceTokens());
        List<Group> groups = new ArrayList<>();
        insights.themes().stream().limit(THEMES).forEach(t -> groups.add(group("T" + (groups.size() + 1), "theme",
                t.label(), t.keywords(), t.quotes(), evidence)));
        int pains = 0;
        for (AnalyticsReport.Cause pain : insights.pains().stream().limit(PAINS).toList()) {
            groups.add(group("P" + ++pains, "pain", pain.label(), pain.keywords(), pain.quotes(), evidence));
        }
        int gains = 0;
        for (AnalyticsReport.Cause gain : insights.gains().stream().limit(GAINS).toList()) {
            groups.add(group("G" + ++gains, "gain", gain.label(), gain.keywords(), gain.quotes(), evidence));
        }
        groups.removeIf(g -> g.quoteRefs().isEmpty());
        if (groups.isEmpty()) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "No themes to name",
                    "Journey " + journeyId + " has no feedback themes yet: import feedback and let it be indexed first",
                    List.of());
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("brandName", setting.brandName());
        values.put("languageName", JobSupport.languageName(language));
        values.put("count", String.valueOf(groups.size()));
        values.put("journeyName", mapText(setting.journey().name()));
        values.put("groups", groups.stream().map(g -> g.ref() + ": " + DataFence.fence(mapText(String.join(", ",
                g.keywords()))) + "; quotes " + String.join(" ", g.quoteRefs())).collect(Collectors.joining("\n")));
        values.put("evidence", evidence.block());
        OutputPolicy.Allowed allowed = JobSupport.allowed(setting.brandName(), setting.brand(), evidence,
                setting.journey().name());
        Generator.Generated<List<Name>> generated = basics.generator.generate(JOB, values, ANSWER.schema(),
                answer -> ANSWER.read(answer).names(), names -> problems(names, groups, language, allowed));

        Map<String, Group> byRef = new HashMap<>();
        groups.forEach(g -> byRef.put(g.ref(), g));
        List<NamedGroup> named = generated.result().stream().map(n -> {
            Group g = byRef.get(n.ref().strip());
            return new NamedGroup(g.kind(), g.label(), n.name().strip(), n.citations().stream().distinct()
                    .map(ref -> evidence.items().get(ref.strip()).id()).toList());
        }).toList();
        basics.quotas.spend(caller, (long) generated.inputTokens() + generated.outputTokens());
        store.keep(ws, journeyId, named, generated.model(), generated.promptVersion(), caller.apiKeyName());
        return new Result(named, generated.model(), generated.promptVersion(), generated.inputTokens(),
                generated.outputTokens());
    }

    private static Group group(String ref, String kind, String label, List<String> keywords,
                               List<AnalyticsReport.Quote> quotes, EvidenceContext evidence) {
        List<String> refs = new ArrayList<>();
        for (AnalyticsReport.Quote quote : quotes) {
            evidence.add("feedback", quote.feedbackId(), quote.text());
            String quoteRef = evidence.refOf(quote.feedbackId());
            if (quoteRef != null) {
                refs.add(quoteRef);
            }
        }
        return new Group(ref, kind, label, keywords, refs);
    }

    private static List<String> problems(List<Name> names, List<Group> groups, String language,
                                         OutputPolicy.Allowed allowed) {
        List<String> problems = new ArrayList<>();
        Map<String, Group> byRef = new HashMap<>();
        groups.forEach(g -> byRef.put(g.ref(), g));
        Map<String, Integer> seen = new HashMap<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            Name n = names.get(i);
            String at = "names[" + i + "]";
            String ref = n.ref() == null ? "" : n.ref().strip();
            Group group = byRef.get(ref);
            if (group == null) {
                problems.add(at + ".ref \"" + ref + "\" is not one of the groups listed");
                continue;
            }
            seen.merge(ref, 1, Integer::sum);
            String name = n.name() == null ? "" : n.name().strip();
            int words = name.isEmpty() ? 0 : name.split("\\s+").length;
            if (name.length() < 3 || name.length() > MAX_NAME || words > MAX_WORDS) {
                problems.add(at + ".name must have 3 to " + MAX_NAME + " characters and at most " + MAX_WORDS
                        + " words");
            }
            List<String> citations = n.citations() == null ? List.of() : n.citations();
            if (citations.isEmpty()) {
                problems.add(at + ".citations must cite at least one quote of " + ref);
            }
            Set<String> own = Set.copyOf(group.quoteRefs());
            citations.stream().map(String::strip).filter(c -> !own.contains(c)).distinct().forEach(c -> problems.add(
                    at + ".citations: " + c + " is not a quote of " + ref + " (its quotes: "
                            + String.join(" ", group.quoteRefs()) + ")"));
            JobSupport.checkPolicy(problems, at + ".name", name, allowed);
            all.append(name).append(". ");
        }
        for (Group g : groups) {
            int count = seen.getOrDefault(g.ref(), 0);
            if (count != 1) {
                problems.add(g.ref() + " must be named exactly once, not " + count + " times");
            }
        }
        JobSupport.checkLanguage(problems, "names", all.toString(), language);
        return problems;
    }

}
