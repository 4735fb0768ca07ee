package com.journeyassistant.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words and word pairs most particular to each of a set of groups (class-based TF-IDF): how often a group uses
 * a term, against how often all groups use it. A term must appear in at least two of a group's items (one for
 * groups of three or fewer). A word pair wins over its own words: "lost luggage" rather than "luggage".
 */
final class Keywords {

    private Keywords() {
    }

    static List<List<String>> particular(List<Map<String, Integer>> groups, List<Integer> sizes, int limit) {
        Map<String, Integer> overall = new HashMap<>();
        List<Integer> totals = new ArrayList<>();
        for (Map<String, Integer> group : groups) {
            group.forEach((term, count) -> overall.merge(term, count, Integer::sum));
            totals.add(group.values().stream().mapToInt(Integer::intValue).sum());
        }
        double average = totals.stream().mapToInt(Integer::intValue).average().orElse(1);
        List<List<String>> result = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Map<String, Integer> group = groups.get(g);
            int total = Math.max(1, totals.get(g));
            int required = sizes.get(g) > 3 ? 2 : 1;
            List<Map.Entry<String, Integer>> ranked = group.entrySet().stream()
                    .filter(e -> e.getValue() >= required)
                    .sorted(Comparator.comparingDouble((Map.Entry<String, Integer> e) ->
                                    -e.getValue() / (double) total * Math.log(1 + average / overall.get(e.getKey())))
                            .thenComparing(Map.Entry::getKey))
                    .limit(limit * 4L).toList();
            result.add(pick(ranked, limit));
        }
        return result;
    }

    private static List<String> pick(List<Map.Entry<String, Integer>> ranked, int limit) {
        List<String> chosen = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : ranked) {
            String term = entry.getKey();
            if (chosen.size() == limit) {
                break;
            }
            boolean pair = term.indexOf(' ') > 0;
            if (!pair && chosen.stream().anyMatch(c -> c.indexOf(' ') > 0 && List.of(c.split(" ")).contains(term))) {
                continue;
            }
            if (pair) {
                List<String> words = List.of(term.split(" "));
                int at = -1;
                for (int i = chosen.size() - 1; i >= 0; i--) {
                    if (words.contains(chosen.get(i))) {
                        chosen.remove(i);
                        at = i;
                    }
                }
                if (chosen.contains(term)) {
                    continue;
                }
                chosen.add(at < 0 ? chosen.size() : Math.min(at, chosen.size()), term);
                continue;
            }
            chosen.add(term);
        }
        return chosen;
    }
}
