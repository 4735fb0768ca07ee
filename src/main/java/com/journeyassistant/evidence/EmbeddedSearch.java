package com.journeyassistant.evidence;

import com.journeyassistant.evidence.IndexStore.Hit;
import com.journeyassistant.evidence.IndexStore.ItemType;
import com.journeyassistant.evidence.IndexStore.Mode;
import com.journeyassistant.evidence.IndexStore.Query;
import com.journeyassistant.platform.StopWords;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Search for the embedded back end: exact cosine similarity over every vector of the
 * workspace, BM25 over the text, fused by reciprocal rank as on PostgreSQL. A workspace's
 * index is loaded into memory on its first search and reloaded after it changes.
 */
final class EmbeddedSearch {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private record Doc(UUID id, ItemType type, String text, UUID journeyId, UUID stageId, UUID touchpointId,
                       String segment, LocalDate date, String language, boolean quarantined, float[] vector,
                       Map<String, Integer> terms, int length) {
    }

    private record WorkspaceIndex(List<Doc> docs, Map<String, Integer> documentFrequency, double averageLength) {
    }

    private final JdbcTemplate jdbc;
    private final Map<UUID, WorkspaceIndex> cache = new ConcurrentHashMap<>();

    EmbeddedSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void invalidate(UUID workspaceId) {
        cache.remove(workspaceId);
    }

    List<Hit> search(Query q, Mode mode) {
        WorkspaceIndex index = cache.computeIfAbsent(q.workspaceId(), this::load);
        List<Doc> docs = index.docs().stream().filter(d -> matches(d, q)).toList();
        int candidates = IndexStore.candidates(q.k());
        Map<Doc, double[]> scores = new HashMap<>(); // vector score, text score, fused
        if (mode != Mode.TEXT) {
            List<Map.Entry<Doc, Double>> ranked = top(docs.stream()
                    .map(d -> Map.entry(d, cosine(q.vector(), d.vector()))).toList(), candidates);
            for (int rank = 0; rank < ranked.size(); rank++) {
                double[] s = scores.computeIfAbsent(ranked.get(rank).getKey(), d -> new double[] {Double.NaN, Double.NaN, 0});
                s[0] = ranked.get(rank).getValue();
                s[2] += 1.0 / (IndexStore.RRF_K + rank + 1);
            }
        }
        if (mode != Mode.VECTOR) {
            List<String> terms = terms(q.text());
            List<Map.Entry<Doc, Double>> ranked = top(docs.stream()
                    .map(d -> Map.entry(d, bm25(index, d, terms))).filter(e -> e.getValue() > 0).toList(), candidates);
            for (int rank = 0; rank < ranked.size(); rank++) {
                double[] s = scores.computeIfAbsent(ranked.get(rank).getKey(), d -> new double[] {Double.NaN, Double.NaN, 0});
                s[1] = ranked.get(rank).getValue();
                s[2] += 1.0 / (IndexStore.RRF_K + rank + 1);
            }
        }
        return scores.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<Doc, double[]> e) -> -e.getValue()[2])
                        .thenComparing(e -> e.getKey().id()))
                .limit(q.k())
                .map(e -> {
                    Doc d = e.getKey();
                    double[] s = e.getValue();
                    return new Hit(d.id(), d.type(), d.text(), d.journeyId(), d.stageId(), d.touchpointId(), d.segment(),
                            d.date(), d.language(), Double.isNaN(s[0]) ? null : s[0], Double.isNaN(s[1]) ? null : s[1], s[2],
                            d.quarantined());
                })
                .toList();
    }

    private static boolean matches(Doc d, Query q) {
        return (q.includeQuarantined() || !d.quarantined())
                && (q.type() == null || d.type() == q.type())
                && (q.journeyId() == null || q.journeyId().equals(d.journeyId()))
                && (q.stageId() == null || q.stageId().equals(d.stageId()))
                && (q.touchpointId() == null || q.touchpointId().equals(d.touchpointId()))
                && (q.segment() == null || q.segment().equals(d.segment()))
                && (q.from() == null || (d.date() != null && !d.date().isBefore(q.from())))
                && (q.to() == null || (d.date() != null && !d.date().isAfter(q.to())));
    }

    private static List<Map.Entry<Doc, Double>> top(List<Map.Entry<Doc, Double>> scored, int n) {
        return scored.stream().sorted(Comparator.comparingDouble((Map.Entry<Doc, Double> e) -> -e.getValue())
                .thenComparing(e -> e.getKey().id())).limit(n).toList();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static double bm25(WorkspaceIndex index, Doc doc, List<String> terms) {
        double score = 0;
        int n = index.docs().size();
        for (String term : terms) {
            Integer tf = doc.terms().get(term);
            if (tf == null) {
                continue;
            }
            int df = index.documentFrequency().getOrDefault(term, 0);
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * doc.length() / index.averageLength()));
        }
        return score;
    }

    /**
     * Lower-cased words without stop words, cut to their first five letters: a crude stemmer
     * that lets "bezorging", "bezorgd" and "bezorger" (or "delivery" and "delivered") meet.
     */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        var matcher = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (!StopWords.contains(word)) {
                terms.add(word.length() > 5 ? word.substring(0, 5) : word);
            }
        }
        return terms;
    }

    private WorkspaceIndex load(UUID workspaceId) {
        List<Doc> docs = jdbc.query("""
                        select item_id, item_type, text, journey_id, stage_id, touchpoint_id, segment, item_date, language,
                               quarantined, embedding
                        from evidence_index where workspace_id = ?""",
                (rs, n) -> {
                    String text = rs.getString("text");
                    Map<String, Integer> termCounts = new HashMap<>();
                    List<String> terms = terms(text);
                    terms.forEach(t -> termCounts.merge(t, 1, Integer::sum));
                    return new Doc(rs.getObject("item_id", UUID.class), ItemType.valueOf(rs.getString("item_type")), text,
                            rs.getObject("journey_id", UUID.class), rs.getObject("stage_id", UUID.class),
                            rs.getObject("touchpoint_id", UUID.class), rs.getString("segment"),
                            rs.getObject("item_date", LocalDate.class), rs.getString("language"),
                            rs.getBoolean("quarantined"), IndexStores.Embedded.unpack(rs.getBytes("embedding")), termCounts, terms.size());
                }, workspaceId);
        Map<String, Integer> documentFrequency = new HashMap<>();
        docs.forEach(d -> d.terms().keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum)));
        double averageLength = docs.stream().mapToInt(Doc::length).average().orElse(1);
        return new WorkspaceIndex(docs, documentFrequency, Math.max(averageLength, 1));
    }
}
