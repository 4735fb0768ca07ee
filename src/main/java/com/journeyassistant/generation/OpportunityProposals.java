package com.journeyassistant.generation;

import com.journeyassistant.suggestions.Suggestions;
import dev.langchain4j.model.output.structured.Description;
import static com.journeyassistant.generation.JobSupport.mapText;

import com.journeyassistant.analytics.AnalyticsReport;
import com.journeyassistant.analytics.JourneyAnalytics;
import com.journeyassistant.evidence.EvidenceFacts.KpiFact;
import com.journeyassistant.suggestions.Suggestions.Draft;
import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.journey.Opportunities;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Opportunity proposals for a journey. Code finds the signals — KPIs off target, touchpoints
 * customers are unhappy with, negative feedback themes — and scores each by reach, severity
 * and confidence; the priority comes from that score. The model only picks signals and
 * writes the title and statement.
 */
@Service
class OpportunityProposals {

    static final String JOB = "opportunity-proposals";
    static final int MAX_SIGNALS = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();


    /** Something code found worth improving, with the parts of its score (each from 0 to 1). */
    record Signal(String ref, String type, String description, UUID stageId, UUID touchpointId, double reach,
                  double severity, double confidence, List<UUID> kpiIds, List<AnalyticsReport.Quote> quotes) {
        double score() {
            return reach * severity * confidence;
        }

        /** HIGH from 0.25, MEDIUM from 0.08: a widely felt, clearly measured, serious problem is HIGH. */
        String priority() {
            return score() >= 0.25 ? "HIGH" : score() >= 0.08 ? "MEDIUM" : "LOW";
        }
    }

    record Proposal(@Description("the id of the signal, such as S1") String signal, String title, String statement,
                    @Description("ids of the evidence it rests on, such as F1") List<String> citations) {
    }

    record Answer(List<Proposal> opportunities) {
    }

    private static final AnswerSchema<Answer> ANSWER = AnswerSchema.of("opportunity_proposals", Answer.class);

    private final JobBasics basics;
    private final JourneyAnalytics analytics;
    private final Opportunities opportunities;

    OpportunityProposals(JobBasics basics, JourneyAnalytics analytics, Opportunities opportunities) {
        this.basics = basics;
        this.analytics = analytics;
        this.opportunities = opportunities;
    }

    GenerationResult generate(CurrentWorkspace caller, UUID journeyId, JobRequest request) {
        basics.generator.ensureConfigured();
        int count = JobSupport.checkRequest(request.count(), 3, 5, request.language());
        UUID ws = caller.workspaceId();
        JobBasics.Setting setting = basics.setting(caller, journeyId);
        Journey journey = setting.journey();
        String language = JobSupport.language(request.language(), setting.brand(), journey);
        AnalyticsReport report = analytics.analyse(ws, journeyId);
        List<KpiFact> kpis = basics.grounding.latestKpis(ws, journeyId, k -> true);
        List<Signal> signals = signals(report, kpis);
        if (signals.isEmpty()) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Nothing to improve found yet",
                    "Journey " + journeyId + " has no KPI off target, no unhappy touchpoint and no negative feedback"
                            + " theme; import KPIs with targets and feedback first", List.of());
        }
        Set<UUID> signalKpis = signals.stream().flatMap(s -> s.kpiIds().stream()).collect(Collectors.toSet());
        EvidenceContext evidence = basics.grounding.forJourney(ws, journeyId,
                signals.stream().map(Signal::touchpointId).filter(Objects::nonNull).distinct().limit(2).toList(),
                signals.get(0).description(), k -> signalKpis.contains(k.id()), basics.generator.evidenceTokens());
        signals.forEach(s -> s.quotes().forEach(q -> evidence.add("feedback", q.feedbackId(), q.text())));
        Map<UUID, String> refsById = new HashMap<>();
        evidence.items().values().forEach(i -> refsById.put(i.id(), i.ref()));
        String brandName = setting.brandName();

        Map<String, String> values = new LinkedHashMap<>();
        values.put("brandName", brandName);
        values.put("languageName", JobSupport.languageName(language));
        values.put("count", String.valueOf(Math.min(count, signals.size())));
        values.put("journeyName", mapText(journey.name()));
        values.put("signals", signals.stream().map(s -> s.ref() + " [" + s.type() + "] " + s.description()
                + evidenceRefs(s, refsById)).collect(Collectors.joining("\n")));
        values.put("existingOpportunities", mapText(opportunities.list(ws, journeyId).stream().map(o -> o.title())
                .collect(Collectors.joining("; "))));
        values.put("evidence", evidence.block());
        Map<String, Signal> byRef = new LinkedHashMap<>();
        signals.forEach(s -> byRef.put(s.ref(), s));
        OutputPolicy.Allowed allowed = JobSupport.allowed(brandName, setting.brand(), evidence, journey.name(),
                signals.stream().map(Signal::description).collect(Collectors.joining("\n")));
        int expected = Math.min(count, signals.size());

        Generator.Generated<List<Proposal>> generated = basics.generator.generate(JOB, values, ANSWER.schema(),
                answer -> ANSWER.read(answer).opportunities(), proposals -> problems(proposals, expected, byRef, language, evidence, allowed));
        List<Draft> drafts = generated.result().stream().map(p -> {
            Signal signal = byRef.get(p.signal());
            ObjectNode content = JSON.createObjectNode();
            content.put("title", p.title().strip());
            content.put("statement", p.statement().strip());
            content.put("priority", signal.priority());
            ObjectNode basis = content.putObject("signal");
            basis.put("type", signal.type());
            basis.put("description", signal.description());
            basis.put("reach", round(signal.reach()));
            basis.put("severity", round(signal.severity()));
            basis.put("confidence", round(signal.confidence()));
            basis.put("score", round(signal.score()));
            content.set("touchpointIds", JSON.valueToTree(signal.touchpointId() == null ? List.of()
                    : List.of(signal.touchpointId().toString())));
            if (signal.stageId() != null) {
                content.put("stageId", signal.stageId().toString());
            }
            content.put("language", language);
            return JobSupport.draft(content, p.citations(), evidence);
        }).toList();
        return basics.store(caller, journeyId, Suggestions.Kind.OPPORTUNITY, "journey", journeyId, generated, drafts);
    }

    /**
     * The signals, strongest first. Reach: a KPI's daily traffic against the journey's busiest,
     * or the share of the stage's feedback (for a touchpoint: against the most discussed one).
     * Severity: how far off target (50 % off is the maximum), or how unhappy (1 is the maximum).
     * Confidence: measured KPIs 0.9; feedback n / (n + 5).
     */
    /** The strongest pains of each stage that become signals. */
    static final int PAINS_PER_STAGE = 3;

    static List<Signal> signals(AnalyticsReport report, List<KpiFact> kpis) {
        double busiest = kpis.stream().map(KpiFact::dailyTraffic).filter(Objects::nonNull)
                .mapToDouble(BigDecimal::doubleValue).max().orElse(0);
        Map<UUID, KpiFact> kpiById = new HashMap<>();
        kpis.forEach(k -> kpiById.put(k.id(), k));
        int mostItems = report.emotionCurve().stream().mapToInt(AnalyticsReport.EmotionPoint::items).max().orElse(1);
        List<Signal> signals = new ArrayList<>();
        for (AnalyticsReport.StageAnalytics stage : report.stages()) {
            for (AnalyticsReport.KpiStatus kpi : stage.kpis()) {
                if (kpi.status() == AnalyticsReport.Status.MISSED || kpi.status() == AnalyticsReport.Status.CLOSE) {
                    KpiFact fact = kpiById.get(kpi.kpiId());
                    double traffic = fact == null || fact.dailyTraffic() == null ? 0 : fact.dailyTraffic().doubleValue();
                    signals.add(new Signal(null, "KPI off target", stage.name() + ": " + kpi.metric() + " is "
                            + kpi.value().toPlainString() + (kpi.unit() == null ? "" : " " + kpi.unit()) + " against a target of "
                            + kpi.target().toPlainString() + " (" + kpi.better() + " is better)", stage.stageId(),
                            kpi.touchpointId(), busiest > 0 && traffic > 0 ? traffic / busiest : 0.5,
                            Math.min(1, Math.abs(kpi.gapPercent() == null ? 10 : kpi.gapPercent()) / 50), 0.9,
                            List.of(kpi.kpiId()), List.of()));
                }
            }
            for (AnalyticsReport.Cause pain : stage.pains().stream().limit(PAINS_PER_STAGE).toList()) {
                signals.add(new Signal(null, "pain in the feedback", stage.name() + ": " + pain.customers()
                        + " unhappy customers about " + String.join(", ", pain.keywords()) + " (mean score "
                        + pain.meanScore() + " of 5)", stage.stageId(), null,
                        Math.min(1, pain.customers() / (double) Math.max(1, stage.feedback())),
                        Math.min(1, Math.max(0, (3 - pain.meanScore()) / 2)),
                        pain.customers() / (pain.customers() + 5.0), List.of(), pain.quotes()));
            }
        }
        for (AnalyticsReport.EmotionPoint point : report.emotionCurve()) {
            if (point.level() != null && point.level() <= 2) {
                signals.add(new Signal(null, "unhappy touchpoint", point.name() + ": customers feel "
                        + point.emotion().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (mean score "
                        + point.meanScore() + " of 5 from " + point.items() + " items)", point.stageId(),
                        point.touchpointId(), point.items() / (double) mostItems,
                        Math.min(1, Math.max(0, (3 - point.meanScore()) / 2)), point.items() / (point.items() + 5.0),
                        List.of(), List.of()));
            }
        }
        signals.sort(Comparator.comparingDouble(Signal::score).reversed().thenComparing(Signal::description));
        List<Signal> numbered = new ArrayList<>();
        for (Signal s : signals.subList(0, Math.min(MAX_SIGNALS, signals.size()))) {
            numbered.add(new Signal("S" + (numbered.size() + 1), s.type(), s.description(), s.stageId(), s.touchpointId(),
                    s.reach(), s.severity(), s.confidence(), s.kpiIds(), s.quotes()));
        }
        return numbered;
    }

    private static String evidenceRefs(Signal signal, Map<UUID, String> refsById) {
        List<String> refs = new ArrayList<>();
        signal.kpiIds().forEach(id -> refs.add(refsById.get(id)));
        signal.quotes().forEach(q -> refs.add(refsById.get(q.feedbackId())));
        refs.removeIf(Objects::isNull);
        return refs.isEmpty() ? "" : " (evidence " + String.join(", ", refs) + ")";
    }

    private static List<String> problems(List<Proposal> proposals, int count, Map<String, Signal> signals,
                                         String language, EvidenceContext evidence, OutputPolicy.Allowed allowed) {
        List<String> problems = new ArrayList<>();
        if (proposals.size() != count) {
            problems.add("expected " + count + " opportunity/opportunities, got " + proposals.size());
        }
        Set<String> used = new HashSet<>();
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            String at = "opportunities[" + i + "]";
            if (!signals.containsKey(p.signal())) {
                problems.add(at + ".signal " + p.signal() + " is not one of " + signals.keySet());
            } else if (!used.add(p.signal())) {
                problems.add(at + ".signal " + p.signal() + " is used twice");
            }
            if (p.title().isBlank() || p.title().length() > 200) {
                problems.add(at + ".title must have 1 to 200 characters");
            }
            JobSupport.checkTitledText(problems, at, p.title(), "statement", p.statement(), p.citations(), language,
                    evidence, allowed);
        }
        return problems;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
