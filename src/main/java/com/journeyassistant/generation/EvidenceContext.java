package com.journeyassistant.generation;

import com.journeyassistant.model.TokenCount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The evidence one request puts in front of the model, each item under a short reference
 * (F1, I1, K1) that citations must use. Customer text is fenced: it sits inside one
 * {@code <data>} block and cannot close it, because angle brackets in it are replaced.
 * Items are added until the token budget ({@link TokenCount}) is spent.
 */
final class EvidenceContext {

    record Item(String ref, UUID id, String type, String text) {
    }

    private final int budgetTokens;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<UUID, String> refById = new java.util.HashMap<>();
    private final List<BigDecimal> kpiValues = new ArrayList<>();
    private int usedTokens;
    private int feedback;
    private int insights;
    private int kpis;

    EvidenceContext(int tokenBudget) {
        this.budgetTokens = tokenBudget;
    }

    /** The evidence a request was prepared with, as it was: the same items under the same references. */
    static EvidenceContext restore(List<Item> items, List<BigDecimal> kpiValues) {
        EvidenceContext context = new EvidenceContext(Integer.MAX_VALUE);
        items.forEach(context::put);
        context.kpiValues.addAll(kpiValues);
        return context;
    }

    /** Adds a feedback item or insight unless the budget is spent; returns whether it was added. */
    boolean add(String type, UUID id, String text) {
        if (refById.containsKey(id)) {
            return false;
        }
        String fenced = DataFence.fence(text);
        int tokens = TokenCount.of(fenced);
        if (usedTokens + tokens > budgetTokens) {
            return false;
        }
        usedTokens += tokens;
        String ref = switch (type) {
            case "insight" -> "I" + (++insights);
            case "kpi" -> "K" + (++kpis);
            default -> "F" + (++feedback);
        };
        put(new Item(ref, id, type, fenced));
        return true;
    }

    /** A KPI always goes in (they are short), and its value becomes a number the copy may state. */
    void addKpi(UUID id, String description, BigDecimal value, BigDecimal target) {
        put(new Item("K" + (++kpis), id, "kpi", DataFence.fence(description)));
        kpiValues.add(value);
        if (target != null) {
            kpiValues.add(target);
        }
    }

    private void put(Item item) {
        items.put(item.ref(), item);
        refById.putIfAbsent(item.id(), item.ref());
    }

    /** The reference an item was given, or null when it is not in the context. */
    String refOf(UUID id) {
        return refById.get(id);
    }

    Map<String, Item> items() {
        return items;
    }

    List<BigDecimal> kpiValues() {
        return kpiValues;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    String block() {
        StringBuilder out = new StringBuilder("<data>\n");
        for (Item item : items.values()) {
            out.append('[').append(item.ref()).append("] ").append(item.type()).append(": ").append(item.text())
                    .append('\n');
        }
        return out.append("</data>").toString();
    }
}
