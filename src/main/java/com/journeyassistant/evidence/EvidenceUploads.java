package com.journeyassistant.evidence;

import com.journeyassistant.platform.AuditTrail;
import com.journeyassistant.platform.ApiProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Evidence files as people upload them in the browser: checked first (the first rows, which
 * column fills which field, the rows that would be refused and why), then imported whole or
 * without the refused rows, then indexed for search. The same reader and rules as the API.
 */
@Service
public class EvidenceUploads {

    static final int PREVIEW_ROWS = 5;

    public enum Kind {
        FEEDBACK(List.of("text", "source", "sourceChannel", "csat", "nps", "rating", "date", "segment",
                "journeyId", "stageId", "touchpointId", "externalId")),
        KPIS(List.of("metric", "value", "unit", "period", "target", "better", "dailyTraffic", "journeyId",
                "stageId", "touchpointId", "externalId")),
        INSIGHTS(List.of("title", "text", "source", "journeyId", "touchpointIds", "touchpointId",
                "externalId"));

        private final List<String> fields;

        Kind(List<String> fields) {
            this.fields = fields;
        }

        /** The fields a file of this kind may fill, as the documentation names them. */
        public List<String> fields() {
            return fields;
        }

        String field(String folded) {
            return fields.stream().filter(f -> RecordReader.fold(f).equals(folded)).findFirst().orElse(null);
        }
    }

    /** A column of the file ({@code name} as the reader folds it) and the field it fills, or null when unused. */
    public record Column(String name, String field) {
    }

    public record RowError(Integer line, String field, String message) {
    }

    /** What importing the file would do; {@code valid} rows would be stored, duplicates aside. */
    public record Preview(String format, List<Column> columns, List<List<String>> firstRows, int rows, int valid,
                          int rejected, List<RowError> errors) {
    }

    public record Result(int received, int stored, int duplicates, int rejected, int quarantined,
                         List<RowError> errors) {
    }

    /** Embedding progress of the workspace's evidence; search finds an item by meaning once it is indexed. */
    public record Indexing(long items, long indexed, long pending, String lastError) {
        public int percent() {
            return items == 0 ? 100 : (int) Math.floor(100.0 * indexed / items);
        }
    }

    private final EvidenceImporter importer;
    private final EvidenceIndexer indexer;
    private final AuditTrail audit;

    EvidenceUploads(EvidenceImporter importer, EvidenceIndexer indexer, AuditTrail audit) {
        this.audit = audit;
        this.importer = importer;
        this.indexer = indexer;
    }

    /** Checks a file without storing anything; 400 (a problem naming the line) when it cannot be read at all. */
    public Preview check(UUID workspaceId, Kind kind, Path file, String fileName) {
        RecordReader.Format format = formatOf(file, fileName);
        Map<String, Column> columns = new LinkedHashMap<>();
        List<Map<String, String>> first = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            RecordReader.read(in, format, record -> {
                for (String name : record.fields().keySet()) {
                    columns.computeIfAbsent(name, n -> new Column(n, kind.field(n)));
                }
                if (first.size() < PREVIEW_ROWS) {
                    first.add(record.fields());
                }
            });
        } catch (ImportFormatException e) {
            throw new ApiProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "Unreadable upload",
                    e.getMessage(), List.of(new ApiProblemException.FieldError("file", e.getMessage(), e.line())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // shown as it would be stored: personal data redacted
        List<List<String>> rows = first.stream()
                .map(fields -> columns.keySet().stream()
                        .map(name -> PiiRedactor.redact(fields.getOrDefault(name, "")).text()).toList())
                .toList();
        EvidenceImporter.ImportResult checked = withFile(file, in -> switch (kind) {
            case FEEDBACK -> importer.checkFeedback(workspaceId, in, format);
            case KPIS -> importer.checkKpis(workspaceId, in, format);
            case INSIGHTS -> importer.checkInsights(workspaceId, in, format);
        });
        return new Preview(format.name(), List.copyOf(columns.values()), rows, checked.received(), checked.stored(),
                checked.rejected(), errors(checked));
    }

    /** Imports the file: all or nothing, or ({@code partial}) the valid rows only. */
    public Result importFile(UUID workspaceId, Kind kind, Path file, String fileName, boolean partial, String actor) {
        RecordReader.Format format = formatOf(file, fileName);
        EvidenceImporter.ImportResult done = withFile(file, in -> switch (kind) {
            case FEEDBACK -> importer.importFeedback(workspaceId, in, format, partial);
            case KPIS -> importer.importKpis(workspaceId, in, format, partial);
            case INSIGHTS -> importer.importInsights(workspaceId, in, format, partial);
        });
        audit.recordBy(workspaceId, actor, "evidence.imported", kind.name().toLowerCase(java.util.Locale.ROOT), null,
                EvidenceImporter.summary(done));
        return new Result(done.received(), done.stored(), done.duplicates(), done.rejected(), done.quarantined(),
                errors(done));
    }

    public Indexing indexing(UUID workspaceId) {
        EvidenceIndexer.Status status = indexer.status(workspaceId);
        return new Indexing(status.items(), status.indexed(), status.pending(), status.lastError());
    }

    /** By the file's name (.csv, .json, .jsonl or .ndjson), else by its first character. */
    static RecordReader.Format formatOf(Path file, String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return RecordReader.Format.CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return RecordReader.Format.JSONL;
        }
        if (name.endsWith(".json")) {
            return RecordReader.Format.JSON;
        }
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
            return c == '[' ? RecordReader.Format.JSON : c == '{' ? RecordReader.Format.JSONL : RecordReader.Format.CSV;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RowError> errors(EvidenceImporter.ImportResult result) {
        return result.errors().stream().map(e -> new RowError(e.line(), e.field(), e.message())).toList();
    }

    private interface Reading<T> {
        T read(InputStream in);
    }

    private static <T> T withFile(Path file, Reading<T> reading) {
        try (InputStream in = Files.newInputStream(file)) {
            return reading.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
