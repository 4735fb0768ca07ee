package com.journeyassistant.generation;

import com.journeyassistant.suggestions.Suggestions;
import dev.langchain4j.model.output.structured.Description;
import static com.journeyassistant.generation.JobSupport.mapText;

import com.journeyassistant.suggestions.Suggestions.Draft;
import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.journey.MapModels.Opportunity;
import com.journeyassistant.journey.Opportunities;
import com.journeyassistant.journey.Solutions;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.CurrentWorkspace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Solution proposals for an opportunity, grounded in the evidence of its touchpoints; accepted ones become Solutions. */
@Service
class SolutionProposals {

    static final String JOB = "solution-proposals";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Solution(String title, String description,
                    @Description("ids of the evidence it rests on, such as F1") List<String> citations) {
    }

    record Answer(List<Solution> solutions) {
    }

    private static final AnswerSchema<Answer> ANSWER = AnswerSchema.of("solution_proposals", Answer.class);

    private final JobBasics basics;
    private final Opportunities opportunities;
    private final Solutions solutions;
    private final Touchpoints touchpoints;

    SolutionProposals(JobBasics basics, Opportunities opportunities, Solutions solutions, Touchpoints touchpoints) {
        this.basics = basics;
        this.opportunities = opportunities;
        this.solutions = solutions;
        this.touchpoints = touchpoints;
    }

    GenerationResult generate(CurrentWorkspace caller, UUID opportunityId, JobRequest request) {
        basics.generator.ensureConfigured();
        int count = JobSupport.checkRequest(request.count(), 3, 5, request.language());
        UUID ws = caller.workspaceId();
        Opportunity opportunity = opportunities.get(ws, opportunityId);
        JobBasics.Setting setting = basics.setting(caller, opportunity.journeyId());
        Journey journey = setting.journey();
        String language = JobSupport.language(request.language(), setting.brand(), journey);
        Set<UUID> touchpointIds = new HashSet<>(opportunity.touchpointIds());
        EvidenceContext evidence = basics.grounding.forJourney(ws, journey.id(), opportunity.touchpointIds(),
                opportunity.title() + " " + (opportunity.description() == null ? "" : opportunity.description()),
                k -> touchpointIds.contains(k.touchpointId()), basics.generator.evidenceTokens());
        String brandName = setting.brandName();
        List<String> existing = solutions.list(ws, opportunityId).stream().map(s -> s.title()).toList();

        Map<String, String> values = new LinkedHashMap<>();
        values.put("brandName", brandName);
        values.put("languageName", JobSupport.languageName(language));
        values.put("count", String.valueOf(count));
        values.put("opportunityTitle", mapText(opportunity.title()));
        values.put("opportunityDescription", mapText(opportunity.description()));
        values.put("touchpoints", opportunity.touchpointIds().isEmpty() ? "(none)" : opportunity.touchpointIds().stream()
                .map(id -> mapText(touchpoints.get(ws, id).name())).collect(Collectors.joining(", ")));
        values.put("existingSolutions", existing.isEmpty() ? "(none)" : mapText(String.join("; ", existing)));
        values.put("evidence", evidence.block());
        OutputPolicy.Allowed allowed = JobSupport.allowed(brandName, setting.brand(), evidence, opportunity.title(),
                opportunity.description(), values.get("touchpoints"));

        Generator.Generated<List<Solution>> generated = basics.generator.generate(JOB, values, ANSWER.schema(),
                answer -> ANSWER.read(answer).solutions(),
                proposals -> problems(proposals, count, language, evidence, allowed));
        List<Draft> drafts = generated.result().stream().map(s -> {
            ObjectNode content = JSON.createObjectNode();
            content.put("title", s.title().strip());
            content.put("description", s.description().strip());
            content.put("language", language);
            return JobSupport.draft(content, s.citations(), evidence);
        }).toList();
        return basics.store(caller, journey.id(), Suggestions.Kind.SOLUTION, "opportunity", opportunityId, generated,
                drafts);
    }

    private static List<String> problems(List<Solution> proposals, int count, String language,
                                         EvidenceContext evidence, OutputPolicy.Allowed allowed) {
        List<String> problems = new ArrayList<>();
        if (proposals.size() != count) {
            problems.add("expected " + count + " solution(s), got " + proposals.size());
        }
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < proposals.size(); i++) {
            Solution s = proposals.get(i);
            String at = "solutions[" + i + "]";
            if (s.title().isBlank() || s.title().length() > 200) {
                problems.add(at + ".title must have 1 to 200 characters");
            } else if (!titles.add(s.title().strip().toLowerCase(Locale.ROOT))) {
                problems.add(at + ".title repeats another solution");
            }
            JobSupport.checkTitledText(problems, at, s.title(), "description", s.description(), s.citations(), language,
                    evidence, allowed);
        }
        return problems;
    }
}
