package com.journeyassistant.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How well themes and pains recover categories people gave a labelled set of feedback, and how well the text
 * sentiment agrees with their own verdicts. Used by the evaluation's real-feedback section.
 */
public final class ThemeRecovery {

    private ThemeRecovery() {
    }

    /** One labelled item: its level (from the customer's score), its embedding, its category and verdict. */
    public record Labelled(UUID id, String text, Double level, float[] vector, String category, String sentiment) {
    }

    /** A category counts as a cause to recover when it holds at least this share of the unhappy items. */
    public static final double CAUSE_SHARE = 0.05;

    /**
     * Metrics, under the given prefix: {@code pains.purity} (the items of each pain that belong to its largest
     * category), {@code pains.categoriesRecovered} (of the categories with ≥ 5 % of the unhappy items, not counting
     * {@code notCauses}, the share that stands out in some pain: one of its two largest categories, and at least
     * twice as common there as among all unhappy items), {@code pains.categoriesLeading} (the share that is the
     * largest category of some pain, stricter), {@code pains.adjustedRand} and
     * {@code themes.adjustedRand} (against the categories), {@code sentiment.agreement} and {@code coverage} (the text
     * sentiment's sign against the verdict, on items with a positive or negative verdict), and the counts.
     */
    public static Map<String, Double> measure(List<Labelled> labelled, Set<String> notCauses, String prefix,
                                              Map<String, String> details) {
        List<FeedbackThemes.Item> items = labelled.stream()
                .map(l -> new FeedbackThemes.Item(l.id(), l.text(), l.level(), l.vector())).toList();
        Map<UUID, String> category = new HashMap<>();
        labelled.forEach(l -> category.put(l.id(), l.category()));
        FeedbackThemes.Result result = FeedbackThemes.analyse(items);

        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Integer> unhappyByCategory = new HashMap<>();
        labelled.stream().filter(l -> FeedbackThemes.unhappy(l.level()))
                .forEach(l -> unhappyByCategory.merge(l.category(), 1, Integer::sum));
        int unhappy = unhappyByCategory.values().stream().mapToInt(Integer::intValue).sum();
        int plurality = 0;
        int inPains = 0;
        java.util.Set<String> leading = new java.util.TreeSet<>();
        java.util.Set<String> standingOut = new java.util.TreeSet<>();
        List<String> painLabels = new ArrayList<>();
        List<String> painCategories = new ArrayList<>();
        for (AnalyticsReport.Cause pain : result.pains()) {
            Map<String, Integer> counts = new HashMap<>();
            for (UUID id : result.painMembers().get(pain)) {
                counts.merge(category.get(id), 1, Integer::sum);
                painLabels.add(pain.label());
                painCategories.add(category.get(id));
            }
            Map.Entry<String, Integer> top = counts.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow();
            plurality += top.getValue();
            inPains += pain.customers();
            leading.add(top.getKey());
            // a category stands out in a pain when it is one of the pain's two largest and at least twice as
            // common there as among all unhappy items: a reader of the pain's quotes meets it
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(2)
                    .filter(e -> e.getValue() / (double) pain.customers()
                            >= 2 * unhappyByCategory.getOrDefault(e.getKey(), 0) / (double) unhappy)
                    .forEach(e -> standingOut.add(e.getKey()));
            details.put("pain " + pain.label(), pain.customers() + " items, mostly " + top.getKey() + " ("
                    + Math.round(100.0 * top.getValue() / pain.customers()) + " %)");
        }
        List<String> causes = unhappyByCategory.entrySet().stream()
                .filter(e -> !notCauses.contains(e.getKey()) && e.getValue() >= CAUSE_SHARE * unhappy)
                .map(Map.Entry::getKey).sorted().toList();
        causes.forEach(c -> details.put("category " + c, Math.round(100.0 * unhappyByCategory.get(c) / unhappy)
                + " % of unhappy items, " + (leading.contains(c) ? "leads a pain" : "leads no pain") + ", "
                + (standingOut.contains(c) ? "stands out in a pain" : "stands out in no pain")));
        metrics.put(prefix + "pains.count", (double) result.pains().size());
        metrics.put(prefix + "pains.purity", inPains == 0 ? 0 : plurality / (double) inPains);
        metrics.put(prefix + "pains.categoriesRecovered",
                causes.isEmpty() ? 1 : causes.stream().filter(standingOut::contains).count() / (double) causes.size());
        metrics.put(prefix + "pains.categoriesLeading",
                causes.isEmpty() ? 1 : causes.stream().filter(leading::contains).count() / (double) causes.size());
        metrics.put(prefix + "pains.adjustedRand", adjustedRand(painLabels, painCategories));

        List<String> themeOf = new ArrayList<>();
        List<String> themeCategories = new ArrayList<>();
        result.themeMembers().forEach((theme, members) -> members.forEach(id -> {
            themeOf.add(theme.label());
            themeCategories.add(category.get(id));
        }));
        metrics.put(prefix + "themes.count", (double) result.themes().size());
        metrics.put(prefix + "themes.adjustedRand", adjustedRand(themeOf, themeCategories));

        int polar = 0;
        int scored = 0;
        int agreeing = 0;
        for (Labelled l : labelled) {
            if (!l.sentiment().equals("positive") && !l.sentiment().equals("negative")) {
                continue;
            }
            polar++;
            Double score = Sentiment.score(l.text());
            if (score != null && score != 0) {
                scored++;
                agreeing += (score > 0) == l.sentiment().equals("positive") ? 1 : 0;
            }
        }
        metrics.put(prefix + "sentiment.agreement", scored == 0 ? 0 : agreeing / (double) scored);
        metrics.put(prefix + "sentiment.coverage", polar == 0 ? 0 : scored / (double) polar);
        return metrics;
    }

    /** The adjusted Rand index of two labellings of the same items: 1 identical, about 0 as good as chance. */
    static double adjustedRand(List<String> a, List<String> b) {
        Map<String, Map<String, Integer>> table = new HashMap<>();
        Map<String, Integer> rows = new HashMap<>();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            table.computeIfAbsent(a.get(i), k -> new HashMap<>()).merge(b.get(i), 1, Integer::sum);
            rows.merge(a.get(i), 1, Integer::sum);
            columns.merge(b.get(i), 1, Integer::sum);
        }
        double index = table.values().stream().flatMap(m -> m.values().stream()).mapToDouble(ThemeRecovery::pairs).sum();
        double rowPairs = rows.values().stream().mapToDouble(ThemeRecovery::pairs).sum();
        double columnPairs = columns.values().stream().mapToDouble(ThemeRecovery::pairs).sum();
        double expected = rowPairs * columnPairs / pairs(a.size());
        double maximum = (rowPairs + columnPairs) / 2;
        return maximum == expected ? 0 : (index - expected) / (maximum - expected);
    }

    private static double pairs(int n) {
        return n * (n - 1) / 2.0;
    }
}
