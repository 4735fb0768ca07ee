package com.journeyassistant.evidence;

import com.journeyassistant.platform.ApiProblemException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Hybrid retrieval over a workspace's evidence: the query is embedded with the same model as
 * the evidence, then vector and full-text candidates are fused. The workspace is a condition
 * inside the search itself, never a filter applied to results afterwards.
 */
@Service
public class EvidenceSearch {

    /** Optional narrowing of a search; null fields do not filter. */
    public record Filters(UUID journeyId, UUID stageId, UUID touchpointId, String segment, String type,
                          LocalDate from, LocalDate to) {
        public static final Filters NONE = new Filters(null, null, null, null, null, null, null);
    }

    public enum Mode { HYBRID, VECTOR, TEXT }

    static final int MAX_K = 100;
    static final int MAX_QUERY = 1000;
    static final int QUERY_CACHE = 1000;

    private final IndexStore index;
    private final EvidenceEmbeddings.Embedder embedder;
    /** Generation asks the same questions of a touchpoint again and again; embedding one costs ~10 ms. */
    private final Map<String, float[]> queryVectors = Collections.synchronizedMap(
            new LinkedHashMap<>(QUERY_CACHE, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                    return size() > QUERY_CACHE;
                }
            });

    EvidenceSearch(IndexStore index, EvidenceEmbeddings.Embedder embedder) {
        this.index = index;
        this.embedder = embedder;
    }

    public List<EvidenceViews.SearchHit> search(UUID workspaceId, String text, Filters filters, int k, Mode mode) {
        if (text == null || text.isBlank()) {
            throw ApiProblemException.invalid("q", "must not be blank");
        }
        if (text.length() > MAX_QUERY) {
            throw ApiProblemException.invalid("q", "must be at most " + MAX_QUERY + " characters");
        }
        if (k < 1 || k > MAX_K) {
            throw ApiProblemException.invalid("k", "must be from 1 to " + MAX_K);
        }
        if (filters.from() != null && filters.to() != null && filters.from().isAfter(filters.to())) {
            throw ApiProblemException.invalid("from", "must not be after 'to'");
        }
        String query = PiiRedactor.redact(TextNormalizer.normalize(text).text()).text();
        float[] vector;
        try {
            vector = queryVectors.get(query);
            if (vector == null) {
                vector = embedder.embedQuery(query);
                queryVectors.put(query, vector);
            }
        } catch (EmbeddingUnavailableException e) {
            throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Embedding service unavailable",
                    "The search could not embed the query because " + e.getMessage() + "; try again shortly", List.of());
        }
        IndexStore.Query q = new IndexStore.Query(workspaceId, query, vector, k, filters.journeyId(),
                filters.stageId(), filters.touchpointId(), filters.segment(), type(filters.type()), filters.from(),
                filters.to());
        return index.search(q, IndexStore.Mode.valueOf(mode.name())).stream()
                .map(h -> new EvidenceViews.SearchHit(h.itemId(), h.type().name().toLowerCase(Locale.ROOT),
                        snippet(h.text()), h.journeyId(), h.stageId(), h.touchpointId(), h.segment(), h.date(),
                        h.language(), h.vectorScore(), h.textScore(), h.fusedScore()))
                .toList();
    }

    private static IndexStore.ItemType type(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "feedback" -> IndexStore.ItemType.FEEDBACK;
            case "kpi" -> IndexStore.ItemType.KPI;
            case "insight" -> IndexStore.ItemType.INSIGHT;
            default -> throw ApiProblemException.invalid("type", "must be feedback, kpi or insight");
        };
    }

    private static String snippet(String text) {
        return text.length() <= 300 ? text : text.substring(0, 299).strip() + "…";
    }
}
