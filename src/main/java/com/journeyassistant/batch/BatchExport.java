package com.journeyassistant.batch;

import com.journeyassistant.batch.BatchModels.Cell;
import com.journeyassistant.generation.CopyLimits;
import com.journeyassistant.journey.Channel;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels.Persona;
import com.journeyassistant.journey.MapModels.Touchpoint;
import com.journeyassistant.journey.Personas;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.suggestions.Suggestions;
import com.journeyassistant.suggestions.Suggestions.Status;
import com.journeyassistant.suggestions.Suggestions.Suggestion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's variants for the tools that send them. Which: the accepted ones (edited content
 * where edited), or every one that passed its checks and was not rejected. Every value is
 * checked against its channel's limits again on the way out (an edit may have made it
 * longer); one that no longer fits is left out and counted.
 *
 * <ul>
 * <li>{@code csv}: one row a variant; UTF-8 with a byte-order mark; comma, or semicolon for
 * Dutch Excel; a value that a spreadsheet would run as a formula is prefixed with {@code '}.</li>
 * <li>{@code jsonl}: one JSON object a variant.</li>
 * <li>{@code search-ads}: responsive search ads, one row an ad group (touchpoint, persona,
 * language): up to 15 headlines of at most 30 characters and 4 descriptions of at most 90.</li>
 * <li>{@code email}: subject, preheader, body and call to action, one row a variant, by segment.</li>
 * </ul>
 */
@Component
class BatchExport {

    enum Format { CSV, JSONL, SEARCH_ADS, EMAIL }

    enum Include { ACCEPTED, PASSING }

    /** What was written, and how many values were left out because they no longer fit their limits. */
    record Written(int rows, int leftOut) {
    }

    static final int RSA_HEADLINES = 15;
    static final int RSA_DESCRIPTIONS = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BatchStore store;
    private final Suggestions suggestions;
    private final Touchpoints touchpoints;
    private final Personas personas;
    private final Journeys journeys;

    BatchExport(BatchStore store, Suggestions suggestions, Touchpoints touchpoints, Personas personas,
                Journeys journeys) {
        this.store = store;
        this.suggestions = suggestions;
        this.touchpoints = touchpoints;
        this.personas = personas;
        this.journeys = journeys;
    }

    /** One variant ready to export: its cell, its place on the map, and its fields as they are now. */
    record Variant(Cell cell, int number, Touchpoint touchpoint, Persona persona, Suggestion suggestion,
                   Map<String, String> fields) {

        String segment() {
            return persona == null ? "All customers" : persona.name();
        }
    }

    Written write(CurrentWorkspace caller, UUID runId, Format format, Include include, char delimiter,
                  OutputStream out) throws IOException {
        BatchStore.Run run = store.run(caller.workspaceId(), runId);
        int[] leftOut = new int[1];
        List<Variant> variants = variants(caller, run, include, leftOut);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        int rows = switch (format) {
            case CSV -> csv(writer, variants, delimiter);
            case JSONL -> jsonl(writer, variants);
            case SEARCH_ADS -> searchAds(writer, variants, delimiter,
                    journeys.get(caller.workspaceId(), run.journeyId()).name(), leftOut);
            case EMAIL -> email(writer, variants, delimiter);
        };
        writer.flush();
        return new Written(rows, leftOut[0]);
    }

    private List<Variant> variants(CurrentWorkspace caller, BatchStore.Run run, Include include, int[] leftOut) {
        UUID ws = caller.workspaceId();
        Map<UUID, Touchpoint> touchpointById = touchpoints.list(ws, run.journeyId()).stream()
                .collect(Collectors.toMap(Touchpoint::id, Function.identity()));
        Map<UUID, Persona> personaById = personas.list(ws, run.journeyId()).stream()
                .collect(Collectors.toMap(Persona::id, Function.identity()));
        List<Variant> variants = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            List<Cell> cells = store.cells(run.id(), BatchModels.CellStatus.DONE, offset, 1000);
            if (cells.isEmpty()) {
                break;
            }
            Map<UUID, List<Suggestion>> byCell = suggestions.ofBatchCells(ws, cells.stream().map(Cell::id).toList());
            for (Cell cell : cells) {
                Touchpoint touchpoint = touchpointById.get(cell.touchpointId());
                if (touchpoint == null) {
                    continue; // removed from the map since
                }
                int number = 0;
                for (Suggestion suggestion : byCell.getOrDefault(cell.id(), List.of())) {
                    number++;
                    if (!wanted(suggestion.status(), include)) {
                        continue;
                    }
                    Map<String, String> fields = fitting(cell.channel(), suggestion.currentContent(), leftOut);
                    variants.add(new Variant(cell, number, touchpoint, cell.personaId() == null ? null
                            : personaById.get(cell.personaId()), suggestion, fields));
                }
            }
        }
        return variants;
    }

    private static boolean wanted(Status status, Include include) {
        return include == Include.ACCEPTED ? status == Status.ACCEPTED : status != Status.REJECTED;
    }

    /** The copy fields that still fit their channel's limits; the others are counted as left out. */
    private static Map<String, String> fitting(Channel channel, Map<String, Object> content, int[] leftOut) {
        Map<String, Integer> limits = CopyLimits.of(channel);
        Map<String, String> fields = new LinkedHashMap<>();
        if (content.get("fields") instanceof Map<?, ?> copy) {
            limits.forEach((name, limit) -> {
                if (copy.get(name) instanceof String text) {
                    if (text.codePointCount(0, text.length()) <= limit) {
                        fields.put(name, text);
                    } else {
                        leftOut[0]++;
                    }
                }
            });
        }
        return fields;
    }

    private static int csv(Writer out, List<Variant> variants, char delimiter) throws IOException {
        Set<String> fieldNames = new LinkedHashSet<>();
        variants.forEach(v -> fieldNames.addAll(CopyLimits.of(v.cell().channel()).keySet()));
        List<String> header = new ArrayList<>(List.of("cell", "touchpoint", "touchpoint_id", "persona", "persona_id",
                "channel", "language", "variant", "status", "angle"));
        header.addAll(fieldNames);
        header.addAll(List.of("citations", "suggestion_id"));
        bom(out);
        row(out, header, delimiter);
        for (Variant v : variants) {
            List<String> values = new ArrayList<>(List.of(String.valueOf(v.cell().position() + 1),
                    v.touchpoint().name(), v.touchpoint().id().toString(), v.persona() == null ? "" : v.persona().name(),
                    v.persona() == null ? "" : v.persona().id().toString(), v.cell().channel().name(),
                    v.cell().language(), String.valueOf(v.number()), v.suggestion().status().name(),
                    String.valueOf(v.suggestion().currentContent().getOrDefault("angle", ""))));
            fieldNames.forEach(name -> values.add(v.fields().getOrDefault(name, "")));
            values.add(v.suggestion().citations().stream().map(c -> c.ref() + " " + c.evidenceId())
                    .collect(Collectors.joining(" | ")));
            values.add(v.suggestion().id().toString());
            row(out, values, delimiter);
        }
        return variants.size();
    }

    private static int jsonl(Writer out, List<Variant> variants) throws IOException {
        for (Variant v : variants) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("cell", v.cell().position() + 1);
            line.put("touchpoint", v.touchpoint().name());
            line.put("touchpointId", v.touchpoint().id());
            line.put("persona", v.persona() == null ? null : v.persona().name());
            line.put("personaId", v.persona() == null ? null : v.persona().id());
            line.put("channel", v.cell().channel().name());
            line.put("language", v.cell().language());
            line.put("variant", v.number());
            line.put("status", v.suggestion().status().name());
            line.put("angle", v.suggestion().currentContent().get("angle"));
            line.put("fields", v.fields());
            line.put("citations", v.suggestion().citations());
            line.put("suggestionId", v.suggestion().id());
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
        }
        return variants.size();
    }

    /** One ad group a touchpoint, persona and language: its distinct headlines and descriptions, up to the ad's maximum. */
    private static int searchAds(Writer out, List<Variant> variants, char delimiter, String campaign, int[] leftOut)
            throws IOException {
        Map<List<Object>, List<Variant>> groups = new LinkedHashMap<>();
        variants.stream().filter(v -> v.cell().channel() == Channel.SEARCH_AD)
                .forEach(v -> groups.computeIfAbsent(List.of(v.touchpoint().id(), String.valueOf(v.cell().personaId()),
                        v.cell().language()), k -> new ArrayList<>()).add(v));
        List<String> header = new ArrayList<>(List.of("Campaign", "Ad group", "Language", "Final URL"));
        for (int i = 1; i <= RSA_HEADLINES; i++) {
            header.add("Headline " + i);
        }
        for (int i = 1; i <= RSA_DESCRIPTIONS; i++) {
            header.add("Description " + i);
        }
        bom(out);
        row(out, header, delimiter);
        for (List<Variant> group : groups.values()) {
            Variant first = group.get(0);
            List<String> headlines = distinct(group, "headline", RSA_HEADLINES, leftOut);
            List<String> descriptions = distinct(group, "description", RSA_DESCRIPTIONS, leftOut);
            List<String> values = new ArrayList<>(List.of(campaign, first.touchpoint().name() + " – "
                    + first.segment(), first.cell().language(), finalUrl(first.touchpoint())));
            for (int i = 0; i < RSA_HEADLINES; i++) {
                values.add(i < headlines.size() ? headlines.get(i) : "");
            }
            for (int i = 0; i < RSA_DESCRIPTIONS; i++) {
                values.add(i < descriptions.size() ? descriptions.get(i) : "");
            }
            row(out, values, delimiter);
        }
        return groups.size();
    }

    private static List<String> distinct(List<Variant> group, String field, int most, int[] leftOut) {
        List<String> all = group.stream().map(v -> v.fields().get(field)).filter(t -> t != null && !t.isBlank())
                .map(String::strip).collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
        if (all.size() > most) {
            leftOut[0] += all.size() - most;
        }
        return all.stream().limit(most).toList();
    }

    private static String finalUrl(Touchpoint touchpoint) {
        return touchpoint.assetLinks().stream().filter(l -> l.startsWith("https://") || l.startsWith("http://"))
                .findFirst().orElse("");
    }

    private static int email(Writer out, List<Variant> variants, char delimiter) throws IOException {
        bom(out);
        row(out, List.of("Segment", "Touchpoint", "Language", "Variant", "Subject", "Preheader", "Body",
                "Call to action", "Suggestion id"), delimiter);
        List<Variant> emails = variants.stream().filter(v -> v.cell().channel() == Channel.EMAIL)
                .sorted(java.util.Comparator.comparing(Variant::segment).thenComparing(v -> v.cell().position()))
                .toList();
        for (Variant v : emails) {
            row(out, List.of(v.segment(), v.touchpoint().name(), v.cell().language(), String.valueOf(v.number()),
                    v.fields().getOrDefault("subject", ""), v.fields().getOrDefault("preheader", ""),
                    v.fields().getOrDefault("body", ""), v.fields().getOrDefault("cta", ""),
                    v.suggestion().id().toString()), delimiter);
        }
        return emails.size();
    }

    /** Excel opens a UTF-8 file as UTF-8 only with the byte-order mark. */
    private static void bom(Writer out) throws IOException {
        out.write('\uFEFF');
    }

    private static void row(Writer out, List<String> values, char delimiter) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            line.append(cell(values.get(i), delimiter));
        }
        out.write(line.append("\r\n").toString());
    }

    /** Quoted when it must be (RFC 4180); a value a spreadsheet would evaluate as a formula is defused with '. */
    static String cell(String value, char delimiter) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(delimiter) >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    static Format format(String name) {
        try {
            return Format.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblemException.invalid("format", "must be csv, jsonl, search-ads or email");
        }
    }

    static Include include(String name) {
        try {
            return Include.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblemException.invalid("include", "must be accepted or passing");
        }
    }
}
