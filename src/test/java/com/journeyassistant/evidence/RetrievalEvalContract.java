package com.journeyassistant.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retrieval quality on the demo evidence, measured with the labelled queries in
 * {@code eval/datasets/retrieval.jsonl}: recall@10 and MRR for vector-only, text-only and
 * hybrid search. The figures are printed and written to {@code target/eval/}.
 */
abstract class RetrievalEvalContract extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    EvidenceSearch search;
    @Autowired
    EvidenceIndexer indexer;

    record Metrics(double recallAt10, double mrr) {
    }

    @Test
    void hybridSearchFindsMoreOfTheRelevantEvidenceThanEitherRetrieverAlone() throws Exception {
        UUID demo = workspaces.findBySlug("demo").orElseThrow().id();
        awaitIndexed(demo);
        List<JsonNode> queries = Files.readAllLines(Path.of("eval/datasets/retrieval.jsonl")).stream()
                .filter(line -> !line.isBlank()).map(JSON::readTree).toList();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(40);
        assertThat(queries.stream().filter(q -> q.path("language").asString().equals("en")).count()).isGreaterThan(10);

        Map<EvidenceSearch.Mode, Metrics> results = new EnumMap<>(EvidenceSearch.Mode.class);
        for (EvidenceSearch.Mode mode : EvidenceSearch.Mode.values()) {
            results.put(mode, measure(demo, queries, mode));
        }

        StringBuilder report = new StringBuilder("retrieval on the demo evidence (" + queries.size() + " queries)\n");
        results.forEach((mode, m) -> report.append(String.format("  %-6s recall@10 %.3f  MRR %.3f%n", mode, m.recallAt10(), m.mrr())));
        System.out.println(report);
        writeReport(results, queries.size());

        Metrics hybrid = results.get(EvidenceSearch.Mode.HYBRID);
        assertThat(hybrid.recallAt10()).as(report.toString())
                .isGreaterThan(results.get(EvidenceSearch.Mode.VECTOR).recallAt10())
                .isGreaterThan(results.get(EvidenceSearch.Mode.TEXT).recallAt10());
        assertThat(hybrid.mrr()).as(report.toString()).isGreaterThan(0.8);
    }

    private Metrics measure(UUID workspace, List<JsonNode> queries, EvidenceSearch.Mode mode) {
        double recall = 0;
        double reciprocalRanks = 0;
        for (JsonNode query : queries) {
            Set<String> relevant = new HashSet<>();
            query.path("relevant").forEach(id -> relevant.add(id.asString()));
            List<String> found = search.search(workspace, query.path("query").asString(), EvidenceSearch.Filters.NONE, 10, mode)
                    .stream().map(hit -> externalId(hit.id())).toList();
            recall += found.stream().filter(relevant::contains).count() / (double) Math.min(relevant.size(), 10);
            for (int rank = 0; rank < found.size(); rank++) {
                if (relevant.contains(found.get(rank))) {
                    reciprocalRanks += 1.0 / (rank + 1);
                    break;
                }
            }
        }
        return new Metrics(recall / queries.size(), reciprocalRanks / queries.size());
    }

    /** The labels name feedback and KPIs by external id; map insights have none and count as unlabelled. */
    private String externalId(UUID id) {
        return jdbc.sql("""
                select external_id from feedback where id = ? union all select external_id from kpi where id = ?
                union all select 'insight:' || cast(id as varchar) from insight where id = ?""")
                .params(id, id, id).query(String.class).single();
    }

    private void awaitIndexed(UUID workspace) {
        // polled on the test's thread, which looks across workspaces (TestScope); Awaitility's own thread sees none
        org.awaitility.Awaitility.await("the demo evidence is indexed").atMost(java.time.Duration.ofMinutes(2))
                .pollInSameThread().pollDelay(java.time.Duration.ZERO).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> indexer.status(workspace), status -> status.pending() == 0 && status.items() > 0);
    }

    private void writeReport(Map<EvidenceSearch.Mode, Metrics> results, int queries) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("backEnd", getClass().getSimpleName());
        report.put("queries", queries);
        results.forEach((mode, m) -> report.put(mode.name().toLowerCase(), Map.of("recallAt10", m.recallAt10(), "mrr", m.mrr())));
        Path out = Path.of("target/eval/retrieval-" + getClass().getSimpleName() + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }
}
