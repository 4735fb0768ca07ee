package com.journeyassistant.evidence;

import com.journeyassistant.platform.TenantScope;
import com.journeyassistant.platform.ApiProblemException;
import jakarta.annotation.PreDestroy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
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
    private static final int LOOKUP_THREADS = 4;

    private final IndexStore index;
    private final EvidenceEmbeddings.Embedder embedder;
    private final UnindexedFeedback unindexed;
    /** Generation asks the same questions of a touchpoint again and again; embedding one costs ~10 ms. */
    private final Map<String, float[]> queryVectors = Collections.synchronizedMap(
            new LinkedHashMap<>(QUERY_CACHE, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                    return size() > QUERY_CACHE;
                }
            });

    /** Lookups of one request run side by side; a few threads suffice, the database does the work. */
    private final ExecutorService lookupThreads = TenantScope.propagating(Executors.newFixedThreadPool(LOOKUP_THREADS, runnable -> {
        Thread thread = new Thread(runnable, "evidence-lookup");
        thread.setDaemon(true);
        return thread;
    }));

    EvidenceSearch(IndexStore index, EvidenceEmbeddings.Embedder embedder, UnindexedFeedback unindexed) {
        this.index = index;
        this.embedder = embedder;
        this.unindexed = unindexed;
    }

    /** A search for the assistant (a prompt, a chat tool): quarantined items are never found. */
    public List<EvidenceViews.SearchHit> search(UUID workspaceId, String text, Filters filters, int k, Mode mode) {
        return searchEach(workspaceId, text, List.of(new Lookup(filters, k, mode))).get(0);
    }

    /** A search for people: quarantined items are found too, marked as such, so that they can be reviewed. */
    public List<EvidenceViews.SearchHit> searchForPeople(UUID workspaceId, String text, Filters filters, int k, Mode mode) {
        return searchEach(workspaceId, text, List.of(new Lookup(filters, k, mode, true))).get(0);
    }

    /** One narrowing of a query in {@link #searchEach}; quarantined items are left out unless included. */
    public record Lookup(Filters filters, int k, Mode mode, boolean includeQuarantined) {
        public Lookup(Filters filters, int k, Mode mode) {
            this(filters, k, mode, false);
        }
    }

    /**
     * One query asked under several narrowings (one per segment, say): embedded once, the
     * lookups run side by side, the hits of each lookup in the order given.
     */
    public List<List<EvidenceViews.SearchHit>> searchEach(UUID workspaceId, String text, List<Lookup> lookups) {
        if (text == null || text.isBlank()) {
            throw ApiProblemException.invalid("q", "must not be blank");
        }
        if (text.length() > MAX_QUERY) {
            throw ApiProblemException.invalid("q", "must be at most " + MAX_QUERY + " characters");
        }
        for (Lookup lookup : lookups) {
            if (lookup.k() < 1 || lookup.k() > MAX_K) {
                throw ApiProblemException.invalid("k", "must be from 1 to " + MAX_K);
            }
            Filters filters = lookup.filters();
            if (filters.from() != null && filters.to() != null && filters.from().isAfter(filters.to())) {
                throw ApiProblemException.invalid("from", "must not be after 'to'");
            }
        }
        String query = PiiRedactor.redact(TextNormalizer.normalize(text).text()).text();
        // words alone need no embedding, so a text search works while the embedding model is away or loading
        boolean wordsOnly = lookups.stream().allMatch(l -> l.mode() == Mode.TEXT);
        float[] vector = wordsOnly ? new float[embedder.dimension()] : queryVector(query);
        List<Supplier<List<EvidenceViews.SearchHit>>> searches = lookups.stream()
                .<Supplier<List<EvidenceViews.SearchHit>>>map(l -> () -> lookup(workspaceId, query, vector, l))
                .toList();
        if (searches.size() == 1) {
            return List.of(searches.get(0).get());
        }
        List<CompletableFuture<List<EvidenceViews.SearchHit>>> running = searches.stream()
                .map(s -> CompletableFuture.supplyAsync(s, lookupThreads)).toList();
        List<List<EvidenceViews.SearchHit>> results = new ArrayList<>();
        for (CompletableFuture<List<EvidenceViews.SearchHit>> search : running) {
            try {
                results.add(search.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        return results;
    }

    private float[] queryVector(String query) {
        try {
            float[] vector = queryVectors.get(query);
            if (vector == null) {
                vector = embedder.embedQuery(query);
                queryVectors.put(query, vector);
            }
            return vector;
        } catch (EmbeddingUnavailableException e) {
            throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Embedding service unavailable",
                    "The search could not embed the query because " + e.getMessage() + "; try again shortly", List.of());
        }
    }

    private List<EvidenceViews.SearchHit> lookup(UUID workspaceId, String query, float[] vector, Lookup lookup) {
        Filters filters = lookup.filters();
        IndexStore.Query q = new IndexStore.Query(workspaceId, query, vector, lookup.k(), filters.journeyId(),
                filters.stageId(), filters.touchpointId(), filters.segment(), type(filters.type()), filters.from(),
                filters.to(), lookup.includeQuarantined());
        List<IndexStore.Hit> hits = index.search(q, IndexStore.Mode.valueOf(lookup.mode().name()));
        if (lookup.mode() != Mode.VECTOR && unindexed.anyWaiting(workspaceId)) {
            hits = withUnindexed(hits, unindexed.search(q, IndexStore.candidates(lookup.k())), lookup.k());
        }
        return hits.stream()
                .map(h -> new EvidenceViews.SearchHit(h.itemId(), h.type().name().toLowerCase(Locale.ROOT),
                        snippet(h.text()), h.journeyId(), h.stageId(), h.touchpointId(), h.segment(), h.date(),
                        h.language(), h.vectorScore(), h.textScore(), h.fusedScore(), h.quarantined()))
                .toList();
    }

    /** Feedback and KPIs of the workspace still waiting to be embedded; until then only their words find them. */
    public long waitingToBeIndexed(UUID workspaceId) {
        return unindexed.waiting(workspaceId);
    }

    /**
     * Items not embedded yet join the results as the text retriever would rank them: the n-th best scores like an
     * indexed item found by its words alone at rank n.
     */
    private static List<IndexStore.Hit> withUnindexed(List<IndexStore.Hit> indexed, List<IndexStore.Hit> unindexed,
                                                      int k) {
        if (unindexed.isEmpty()) {
            return indexed;
        }
        List<IndexStore.Hit> all = new ArrayList<>(indexed);
        for (int rank = 1; rank <= unindexed.size(); rank++) {
            IndexStore.Hit h = unindexed.get(rank - 1);
            all.add(new IndexStore.Hit(h.itemId(), h.type(), h.text(), h.journeyId(), h.stageId(), h.touchpointId(),
                    h.segment(), h.date(), h.language(), null, h.textScore(), 1.0 / (IndexStore.RRF_K + rank),
                    h.quarantined()));
        }
        all.sort(java.util.Comparator.comparingDouble(IndexStore.Hit::fusedScore).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }

    @PreDestroy
    void stop() {
        lookupThreads.shutdownNow();
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
