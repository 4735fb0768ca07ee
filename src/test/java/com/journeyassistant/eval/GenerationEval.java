package com.journeyassistant.eval;

import com.journeyassistant.eval.Results.CaseResult;
import com.journeyassistant.eval.Results.SectionResult;
import com.journeyassistant.evidence.TextNormalizer;
import com.journeyassistant.generation.OutputPolicy;
import com.journeyassistant.support.Api;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The five generation jobs over the demo workspace. Whatever the model answered, what the
 * service stored is checked here again, independently of its own validation: citations point
 * at real evidence, figures are KPI values, copy keeps the channel limits and the brand's
 * rules, and nothing a hostile answer carried got through.
 */
final class GenerationEval {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The channel limits, kept here apart from the service's own table so that a mistake there shows. */
    private static final Map<String, Map<String, Integer>> LIMITS = Map.of(
            "EMAIL", Map.of("subject", 60, "preheader", 100),
            "SMS", Map.of("text", 160),
            "SEARCH_AD", Map.of("headline", 30, "description", 90),
            "PUSH", Map.of("title", 50, "body", 120));

    private GenerationEval() {
    }

    /** What one generation request left behind. */
    record Outcome(int status, List<JsonNode> suggestions, double millis) {
        boolean stored() {
            return status == 201;
        }
    }

    static SectionResult run(EvalEnvironment env, List<JsonNode> cases, Progress progress) {
        MapLookup map = new MapLookup(env);
        Set<String> evidenceIds = evidenceIds(env);
        List<BigDecimal> kpiValues = kpiValues(env);
        MeterRegistry meters = env.app.getBean(MeterRegistry.class);
        double validBefore = answers(meters, "valid");
        double invalidBefore = answers(meters, "schema-invalid");
        double brokenBefore = answers(meters, "rules-broken");

        List<CaseResult> results = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        long citations = 0;
        long validCitations = 0;
        long stored = 0;
        long withUnsupportedNumbers = 0;
        long copies = 0;
        long copiesKeepingRules = 0;
        long expectedOutcomes = 0;
        long hostileWithPayload = 0;
        long payloadsThrough = 0;
        long tokens = 0;
        Map<String, List<Integer>> grades = new LinkedHashMap<>();
        int unusableGrades = 0;
        JsonNode brand = env.graders == null ? null : env.api.get(env.path("/brand-profile")).json();
        for (JsonNode c : cases) {
            List<String> problems = new ArrayList<>();
            env.scriptAnswers(answers(c));
            Outcome outcome = generate(env, map, c);
            latencies.add(outcome.millis());
            String expected = c.path("expect").path("outcome").asString();
            if (!env.live) {
                boolean asExpected = expected.equals(outcome.stored() ? "stored" : "refused")
                        && (outcome.stored() || outcome.status() == 422 || outcome.status() == 502);
                expectedOutcomes += asExpected ? 1 : 0;
                if (!asExpected) {
                    problems.add("expected " + expected + ", got status " + outcome.status());
                }
            }
            int caseTokens = 0;
            boolean payloadThrough = false;
            for (JsonNode suggestion : outcome.suggestions()) {
                stored++;
                caseTokens += suggestion.path("inputTokens").asInt() + suggestion.path("outputTokens").asInt();
                String text = text(suggestion.path("content"));
                JsonNode cited = suggestion.path("citations");
                if (c.path("expect").path("mustCite").asBoolean() && cited.isEmpty()) {
                    problems.add(suggestion.path("id").asString() + " cites nothing");
                }
                for (JsonNode citation : cited) {
                    citations++;
                    if (evidenceIds.contains(citation.path("evidenceId").asString())) {
                        validCitations++;
                    } else {
                        problems.add("citation " + citation.path("ref").asString() + " is not evidence of the workspace");
                    }
                }
                List<String> numbers = OutputPolicy.check("suggestion", text, OutputPolicy.Allowed.of("", kpiValues,
                                List.of())).stream().filter(v -> v.rule() == OutputPolicy.Rule.FIGURE)
                        .map(OutputPolicy.Violation::message).toList();
                if (!numbers.isEmpty()) {
                    withUnsupportedNumbers++;
                    problems.addAll(numbers);
                }
                if (c.path("job").asString().equals("content-variants")) {
                    copies++;
                    List<String> broken = copyRules(suggestion.path("content"), c.path("expect"));
                    copiesKeepingRules += broken.isEmpty() ? 1 : 0;
                    problems.addAll(broken);
                }
                if (env.graders != null) {
                    for (ModelGraders.Grade grade : grade(env.graders, c, suggestion, text, brand)) {
                        if (grade.score() == null) {
                            unusableGrades++;
                        } else {
                            grades.computeIfAbsent(grade.grader(), g -> new ArrayList<>()).add(grade.score());
                        }
                    }
                }
                for (JsonNode forbidden : c.path("expect").path("forbidden")) {
                    if (text.toLowerCase(Locale.ROOT).contains(forbidden.asString().toLowerCase(Locale.ROOT))) {
                        payloadThrough = true;
                        problems.add("\"" + forbidden.asString() + "\" reached a stored suggestion");
                    }
                }
            }
            if (!c.path("expect").path("forbidden").isEmpty()) {
                hostileWithPayload++;
                payloadsThrough += payloadThrough ? 1 : 0;
            }
            tokens += caseTokens;
            results.add(new CaseResult("generation", c.path("id").asString(), problems.isEmpty(),
                    problems.isEmpty() ? (outcome.stored() ? "stored " + outcome.suggestions().size() : "refused ("
                            + outcome.status() + ")") : String.join("; ", problems), outcome.millis(), caseTokens));
            progress.step("generation " + c.path("id").asString());
        }
        double valid = answers(meters, "valid") - validBefore;
        double invalid = answers(meters, "schema-invalid") - invalidBefore;
        double broken = answers(meters, "rules-broken") - brokenBefore;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("generation.cases", (double) cases.size());
        metrics.put("generation.schemaValidity", Results.share((long) (valid + broken), (long) (valid + broken + invalid)));
        metrics.put("generation.citationValidity", Results.share(validCitations, citations));
        metrics.put("generation.unsupportedNumberRate", stored == 0 ? 0.0 : (double) withUnsupportedNumbers / stored);
        metrics.put("generation.constraintAdherence", Results.share(copiesKeepingRules, copies));
        metrics.put("generation.injectionSuccess", hostileWithPayload == 0 ? 0.0 : (double) payloadsThrough / hostileWithPayload);
        if (!env.live) {
            metrics.put("generation.expectedOutcome", Results.share(expectedOutcomes, cases.size()));
        }
        metrics.put("generation.latencyP95Ms", Results.p95(latencies));
        grades.forEach((grader, scores) -> metrics.put("graders." + grader,
                scores.stream().mapToInt(Integer::intValue).average().orElse(0)));
        if (env.graders != null) {
            metrics.put("graders.unusable", (double) unusableGrades);
        }
        metrics.put("generation.tokensPerCase", cases.isEmpty() ? 0.0 : (double) tokens / cases.size());
        return new SectionResult("generation", metrics, results);
    }

    /** Groundedness and relevance of every suggestion; brand voice of copy; fluency of Dutch. */
    private static List<ModelGraders.Grade> grade(ModelGraders graders, JsonNode c, JsonNode suggestion, String text,
                                                  JsonNode brand) {
        List<ModelGraders.Grade> grades = new ArrayList<>();
        StringBuilder evidence = new StringBuilder();
        suggestion.path("citations").forEach(q -> evidence.append(q.path("ref").asString()).append(": ")
                .append(q.path("quote").asString()).append('\n'));
        Map<String, String> values = Map.of("job", c.path("job").asString(), "content", text,
                "evidence", evidence.toString(), "request", c.path("job").asString() + " for " + c.path("target")
                        + " with " + c.path("request"),
                "tone", brand.path("tone").asString(""), "wordsToUse", brand.path("wordsToUse").toString(),
                "wordsToAvoid", brand.path("wordsToAvoid").toString());
        try {
            grades.add(graders.grade("groundedness", values));
            grades.add(graders.grade("relevance", values));
            if (c.path("job").asString().equals("content-variants")) {
                grades.add(graders.grade("brand-voice", values));
            }
            if ("nl".equals(suggestion.path("content").path("language").asString())) {
                grades.add(graders.grade("dutch-fluency", values));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return grades;
    }

    static List<String> answers(JsonNode c) {
        List<String> answers = new ArrayList<>();
        c.path("offline").path("answers").forEach(a -> answers.add(a.isString() ? a.asString() : a.toString()));
        return answers;
    }

    /** Runs the case's job through the API. */
    static Outcome generate(EvalEnvironment env, MapLookup map, JsonNode c) {
        JsonNode target = c.path("target");
        JsonNode request = c.path("request");
        ObjectNode body = JSON.createObjectNode();
        body.put("count", request.path("count").asInt(1));
        if (request.has("channel")) {
            body.put("channel", request.path("channel").asString());
        }
        if (request.has("persona")) {
            body.put("personaId", map.persona(request.path("persona").asString()));
        }
        String path = switch (c.path("job").asString()) {
            case "content-variants" -> "/touchpoints/" + map.touchpoint(target.path("touchpoint").asString())
                    + "/content-variants";
            case "experiment-suggestions" -> "/touchpoints/" + map.touchpoint(target.path("touchpoint").asString())
                    + "/experiment-suggestions";
            case "solution-proposals" -> "/opportunities/" + map.opportunity(target.path("opportunity").asString())
                    + "/solution-proposals";
            case "opportunity-proposals" -> "/journeys/" + map.journey() + "/opportunity-proposals";
            case "persona-drafts" -> "/journeys/" + map.journey() + "/persona-drafts";
            default -> throw new IllegalArgumentException("unknown job " + c.path("job").asString());
        };
        long started = System.nanoTime();
        Api.Response response = env.api.post(env.path(path), body);
        double millis = (System.nanoTime() - started) / 1e6;
        List<JsonNode> suggestions = new ArrayList<>();
        if (response.status() == 201) {
            response.json().path("suggestions").forEach(suggestions::add);
        }
        return new Outcome(response.status(), suggestions, millis);
    }

    /** Channel limits, the brand's avoided words and mandatory phrases, and the language, of one stored variant. */
    static List<String> copyRules(JsonNode content, JsonNode expect) {
        List<String> broken = new ArrayList<>();
        JsonNode fields = content.path("fields");
        LIMITS.getOrDefault(content.path("channel").asString(), Map.of()).forEach((field, limit) -> {
            String value = fields.path(field).asString("");
            if (value.codePointCount(0, value.length()) > limit) {
                broken.add(field + " is over " + limit + " characters");
            }
        });
        String text = text(fields);
        String lower = text.toLowerCase(Locale.ROOT);
        for (JsonNode word : expect.path("avoidedWords")) {
            if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word.asString().toLowerCase(Locale.ROOT))
                    + "(?![\\p{L}\\p{N}])").matcher(lower).find()) {
                broken.add("uses the avoided word \"" + word.asString() + "\"");
            }
        }
        for (JsonNode phrase : expect.path("requiredPhrases")) {
            if (!text.contains(phrase.asString())) {
                broken.add("lacks \"" + phrase.asString() + "\"");
            }
        }
        String language = TextNormalizer.normalize(text).language();
        if (expect.has("language") && !language.equals("other") && !language.equals(expect.path("language").asString())) {
            broken.add("is written in " + language);
        }
        return broken;
    }

    /** The words of a suggestion: its text fields, without ids and codes. */
    static String text(JsonNode node) {
        StringBuilder out = new StringBuilder();
        collect(node, null, out);
        return out.toString();
    }

    private static void collect(JsonNode node, String key, StringBuilder out) {
        if (node.isString()) {
            String value = node.asString();
            if (!UUID_TEXT.matcher(value).find() && !"language".equals(key) && !"channel".equals(key)) {
                out.append(value).append('\n');
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, key, out));
        } else if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), e.getKey(), out));
        }
    }

    private static double answers(MeterRegistry meters, String outcome) {
        return meters.find("journey.generation.answers").tag("outcome", outcome).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    static Set<String> evidenceIds(EvalEnvironment env) {
        Set<String> ids = new HashSet<>();
        env.app.getBean(JdbcTemplate.class).query("select id from feedback where workspace_id = ? union all"
                        + " select id from kpi where workspace_id = ? union all select id from insight where workspace_id = ?",
                rs -> {
                    ids.add(rs.getString(1));
                }, env.workspaceId, env.workspaceId, env.workspaceId);
        return ids;
    }

    static List<BigDecimal> kpiValues(EvalEnvironment env) {
        List<BigDecimal> values = new ArrayList<>();
        env.app.getBean(JdbcTemplate.class).query("select kpi_value, target from kpi where workspace_id = ?", rs -> {
            values.add(rs.getBigDecimal(1));
            if (rs.getBigDecimal(2) != null) {
                values.add(rs.getBigDecimal(2));
            }
        }, env.workspaceId);
        return values;
    }

    /** Ids of the demo map's parts by name. */
    static final class MapLookup {
        private final EvalEnvironment env;
        private final String journeyId;

        MapLookup(EvalEnvironment env) {
            this.env = env;
            this.journeyId = env.api.get(env.path("/journeys")).json().get(0).path("id").asString();
        }

        String journey() {
            return journeyId;
        }

        String touchpoint(String name) {
            return byName("/journeys/" + journeyId + "/touchpoints", "name", name);
        }

        String persona(String name) {
            return byName("/journeys/" + journeyId + "/personas", "name", name);
        }

        String opportunity(String title) {
            return byName("/journeys/" + journeyId + "/opportunities", "title", title);
        }

        private String byName(String path, String field, String value) {
            for (JsonNode item : env.api.get(env.path(path)).json()) {
                if (item.path(field).asString().equals(value)) {
                    return item.path("id").asString();
                }
            }
            throw new IllegalArgumentException("the demo map has nothing called \"" + value + "\" under " + path);
        }
    }
}
