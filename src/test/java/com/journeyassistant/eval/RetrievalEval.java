package com.journeyassistant.eval;

import com.journeyassistant.eval.Results.CaseResult;
import com.journeyassistant.eval.Results.SectionResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Recall@10, MRR and nDCG@10 of vector, text and hybrid search over the labelled queries, through the API. */
final class RetrievalEval {

    private static final List<String> MODES = List.of("vector", "text", "hybrid");

    private RetrievalEval() {
    }

    static SectionResult run(EvalEnvironment env, List<JsonNode> queries, Progress progress) {
        JdbcTemplate jdbc = env.app.getBean(JdbcTemplate.class);
        Map<String, String> externalIds = new LinkedHashMap<>();
        jdbc.query("select id, external_id from feedback where workspace_id = ? union all"
                        + " select id, external_id from kpi where workspace_id = ?",
                rs -> {
                    externalIds.put(rs.getString(1), rs.getString(2));
                }, env.workspaceId, env.workspaceId);
        Map<String, double[]> sums = new LinkedHashMap<>();
        MODES.forEach(m -> sums.put(m, new double[3]));
        List<CaseResult> cases = new ArrayList<>();
        for (JsonNode query : queries) {
            Set<String> relevant = new HashSet<>();
            query.path("relevant").forEach(id -> relevant.add(id.asString()));
            StringBuilder detail = new StringBuilder();
            long started = System.nanoTime();
            for (String mode : MODES) {
                JsonNode hits = env.api.get(env.path("/evidence/search?k=10&mode=" + mode + "&q="
                        + URLEncoder.encode(query.path("query").asString(), StandardCharsets.UTF_8))).json();
                List<String> found = new ArrayList<>();
                hits.forEach(h -> found.add(externalIds.getOrDefault(h.path("id").asString(), "")));
                double[] m = measure(found, relevant);
                double[] sum = sums.get(mode);
                for (int i = 0; i < 3; i++) {
                    sum[i] += m[i];
                }
                detail.append(String.format("%s recall@10 %.2f; ", mode, m[0]));
            }
            cases.add(new CaseResult("retrieval", query.path("id").asString(), true, detail.toString().strip(),
                    (System.nanoTime() - started) / 1e6, 0));
            progress.step("retrieval " + query.path("id").asString());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        means(metrics, "retrieval.", sums, queries.size(), "recallAt10");
        metrics.put("retrieval.queries", (double) queries.size());
        return new SectionResult("retrieval", metrics, cases);
    }

    /**
     * Each mode's mean recall@10, MRR and nDCG@10 over {@code queries}, and {@code hybridAboveSingleModes}: 1 when
     * hybrid beats both other modes on the {@code deciding} metric.
     */
    static void means(Map<String, Double> metrics, String prefix, Map<String, double[]> sums, int queries,
                      String deciding) {
        int n = Math.max(1, queries);
        sums.forEach((mode, s) -> {
            metrics.put(prefix + mode + ".recallAt10", s[0] / n);
            metrics.put(prefix + mode + ".mrr", s[1] / n);
            metrics.put(prefix + mode + ".ndcgAt10", s[2] / n);
        });
        double hybrid = metrics.get(prefix + "hybrid." + deciding);
        metrics.put(prefix + "hybridAboveSingleModes", hybrid > metrics.get(prefix + "vector." + deciding)
                && hybrid > metrics.get(prefix + "text." + deciding) ? 1.0 : 0.0);
    }

    /** Recall@10, reciprocal rank of the first relevant hit, nDCG@10 with binary relevance. */
    static double[] measure(List<String> found, Set<String> relevant) {
        int ideal = Math.min(relevant.size(), 10);
        double hits = 0;
        double reciprocal = 0;
        double dcg = 0;
        for (int rank = 0; rank < Math.min(found.size(), 10); rank++) {
            if (relevant.contains(found.get(rank))) {
                hits++;
                dcg += 1 / log2(rank + 2);
                if (reciprocal == 0) {
                    reciprocal = 1.0 / (rank + 1);
                }
            }
        }
        double idcg = 0;
        for (int rank = 0; rank < ideal; rank++) {
            idcg += 1 / log2(rank + 2);
        }
        return new double[] {ideal == 0 ? 0 : hits / ideal, reciprocal, idcg == 0 ? 0 : dcg / idcg};
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
