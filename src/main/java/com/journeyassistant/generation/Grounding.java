package com.journeyassistant.generation;

import com.journeyassistant.evidence.EvidenceFacts;
import com.journeyassistant.evidence.EvidenceFacts.KpiFact;
import com.journeyassistant.evidence.EvidenceSearch;
import com.journeyassistant.evidence.EvidenceViews;
import com.journeyassistant.evidence.PiiRedactor;
import com.journeyassistant.journey.MapModels.Touchpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/** Gathers the evidence a job puts before the model: the latest KPIs and the best matching feedback and insights. */
@Component
class Grounding {

    private static final int HITS = 12;
    private static final int MAX_QUERY = 900;

    private final EvidenceSearch search;
    private final EvidenceFacts facts;

    Grounding(EvidenceSearch search, EvidenceFacts facts) {
        this.search = search;
        this.facts = facts;
    }

    /** A touchpoint's latest KPIs. */
    List<KpiFact> touchpointKpis(UUID ws, Touchpoint touchpoint) {
        return latestKpis(ws, touchpoint.journeyId(), k -> touchpoint.id().equals(k.touchpointId()));
    }

    /** A touchpoint's own KPIs, then feedback and insights about it (its stage's, when it has few of its own). */
    EvidenceContext forTouchpoint(UUID ws, Touchpoint touchpoint, String about, int tokenBudget) {
        return forTouchpoint(ws, touchpoint, touchpointKpis(ws, touchpoint), about, tokenBudget);
    }

    EvidenceContext forTouchpoint(UUID ws, Touchpoint touchpoint, List<KpiFact> kpis, String about, int tokenBudget) {
        EvidenceContext context = new EvidenceContext(tokenBudget);
        addKpis(context, kpis);
        String query = query(touchpoint.name() + " " + Objects.toString(touchpoint.idealMessage(), "") + " " + about);
        List<EvidenceViews.SearchHit> hits = new ArrayList<>(search.search(ws, query, new EvidenceSearch.Filters(
                null, null, touchpoint.id(), null, null, null, null), HITS, EvidenceSearch.Mode.HYBRID));
        if (hits.stream().filter(h -> !h.type().equals("kpi")).count() < 4) {
            hits.addAll(search.search(ws, query, new EvidenceSearch.Filters(null, touchpoint.stageId(), null, null,
                    null, null, null), HITS, EvidenceSearch.Mode.HYBRID));
        }
        addHits(context, hits);
        return context;
    }

    /**
     * Feedback and insights of some of a journey's touchpoints matching {@code about} (of the
     * whole journey when they give too little), and the given KPIs.
     */
    EvidenceContext forJourney(UUID ws, UUID journeyId, Collection<UUID> touchpointIds, String about,
                               Predicate<KpiFact> kpis, int tokenBudget) {
        EvidenceContext context = new EvidenceContext(tokenBudget);
        addKpis(context, latestKpis(ws, journeyId, kpis));
        List<EvidenceViews.SearchHit> hits = new ArrayList<>();
        String query = query(about);
        int perTouchpoint = Math.max(4, HITS / Math.max(1, touchpointIds.size()));
        if (!touchpointIds.isEmpty()) {
            search.searchEach(ws, query, touchpointIds.stream().map(t -> new EvidenceSearch.Lookup(
                            new EvidenceSearch.Filters(journeyId, null, t, null, null, null, null), perTouchpoint,
                            EvidenceSearch.Mode.HYBRID)).toList())
                    .forEach(hits::addAll);
        }
        if (hits.size() < HITS) {
            hits.addAll(search.search(ws, query, new EvidenceSearch.Filters(journeyId, null, null, null, null, null,
                    null), HITS, EvidenceSearch.Mode.HYBRID));
        }
        addHits(context, hits);
        return context;
    }

    /** The latest period of each metric per place, for the KPIs that pass the filter. */
    List<KpiFact> latestKpis(UUID ws, UUID journeyId, Predicate<KpiFact> filter) {
        return EvidenceFacts.latestPerMetric(facts.kpis(ws, journeyId).stream().filter(filter).toList());
    }

    static String describe(KpiFact k) {
        return k.metric() + ": " + k.value().toPlainString() + (k.unit() == null ? "" : " " + k.unit())
                + (k.period() == null ? "" : " (" + k.period() + ")")
                + (k.target() == null ? "" : ", target " + k.target().toPlainString())
                + (k.higherIsBetter() ? ", higher is better" : ", lower is better");
    }

    private static void addKpis(EvidenceContext context, List<KpiFact> kpis) {
        kpis.forEach(k -> context.addKpi(k.id(), describe(k), k.value(), k.target()));
    }

    private static void addHits(EvidenceContext context, List<EvidenceViews.SearchHit> hits) {
        hits.stream().filter(h -> !h.type().equals("kpi"))
                .sorted(Comparator.comparingDouble((EvidenceViews.SearchHit h) -> -h.fusedScore()))
                .forEach(h -> context.add(h.type(), h.id(), h.snippet()));
    }

    private static String query(String text) {
        String redacted = PiiRedactor.redact(text.strip().isEmpty() ? "klanten customers" : text.strip()).text();
        return redacted.length() > MAX_QUERY ? redacted.substring(0, MAX_QUERY) : redacted;
    }
}
