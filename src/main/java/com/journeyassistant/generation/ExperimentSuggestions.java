package com.journeyassistant.generation;

import com.journeyassistant.suggestions.Suggestions;
import dev.langchain4j.model.output.structured.Description;
import static com.journeyassistant.generation.JobSupport.mapText;

import com.journeyassistant.experiments.ExperimentMath;
import com.journeyassistant.evidence.EvidenceFacts.KpiFact;
import com.journeyassistant.suggestions.Suggestions.Draft;
import com.journeyassistant.journey.MapModels.BrandProfile;
import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.journey.MapModels.Touchpoint;
import com.journeyassistant.journey.Stages;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Experiment suggestions for a touchpoint. The model writes the hypothesis, control and
 * variants and picks the primary metric and the minimum detectable effect; code takes the
 * baseline from that KPI and computes the sample size per arm and the duration from the
 * touchpoint's daily traffic. A test that would take longer than eight weeks is flagged as
 * not testable yet.
 */
@Service
class ExperimentSuggestions {

    static final String JOB = "experiment-suggestions";
    static final int MAX_COUNT = 3;
    static final int MAX_DAYS = 56;
    static final double ALPHA = 0.05;
    static final double POWER = 0.8;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Experiment(String hypothesis, String control, List<String> variants,
                      @Description("the id of a rate KPI, such as K1") String primaryMetric,
                      @Description("relative, as a fraction: 0.1 is 10 % better") Double minimumDetectableEffect,
                      @Description("ids of the evidence it rests on, such as F1") List<String> citations) {
    }

    record Answer(List<Experiment> experiments) {
    }

    private static final AnswerSchema<Answer> ANSWER = AnswerSchema.of("experiment_suggestions", Answer.class);

    private final JobBasics basics;
    private final Touchpoints touchpoints;
    private final Stages stages;

    ExperimentSuggestions(JobBasics basics, Touchpoints touchpoints, Stages stages) {
        this.basics = basics;
        this.touchpoints = touchpoints;
        this.stages = stages;
    }

    GenerationResult generate(CurrentWorkspace caller, UUID touchpointId, JobRequest request) {
        basics.generator.ensureConfigured();
        UUID ws = caller.workspaceId();
        int count = JobSupport.checkRequest(request.count(), 1, MAX_COUNT, request.language());
        Touchpoint touchpoint = touchpoints.get(ws, touchpointId);
        JobBasics.Setting setting = basics.setting(caller, touchpoint.journeyId());
        Journey journey = setting.journey();
        BrandProfile brand = setting.brand();
        String language = JobSupport.language(request.language(), brand, journey);
        List<KpiFact> kpis = basics.grounding.touchpointKpis(ws, touchpoint);
        EvidenceContext evidence = basics.grounding.forTouchpoint(ws, touchpoint, kpis, "",
                basics.generator.evidenceTokens());
        Map<String, KpiFact> rateKpis = rateKpis(kpis, evidence);
        if (rateKpis.isEmpty()) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "No baseline to test against",
                    "Touchpoint " + touchpointId + " has no rate KPI (a KPI with unit %, such as a conversion or open"
                            + " rate) to serve as the primary metric; import one first", List.of());
        }
        BigDecimal dailyTraffic = kpis.stream().map(KpiFact::dailyTraffic).filter(Objects::nonNull).max(BigDecimal::compareTo).orElse(null);
        String brandName = setting.brandName();
        OutputPolicy.Allowed allowed = JobSupport.allowed(brandName, brand, evidence, touchpoint.name(),
                touchpoint.idealMessage(), String.join(" ", touchpoint.assetLinks()));

        Map<String, String> values = new LinkedHashMap<>();
        values.put("brandName", brandName);
        values.put("languageName", JobSupport.languageName(language));
        values.put("count", String.valueOf(count));
        values.put("touchpointName", mapText(touchpoint.name()));
        values.put("channel", touchpoint.channel().name().toLowerCase(Locale.ROOT));
        values.put("stageName", mapText(stages.get(ws, touchpoint.stageId()).name()));
        values.put("journeyName", mapText(journey.name()));
        values.put("idealMessage", mapText(Objects.toString(touchpoint.idealMessage(), "(none)")));
        values.put("rateKpis", rateKpis.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().metric() + ")")
                .collect(Collectors.joining(", ")));
        values.put("evidence", evidence.block());

        Generator.Generated<List<Experiment>> generated = basics.generator.generate(JOB, values, ANSWER.schema(),
                answer -> ANSWER.read(answer).experiments(),
                experiments -> problems(experiments, count, rateKpis, language, evidence, allowed));
        List<Draft> drafts = generated.result().stream()
                .map(e -> draft(e, rateKpis.get(e.primaryMetric()), dailyTraffic, language, evidence)).toList();
        return basics.store(caller, journey.id(), Suggestions.Kind.EXPERIMENT, "touchpoint", touchpointId, generated,
                drafts);
    }

    /** The KPI references in the evidence whose KPI is a rate (unit %) strictly between 0 and 100. */
    private static Map<String, KpiFact> rateKpis(List<KpiFact> kpis, EvidenceContext evidence) {
        Map<UUID, KpiFact> byId = new LinkedHashMap<>();
        kpis.forEach(k -> byId.put(k.id(), k));
        Map<String, KpiFact> rates = new LinkedHashMap<>();
        evidence.items().values().stream().filter(i -> i.type().equals("kpi")).forEach(item -> {
            KpiFact kpi = byId.get(item.id());
            if (kpi != null && "%".equals(kpi.unit()) && kpi.value().signum() > 0
                    && kpi.value().compareTo(BigDecimal.valueOf(100)) < 0) {
                rates.put(item.ref(), kpi);
            }
        });
        return rates;
    }

    private static List<String> problems(List<Experiment> experiments, int count, Map<String, KpiFact> rateKpis,
                                         String language, EvidenceContext evidence, OutputPolicy.Allowed allowed) {
        List<String> problems = new ArrayList<>();
        if (experiments.size() != count) {
            problems.add("expected " + count + " experiment(s), got " + experiments.size());
        }
        for (int i = 0; i < experiments.size(); i++) {
            Experiment e = experiments.get(i);
            String at = "experiments[" + i + "]";
            if (e.hypothesis().isBlank() || e.control().isBlank()) {
                problems.add(at + " needs a hypothesis and a control");
            }
            if (e.variants().isEmpty() || e.variants().size() > 3 || e.variants().stream().anyMatch(String::isBlank)) {
                problems.add(at + ".variants must hold one to three described variants");
            }
            KpiFact metric = rateKpis.get(e.primaryMetric());
            if (metric == null) {
                problems.add(at + ".primaryMetric " + e.primaryMetric() + " is not one of the rate KPIs "
                        + rateKpis.keySet());
            } else {
                double target = target(metric, e.minimumDetectableEffect());
                if (!(e.minimumDetectableEffect() > 0 && e.minimumDetectableEffect() <= 1) || !(target > 0 && target < 1)) {
                    problems.add(at + ".minimumDetectableEffect " + e.minimumDetectableEffect() + " must be a fraction"
                            + " above 0 that keeps the target rate between 0 and 100 %");
                }
            }
            String text = String.join("\n", e.hypothesis(), e.control(), String.join("\n", e.variants()));
            JobSupport.checkLanguage(problems, at, text, language);
            problems.addAll(CopyValidator.citationProblems(at, e.citations(), evidence));
            JobSupport.checkPolicy(problems, at + ".hypothesis", e.hypothesis(), allowed);
            JobSupport.checkPolicy(problems, at + ".control", e.control(), allowed);
            for (int v = 0; v < e.variants().size(); v++) {
                JobSupport.checkPolicy(problems, at + ".variants[" + v + "]", e.variants().get(v), allowed);
            }
        }
        return problems;
    }

    /** The rate to detect: better by the relative effect, which is lower for a metric where lower is better. */
    private static double target(KpiFact metric, double relativeEffect) {
        double baseline = metric.value().movePointLeft(2).doubleValue();
        return metric.higherIsBetter() ? baseline * (1 + relativeEffect) : baseline * (1 - relativeEffect);
    }

    private static Draft draft(Experiment e, KpiFact metric, BigDecimal dailyTraffic, String language,
                               EvidenceContext evidence) {
        double baseline = metric.value().movePointLeft(2).doubleValue();
        double target = target(metric, e.minimumDetectableEffect());
        int arms = e.variants().size() + 1;
        long perArm = ExperimentMath.sampleSizePerArm(baseline, target, ALPHA, POWER, e.variants().size());
        Long days = dailyTraffic == null || dailyTraffic.signum() <= 0 ? null
                : ExperimentMath.durationDays(perArm * arms, dailyTraffic.doubleValue());
        ObjectNode content = JSON.createObjectNode();
        content.put("hypothesis", e.hypothesis());
        content.put("control", e.control());
        content.set("variants", JSON.valueToTree(e.variants()));
        ObjectNode primary = content.putObject("primaryMetric");
        primary.put("kpiId", metric.id().toString());
        primary.put("metric", metric.metric());
        primary.put("period", metric.period());
        primary.put("higherIsBetter", metric.higherIsBetter());
        content.put("baselineRate", baseline);
        content.put("targetRate", target);
        content.put("minimumDetectableEffect", e.minimumDetectableEffect());
        content.put("alpha", ALPHA);
        content.put("power", POWER);
        content.put("sampleSizePerArm", perArm);
        content.put("totalSampleSize", perArm * arms);
        if (dailyTraffic != null) {
            content.put("dailyTraffic", dailyTraffic);
        }
        if (days != null) {
            content.put("durationDays", days);
        }
        boolean testable = days != null && days <= MAX_DAYS;
        content.put("testable", testable);
        if (!testable) {
            content.put("notTestableReason", days == null ? "no daily traffic KPI for this touchpoint"
                    : "needs " + days + " days at the current traffic; more than " + MAX_DAYS + " (eight weeks)");
        }
        content.put("language", language);
        return JobSupport.draft(content, e.citations(), evidence);
    }
}
