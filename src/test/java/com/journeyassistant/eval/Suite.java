package com.journeyassistant.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * A suite file of {@code eval/suites/}: which datasets to run (each a section: retrieval,
 * statistics, generation or safety, optionally only cases with some tags) and the minimum or
 * maximum each metric must reach.
 */
record Suite(String name, String description, List<String> modes, List<Section> sections,
             Map<String, Threshold> thresholds) {

    record Section(String kind, String dataset, List<String> tags) {
    }

    /** Either bound may be null. */
    record Threshold(Double min, Double max) {
        boolean passes(double value) {
            return (min == null || value >= min) && (max == null || value <= max);
        }

        @Override
        public String toString() {
            return min != null && max != null ? min + " ≤ x ≤ " + max : min != null ? "≥ " + min : "≤ " + max;
        }
    }

    @SuppressWarnings("unchecked")
    static Suite load(Path folder, String name) throws IOException {
        Path file = folder.resolve(name + ".yaml");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no suite " + file + " (suites: " + names(folder) + ")");
        }
        Map<String, Object> yaml;
        try (Reader reader = Files.newBufferedReader(file)) {
            yaml = new Yaml().load(reader);
        }
        List<Section> sections = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) yaml.getOrDefault("sections", List.of())) {
            sections.add(new Section((String) s.get("kind"), (String) s.get("dataset"),
                    (List<String>) s.getOrDefault("tags", List.of())));
        }
        Map<String, Threshold> thresholds = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) yaml.getOrDefault("thresholds", Map.of())).forEach((metric, bound) ->
                thresholds.put(metric, new Threshold(number(bound.get("min")), number(bound.get("max")))));
        return new Suite((String) yaml.getOrDefault("name", name), (String) yaml.getOrDefault("description", ""),
                (List<String>) yaml.getOrDefault("modes", List.of("offline", "live")), sections, thresholds);
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    static List<String> names(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
    }
}
