package com.journeyassistant.evidence;

import com.journeyassistant.JourneyAssistantApplication;
import com.journeyassistant.platform.Workspaces;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmarks of the evidence module, run by {@code scripts/benchmark.sh} (not a test):
 * <ul>
 *   <li>{@code search N}: hybrid search latency for short and for long queries (all distinct), unfiltered and
 *   with a filter keeping 1% of N items; the query embedding's cost on its own line; the vector leg's recall@10
 *   against exact search; and end to end through the service with queries it has not seen;</li>
 *   <li>{@code ingest N}: import-to-indexed throughput of N feedback items against the bare
 *   embedding model's own throughput in the same run, then an all-duplicates re-import;</li>
 *   <li>{@code csv N}: the upload reader alone: rows per second over an N-row feedback CSV with
 *   quoted multi-line fields, and the time to refuse a header of 190,000 columns.</li>
 * </ul>
 * The database is whatever {@code spring.datasource.url} says (the script passes it).
 */
public final class EvidenceBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int items = Integer.parseInt(args[1]);
        if (mode.equals("csv")) {
            csv(items);
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("journey.demo.enabled", "false");
        properties.put("journey.evidence.index-poll-interval", "PT1H");
        properties.put("logging.level.root", "WARN");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JourneyAssistantApplication.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
            if (mode.equals("search")) {
                search(context, items);
            } else {
                ingest(context, newWorkspace(context), items);
            }
        }
    }

    // ------------------------------------------------------------------ csv

    private static void csv(int rows) {
        StringBuilder file = new StringBuilder("Text;Score;Source Channel;Segment;Received At\n");
        Random random = new Random(7);
        for (int i = 0; i < rows; i++) {
            file.append('"').append("Levering duurde ").append(random.nextInt(9) + 2)
                    .append(" dagen, \"\"te lang\"\";\nde bezorger belde niet aan (order ").append(i).append(")\";")
                    .append(random.nextInt(5) + 1).append(";survey;retail;2026-0").append(1 + i % 9).append("-1").append(i % 9)
                    .append('\n');
        }
        byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            int[] seen = {0};
            RecordReader.read(new ByteArrayInputStream(bytes), RecordReader.Format.CSV, r -> seen[0]++);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("csv round %d: %d rows (%.1f MB) in %.3f s = %,.0f rows/s%n",
                    round + 1, seen[0], bytes.length / 1e6, seconds, seen[0] / seconds);
        }
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 190_000; i++) {
            wide.append(i == 0 ? "" : ",").append(Integer.toString(i, 36));
        }
        wide.append("\nx\n");
        long start = System.nanoTime();
        String outcome;
        try {
            RecordReader.read(new ByteArrayInputStream(wide.toString().getBytes(StandardCharsets.UTF_8)),
                    RecordReader.Format.CSV, r -> { });
            outcome = "read";
        } catch (ImportFormatException e) {
            outcome = "refused: " + e.getMessage();
        }
        System.out.printf("header of 190,000 columns: %s after %.3f s%n", outcome, (System.nanoTime() - start) / 1e9);
    }

    // ------------------------------------------------------------------ search

    private static UUID newWorkspace(ConfigurableApplicationContext context) {
        return context.getBean(Workspaces.class).create("bench-" + UUID.randomUUID().toString().substring(0, 8),
                "Benchmark").id();
    }

    private static void search(ConfigurableApplicationContext context, int count) {
        EvidenceEmbeddings.Embedder embedder = context.getBean(EvidenceEmbeddings.Embedder.class);
        IndexStore index = context.getBean(IndexStore.class);
        EvidenceSearch search = context.getBean(EvidenceSearch.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Random random = new Random(42);
        float[][] vectors = new float[count][];
        String[] segments = new String[count];
        UUID[] ids = new UUID[count];
        // BENCH_REUSE=1 (the script keeps the database): search a workspace loaded by an earlier run.
        List<UUID> loaded = "1".equals(System.getenv("BENCH_REUSE")) ? jdbc.queryForList("""
                select w.id from workspace w where w.slug like 'bench-%'
                and (select count(*) from evidence_index e where e.workspace_id = w.id) = ?""", UUID.class, count)
                : List.of();
        UUID workspace;
        if (loaded.isEmpty()) {
            workspace = newWorkspace(context);
            load(embedder, index, workspace, count, random, vectors, segments, ids);
            if (index instanceof IndexStores.Postgres) {
                com.journeyassistant.support.DatabaseOwner.execute(context.getEnvironment(), "vacuum analyze evidence_index");
            }
        } else {
            workspace = loaded.get(0);
            int[] n = {0};
            jdbc.query("select item_id, segment, embedding::text as v from evidence_index where workspace_id = ?", rs -> {
                ids[n[0]] = rs.getObject("item_id", UUID.class);
                segments[n[0]] = rs.getString("segment");
                vectors[n[0]++] = new com.pgvector.PGvector(rs.getString("v")).toArray();
            }, workspace);
            System.out.printf("reusing %d items of an earlier run%n", n[0]);
        }

        // distinct queries only, so that no search is answered from the query-vector cache
        Random pick = new Random(11);
        List<String> shortQueries = shortQueries(pick, 400);
        List<String> longQueries = longQueries(pick, 400);
        System.out.printf("query sets: %d short (%.0f words on average), %d long (%.0f words on average), all distinct%n",
                shortQueries.size(), words(shortQueries), longQueries.size(), words(longQueries));
        for (String set : new String[] {"short", "long"}) {
            List<String> queries = set.equals("short") ? shortQueries : longQueries;
            // the first 100 warm up and give the per-leg timings; the other 300 are measured end to end
            List<float[]> queryVectors = new ArrayList<>();
            double[] embedding = new double[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                long t = System.nanoTime();
                queryVectors.add(embedder.embedQuery(queries.get(i)));
                embedding[i] = (System.nanoTime() - t) / 1e6;
            }
            double[] sortedEmbedding = embedding.clone();
            Arrays.sort(sortedEmbedding);
            System.out.printf("%s queries: query embedding alone p50 %.1f ms, p95 %.1f ms%n", set,
                    percentile(sortedEmbedding, 50), percentile(sortedEmbedding, 95));
            legTimings(index, workspace, queries, queryVectors);
            for (String filter : new String[] {null, "seg-7"}) {
                double[] sql = new double[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    long t = System.nanoTime();
                    index.search(new IndexStore.Query(workspace, queries.get(i), queryVectors.get(i), 10, null, null,
                            null, filter, null, null, null, false), IndexStore.Mode.HYBRID);
                    sql[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(sql);
                double recall = 0;
                int recallQueries = 100;
                for (int i = 0; i < recallQueries; i++) {
                    float[] query = queryVectors.get(i);
                    Set<UUID> approximate = new HashSet<>();
                    // the query's own text, so the vector leg searches as wide as it does for that query
                    index.search(new IndexStore.Query(workspace, queries.get(i), query, 10, null, null, null, filter,
                            null, null, null, false), IndexStore.Mode.VECTOR).forEach(h -> approximate.add(h.itemId()));
                    List<UUID> exact = exactTop10(query, vectors, ids, segments, filter);
                    recall += exact.stream().filter(approximate::contains).count() / (double) exact.size();
                }
                System.out.printf("  hybrid search, %s, %s queries: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms "
                                + "(query embedding not included); vector recall@10 vs exact %.3f%n",
                        filter == null ? "unfiltered" : "1% filter", set, percentile(sql, 50), percentile(sql, 95),
                        percentile(sql, 99), recall / recallQueries);
            }
            // end to end through the service with queries it has not seen: embedding included, no cache hits; long
            // ones cut to the longest the service takes (a word boundary before EvidenceSearch.MAX_QUERY characters)
            List<String> unseen = set.equals("short") ? shortQueries(new Random(99), 300)
                    : longQueries(new Random(99), 300).stream().map(q -> q.length() <= EvidenceSearch.MAX_QUERY ? q
                            : q.substring(0, q.lastIndexOf(' ', EvidenceSearch.MAX_QUERY))).toList();
            double[] total = new double[unseen.size()];
            EvidenceSearch.Filters none = new EvidenceSearch.Filters(null, null, null, null, null, null, null);
            for (int i = 0; i < unseen.size(); i++) {
                long t = System.nanoTime();
                search.search(workspace, unseen.get(i), none, 10, EvidenceSearch.Mode.HYBRID);
                total[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(total);
            System.out.printf("  end to end (new %s queries%s, embedding included): p50 %.1f ms, p95 %.1f ms%n", set,
                    set.equals("long") ? " of up to " + EvidenceSearch.MAX_QUERY + " characters" : "",
                    percentile(total, 50), percentile(total, 95));
        }
    }

    private static double percentile(double[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static double words(List<String> queries) {
        return queries.stream().mapToInt(q -> q.split("\\s+").length).average().orElse(0);
    }

    /** The evaluation's questions, then spans of three to seven words from the demo's feedback; all distinct. */
    private static List<String> shortQueries(Random random, int count) {
        java.util.LinkedHashSet<String> queries = new java.util.LinkedHashSet<>(evalQueries());
        List<String[]> texts = demoTexts().stream().map(t -> t.split("\\s+")).filter(w -> w.length >= 8).toList();
        while (queries.size() < count) {
            String[] words = texts.get(random.nextInt(texts.size()));
            int length = 3 + random.nextInt(5);
            int from = random.nextInt(words.length - length + 1);
            queries.add(String.join(" ", Arrays.asList(words).subList(from, from + length)));
        }
        return new ArrayList<>(queries).subList(0, count);
    }

    /**
     * Long queries as chat and generation send them: pieces of feedback joined until 250 to 380 words, near the
     * embedding model's 512-token input; all distinct.
     */
    private static List<String> longQueries(Random random, int count) {
        List<String> texts = demoTexts();
        java.util.LinkedHashSet<String> queries = new java.util.LinkedHashSet<>();
        while (queries.size() < count) {
            int target = 250 + random.nextInt(131);
            StringBuilder query = new StringBuilder();
            while (query.toString().split("\\s+").length < target) {
                query.append(texts.get(random.nextInt(texts.size()))).append(' ');
            }
            queries.add(query.toString().strip());
        }
        return new ArrayList<>(queries);
    }

    private static void load(EvidenceEmbeddings.Embedder embedder, IndexStore index, UUID workspace, int count,
                             Random random, float[][] vectors, String[] segments, UUID[] ids) {
        // Real embeddings of distinct texts (pairs of demo sentences); each item mixes two or three of them,
        // as feedback mixes topics, so items are distinct and "exact top 10" is well defined.
        List<String> sentences = demoTexts();
        List<String> base = new ArrayList<>();
        for (int i = 0; base.size() < Math.max(1, count / 25); i++) {
            base.add(sentences.get(i % sentences.size()) + " " + sentences.get((i * 7 + 3) % sentences.size()));
        }
        long embedding = System.nanoTime();
        List<float[]> baseVectors = new ArrayList<>();
        for (int from = 0; from < base.size(); from += 256) {
            baseVectors.addAll(embedder.embedPassages(base.subList(from, Math.min(from + 256, base.size()))));
        }
        System.out.printf("embedded %d distinct texts in %.1f s%n", base.size(), (System.nanoTime() - embedding) / 1e9);
        long started = System.nanoTime();
        List<IndexStore.Entry> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int b = random.nextInt(base.size());
            vectors[i] = mix(baseVectors, b, random);
            segments[i] = "seg-" + (i % 100);
            ids[i] = UUID.randomUUID();
            batch.add(new IndexStore.Entry(ids[i], workspace, IndexStore.ItemType.FEEDBACK, null, null, null, segments[i],
                    LocalDate.of(2026, 1 + i % 12, 1 + i % 28), "nl", base.get(b) + " (klant " + i + ")", null, false,
                    vectors[i]));
            if (batch.size() == 1000 || i == count - 1) {
                index.upsert(batch, embedder.modelId(), embedder.dimension());
                batch.clear();
            }
        }
        System.out.printf("loaded %d items in %.1f s%n", count, (System.nanoTime() - started) / 1e9);

    }

    /** Where the time of an unfiltered search goes: each leg, and both fused (the query vectors are given). */
    private static void legTimings(IndexStore index, UUID workspace, List<String> queries, List<float[]> vectors) {
        int n = Math.min(100, queries.size());
        double[][] millis = new double[3][n];
        for (int i = 0; i < n; i++) {
            IndexStore.Query query = new IndexStore.Query(workspace, queries.get(i), vectors.get(i), 10, null, null,
                    null, null, null, null, null, false);
            long t1 = System.nanoTime();
            index.search(query, IndexStore.Mode.VECTOR);
            long t2 = System.nanoTime();
            index.search(query, IndexStore.Mode.TEXT);
            long t3 = System.nanoTime();
            index.search(query, IndexStore.Mode.HYBRID);
            long t4 = System.nanoTime();
            millis[0][i] = (t2 - t1) / 1e6;
            millis[1][i] = (t3 - t2) / 1e6;
            millis[2][i] = (t4 - t3) / 1e6;
        }
        String[] names = {"vector leg", "text leg", "hybrid SQL"};
        for (int leg = 0; leg < names.length; leg++) {
            Arrays.sort(millis[leg]);
            System.out.printf("  %-16s p50 %.1f ms, p95 %.1f ms (first 100 queries, also the warm-up)%n", names[leg],
                    percentile(millis[leg], 50), percentile(millis[leg], 95));
        }
    }

    private static List<UUID> exactTop10(float[] query, float[][] vectors, UUID[] ids, String[] segments, String filter) {
        List<Integer> candidates = new ArrayList<>();
        double[] scores = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            if (filter == null || filter.equals(segments[i])) {
                double dot = 0;
                double norm = 0;
                for (int d = 0; d < query.length; d++) {
                    dot += query[d] * vectors[i][d];
                    norm += vectors[i][d] * vectors[i][d];
                }
                scores[i] = dot / Math.sqrt(norm);
                candidates.add(i);
            }
        }
        candidates.sort((a, b) -> Double.compare(scores[b], scores[a]));
        return candidates.subList(0, Math.min(10, candidates.size())).stream().map(i -> ids[i]).toList();
    }

    /** Mostly one text's vector, with random parts of one or two others, normalised. */
    private static float[] mix(List<float[]> vectors, int main, Random random) {
        float[] out = vectors.get(main).clone();
        for (int extra = 1 + random.nextInt(2); extra > 0; extra--) {
            float[] other = vectors.get(random.nextInt(vectors.size()));
            float weight = 0.2f + 0.4f * random.nextFloat();
            for (int d = 0; d < out.length; d++) {
                out[d] += weight * other[d];
            }
        }
        double norm = 0;
        for (float value : out) {
            norm += value * value;
        }
        for (int d = 0; d < out.length; d++) {
            out[d] /= (float) Math.sqrt(norm);
        }
        return out;
    }

    // ------------------------------------------------------------------ ingest

    private static void ingest(ConfigurableApplicationContext context, UUID workspace, int count) throws Exception {
        EvidenceEmbeddings.Embedder embedder = context.getBean(EvidenceEmbeddings.Embedder.class);
        EvidenceImporter importer = context.getBean(EvidenceImporter.class);
        EvidenceIndexer indexer = context.getBean(EvidenceIndexer.class);
        List<String> base = demoTexts();
        Random random = new Random(7);
        String[] endings = {"", " Graag snel een reactie.", " Dit was mijn eerste bestelling.", " Please reply soon.",
                " Al twee weken geen antwoord.", " Verder prima."};
        List<String> texts = new ArrayList<>();
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String text = base.get(random.nextInt(base.size())) + endings[random.nextInt(endings.length)]
                    + " (bestelling " + (100000 + i) + ")";
            texts.add(text);
            jsonl.append(JSON.writeValueAsString(Map.of("text", text, "csat", 1 + random.nextInt(5),
                    "externalId", "bench-" + i))).append('\n');
        }
        byte[] upload = jsonl.toString().getBytes(StandardCharsets.UTF_8);

        long t0 = System.nanoTime();
        for (int from = 0; from < texts.size(); from += 128) {
            embedder.embedPassages(texts.subList(from, Math.min(from + 128, texts.size())));
        }
        double bare = count / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("bare model (%s): %.0f items/s%n", embedder.modelId(), bare);

        long t1 = System.nanoTime();
        var result = importer.importFeedback(workspace, new ByteArrayInputStream(upload), RecordReader.Format.JSONL, false);
        double stored = (System.nanoTime() - t1) / 1e9;
        while (indexer.status(workspace).pending() > 0) {
            Thread.sleep(50);
        }
        double total = (System.nanoTime() - t1) / 1e9;
        double pipeline = count / total;
        System.out.printf("import + indexing: %d stored in %.1f s, all indexed after %.1f s: %.0f items/s = %.0f%% of the bare model%n",
                result.stored(), stored, total, pipeline, 100 * pipeline / bare);

        long t2 = System.nanoTime();
        var again = importer.importFeedback(workspace, new ByteArrayInputStream(upload), RecordReader.Format.JSONL, false);
        double seconds = (System.nanoTime() - t2) / 1e9;
        System.out.printf("re-import of the same %d (%d duplicates): %.1f s, %.0f items/s%n", count, again.duplicates(),
                seconds, count / seconds);
    }

    // ------------------------------------------------------------------ data

    private static List<String> demoTexts() {
        return field("src/main/resources/demo/feedback.jsonl", "text");
    }

    private static List<String> evalQueries() {
        return field("eval/datasets/retrieval.jsonl", "query");
    }

    /** One text field of every line of a JSON Lines file. */
    private static List<String> field(String file, String name) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> !line.isBlank())
                    .map(line -> JSON.readTree(line).path(name).asString()).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
