package com.journeyassistant.eval;

import com.journeyassistant.eval.Results.CaseResult;
import com.journeyassistant.eval.Results.SuiteResult;
import com.journeyassistant.eval.Results.ThresholdResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's report: {@code <timestamp>.json} (everything measured) and {@code <timestamp>.html},
 * which shows each metric's value against its threshold with a chart of the metric over the
 * suite's past runs in the same folder, and every case that missed its expectations.
 */
final class Reports {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Reports() {
    }

    static void write(Path folder, SuiteResult result, PrintStream out) throws IOException {
        Files.createDirectories(folder);
        String stamp = EvalRunner.stamp(Instant.parse(result.startedAt()));
        Path json = folder.resolve(stamp + ".json");
        Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        Path html = folder.resolve(stamp + ".html");
        Files.writeString(html, html(result, history(folder)));
        Files.writeString(folder.resolve("latest.html"), Files.readString(html));
        out.println("  report: " + html + " (and " + json.getFileName() + ")");
    }

    /** Each metric's values over the past runs of this suite, oldest first, by the runs' file names. */
    static Map<String, List<double[]>> history(Path folder) throws IOException {
        Map<String, List<double[]>> series = new TreeMap<>();
        List<Path> runs;
        try (var files = Files.list(folder)) {
            runs = files.filter(p -> p.getFileName().toString().matches("\\d{8}-\\d{6}\\.json")).sorted().toList();
        }
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = JSON.readTree(runs.get(i).toFile());
            int index = i;
            run.path("metrics").properties().forEach(e -> series.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                    .add(new double[] {index, e.getValue().asDouble()}));
        }
        return series;
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String html(SuiteResult result, Map<String, List<double[]>> history) {
        StringBuilder page = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evaluation: %s</title><style>
                body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
                td,th{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:middle}
                .ok{color:#1a7f37}.miss{color:#cf222e;font-weight:bold}svg{background:#fafafa}
                </style></head><body>
                """.formatted(escape(result.suite())));
        long failed = result.cases().stream().filter(c -> !c.passed()).count();
        page.append("<h1>Suite ").append(escape(result.suite())).append(result.passed() ? " <span class=ok>passed</span>"
                : " <span class=miss>missed a threshold</span>").append("</h1>");
        page.append("<p>").append(escape(result.mode())).append(" run with model <code>").append(escape(result.model()))
                .append("</code>, started ").append(escape(result.startedAt().replaceAll("\\.\\d+Z$", "Z")))
                .append(", ")
                .append(format(result.seconds())).append(" s; ").append(result.cases().size() - failed).append(" of ")
                .append(result.cases().size()).append(" cases met their expectations.</p>");
        page.append("<table><tr><th>metric</th><th>value</th><th>threshold</th><th></th><th>past runs</th></tr>");
        List<String> shown = new ArrayList<>();
        for (ThresholdResult t : result.thresholds()) {
            shown.add(t.metric());
            page.append(row(t.metric(), t.value(), t.bound(), t.passed() ? "<span class=ok>ok</span>"
                    : "<span class=miss>miss</span>", history.get(t.metric())));
        }
        result.metrics().forEach((metric, value) -> {
            if (!shown.contains(metric)) {
                page.append(row(metric, value, "", "", history.get(metric)));
            }
        });
        page.append("</table>");
        if (failed > 0) {
            page.append("<h2>Cases that missed their expectations</h2><table><tr><th>section</th><th>case</th>"
                    + "<th>why</th></tr>");
            for (CaseResult c : result.cases()) {
                if (!c.passed()) {
                    page.append("<tr><td>").append(escape(c.section())).append("</td><td>").append(escape(c.id()))
                            .append("</td><td>").append(escape(c.detail())).append("</td></tr>");
                }
            }
            page.append("</table>");
        }
        page.append("<h2>All cases</h2><table><tr><th>section</th><th>case</th><th></th><th>ms</th><th>tokens</th>"
                + "<th>detail</th></tr>");
        for (CaseResult c : result.cases()) {
            page.append("<tr><td>").append(escape(c.section())).append("</td><td>").append(escape(c.id())).append("</td><td>")
                    .append(c.passed() ? "<span class=ok>✓</span>" : "<span class=miss>✗</span>").append("</td><td>")
                    .append(format(Math.round(c.millis()))).append("</td><td>").append(c.tokens()).append("</td><td>")
                    .append(escape(c.detail())).append("</td></tr>");
        }
        return page.append("</table></body></html>\n").toString();
    }

    private static String row(String metric, Double value, String bound, String verdict, List<double[]> past) {
        return "<tr><td>" + escape(metric) + "</td><td>" + (value == null ? "not measured" : format(value)) + "</td><td>"
                + escape(bound) + "</td><td>" + verdict + "</td><td>" + chart(past) + "</td></tr>";
    }

    /** A small line chart of the metric over past runs, the latest run as a dot. */
    static String chart(List<double[]> points) {
        if (points == null || points.isEmpty()) {
            return "";
        }
        int width = 220;
        int height = 40;
        double min = points.stream().mapToDouble(p -> p[1]).min().orElse(0);
        double max = points.stream().mapToDouble(p -> p[1]).max().orElse(1);
        double span = max - min == 0 ? 1 : max - min;
        double step = points.size() == 1 ? 0 : (width - 10.0) / (points.size() - 1);
        StringBuilder path = new StringBuilder();
        double x = 5;
        double y = 0;
        for (int i = 0; i < points.size(); i++) {
            x = 5 + i * step;
            y = height - 5 - (points.get(i)[1] - min) / span * (height - 10);
            path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        }
        // the scale runs from the lowest to the highest value seen, so the range is printed beside it
        String range = points.size() + " runs, from " + format(min) + " to " + format(max);
        return String.format(Locale.ROOT, "<svg width=%d height=%d role=img aria-label=\"%s\"><title>%s</title>"
                        + "<path d=\"%s\" fill=none stroke=\"#0969da\" stroke-width=1.5 /><circle cx=%.1f cy=%.1f r=3"
                        + " fill=\"#0969da\" /></svg> <small>%s</small>", width, height, range, range, path, x, y,
                min == max ? format(min) : format(min) + "–" + format(max));
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
