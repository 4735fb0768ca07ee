package com.journeyassistant.eval;

import com.journeyassistant.eval.Results.CaseResult;
import com.journeyassistant.eval.Results.SectionResult;
import com.journeyassistant.eval.Results.SuiteResult;
import com.journeyassistant.eval.Results.ThresholdResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs evaluation suites: {@code scripts/eval.sh smoke} (offline, the default),
 * {@code scripts/eval.sh smoke,critical}, {@code scripts/eval.sh live --live}. Starts the
 * service on the demo workspace once, runs each suite's sections, checks its thresholds and
 * writes {@code eval/reports/<suite>/<timestamp>.json} and {@code .html}. Exits with 1 when a
 * threshold is missed.
 */
public final class EvalRunner {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private EvalRunner() {
    }

    /**
     * How to run: against the scripted model or the live one, on H2 or PostgreSQL; {@code settings}
     * holds the JOURNEY_LLM_* and EVAL_* values (the process environment, from the command line).
     */
    record Options(boolean live, String postgres, boolean graders, Map<String, String> settings) {
        static Options offline() {
            return new Options(false, null, false, Map.of());
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> suites = new ArrayList<>();
        boolean live = false;
        boolean graders = false;
        String postgres = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--live" -> live = true;
                case "--graders" -> graders = true;
                case "--postgres" -> postgres = args[++i];
                default -> suites.addAll(List.of(args[i].split(",")));
            }
        }
        if (suites.isEmpty()) {
            System.err.println("usage: scripts/eval.sh <suite>[,<suite>…] [--live [--graders]] [--postgres <jdbc url>];"
                    + " suites: " + Suite.names(Path.of("eval/suites")));
            System.exit(2);
        }
        if (graders && !live) {
            System.err.println("--graders needs --live: the grades of scripted answers say nothing");
            System.exit(2);
        }
        List<SuiteResult> results = run(Path.of("eval"), Path.of("eval/reports"), suites,
                new Options(live, postgres, graders, System.getenv()), System.out);
        System.exit(results.stream().allMatch(SuiteResult::passed) ? 0 : 1);
    }

    static List<SuiteResult> run(Path eval, Path reports, List<String> suiteNames, Options options, PrintStream out)
            throws Exception {
        List<Suite> suites = new ArrayList<>();
        for (String name : suiteNames) {
            Suite suite = Suite.load(eval.resolve("suites"), name);
            if (!suite.modes().contains(options.live() ? "live" : "offline")) {
                throw new IllegalArgumentException("suite " + name + " runs only " + suite.modes());
            }
            suites.add(suite);
        }
        out.println("starting the service on the demo workspace (" + (options.live() ? "live model"
                : "offline, scripted model") + ", " + (options.postgres() == null ? "embedded H2" : "PostgreSQL") + ") …");
        List<SuiteResult> results = new ArrayList<>();
        try (EvalEnvironment env = EvalEnvironment.start(options.live(), options.postgres(), options.settings())) {
            if (options.graders()) {
                env.graders = ModelGraders.fromSettings(eval.resolve("graders"), options.settings());
            }
            for (Suite suite : suites) {
                SuiteResult result = run(eval, suite, env, out);
                results.add(result);
                Reports.write(reports.resolve(suite.name()), result, out);
            }
        }
        return results;
    }

    private static SuiteResult run(Path eval, Suite suite, EvalEnvironment env, PrintStream out) throws Exception {
        Instant started = Instant.now();
        Map<Suite.Section, List<JsonNode>> cases = new LinkedHashMap<>();
        int total = 0;
        for (Suite.Section section : suite.sections()) {
            List<JsonNode> selected = cases(eval.resolve("datasets").resolve(section.dataset()), section.tags());
            cases.put(section, selected);
            total += selected.size();
        }
        out.println("suite " + suite.name() + ": " + total + " cases");
        Progress progress = new Progress(out, total);
        long[] usageBefore = env.usage();
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<CaseResult> caseResults = new ArrayList<>();
        for (var entry : cases.entrySet()) {
            SectionResult section = switch (entry.getKey().kind()) {
                case "retrieval" -> RetrievalEval.run(env, entry.getValue(), progress);
                case "statistics" -> StatisticsEval.run(env, entry.getValue(), progress);
                case "generation" -> GenerationEval.run(env, entry.getValue(), progress);
                case "safety" -> SafetyEval.run(env, entry.getValue(), progress);
                case "quarantine" -> QuarantineEval.run(env, entry.getValue(), progress);
                case "realFeedback" -> RealFeedbackEval.run(env, entry.getValue(), progress);
                default -> throw new IllegalArgumentException("unknown section kind " + entry.getKey().kind());
            };
            metrics.putAll(section.metrics());
            caseResults.addAll(section.cases());
        }
        long[] usage = env.usage();
        metrics.put("model.calls", (double) (usage[0] - usageBefore[0]));
        metrics.put("model.inputTokens", (double) (usage[1] - usageBefore[1]));
        metrics.put("model.outputTokens", (double) (usage[2] - usageBefore[2]));
        cost(env.settings, usage[1] - usageBefore[1], usage[2] - usageBefore[2]).ifPresent(cost -> metrics.put("model.cost", cost));
        List<ThresholdResult> thresholds = new ArrayList<>();
        suite.thresholds().forEach((metric, bound) -> {
            Double value = metrics.get(metric);
            thresholds.add(new ThresholdResult(metric, value, bound.toString(), value != null && bound.passes(value)));
        });
        SuiteResult result = new SuiteResult(suite.name(), env.live ? "live" : "offline", env.modelName,
                started.toString(), (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0, metrics,
                thresholds, caseResults);
        summarise(result, out);
        return result;
    }

    /**
     * What the run's tokens cost, when EVAL_PRICE_INPUT and EVAL_PRICE_OUTPUT give the prices per
     * million input and output tokens (in any currency).
     */
    static java.util.Optional<Double> cost(Map<String, String> settings, long input, long output) {
        String in = settings.get("EVAL_PRICE_INPUT");
        String outPrice = settings.get("EVAL_PRICE_OUTPUT");
        if (in == null || outPrice == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(input / 1e6 * Double.parseDouble(in) + output / 1e6 * Double.parseDouble(outPrice));
    }

    /** The dataset's cases with any of the tags (all of them when no tags are given). */
    static List<JsonNode> cases(Path dataset, List<String> tags) throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        for (String line : Files.readAllLines(dataset)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = JSON.readTree(line);
            if (tags.isEmpty() || c.path("tags").valueStream().anyMatch(t -> tags.contains(t.asString()))) {
                cases.add(c);
            }
        }
        return cases;
    }

    private static void summarise(SuiteResult result, PrintStream out) {
        out.printf("%nsuite %s (%s, %s) in %.0f s%n", result.suite(), result.mode(), result.model(), result.seconds());
        for (ThresholdResult t : result.thresholds()) {
            out.printf("  %-4s %-40s %10s   %s%n", t.passed() ? "ok" : "MISS", t.metric(),
                    t.value() == null ? "not measured" : Reports.format(t.value()), t.bound());
        }
        long failed = result.cases().stream().filter(c -> !c.passed()).count();
        out.printf("  %d of %d cases met their expectations%n", result.cases().size() - failed, result.cases().size());
        result.cases().stream().filter(c -> !c.passed())
                .forEach(c -> out.printf("  failed %s %s: %s%n", c.section(), c.id(), c.detail()));
    }

    static String stamp(Instant instant) {
        return STAMP.format(instant);
    }
}
