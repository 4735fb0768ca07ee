package com.journeyassistant.evidence;

import com.journeyassistant.journey.Insights;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.Stages;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.ApiProblemException.FieldError;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Streams an upload into the database in one transaction. By default a single bad row
 * rejects the whole upload (every bad row is reported with its line, nothing is stored);
 * with {@code partial} the good rows are stored and the bad ones returned.
 */
@Service
class EvidenceImporter {

    /** What an import did. {@code errors} lists at most {@link #MAX_LISTED_ERRORS} of the rejected rows' problems. */
    /** {@code quarantined}: how many of the stored items look like instructions to the assistant and are held back. */
    record ImportResult(int received, int stored, int duplicates, int rejected, int quarantined, List<FieldError> errors,
                        Set<String> ignoredFields) {
    }

    /** What an import did, in counts, for the audit trail. */
    static String summary(ImportResult result) {
        return result.received() + " received, " + result.stored() + " stored, " + result.duplicates()
                + " duplicates, " + result.rejected() + " rejected, " + result.quarantined() + " held back";
    }

    static final int MAX_LISTED_ERRORS = 1000;
    static final int MAX_IGNORED_LISTED = 50;
    private static final int BATCH = 500;
    private static final Set<String> FEEDBACK_FIELDS = Set.of("text", "externalid", "source", "sourcechannel", "csat",
            "nps", "rating", "date", "segment", "journeyid", "stageid", "touchpointid");
    private static final Set<String> KPI_FIELDS = Set.of("metric", "value", "unit", "period", "target", "better",
            "dailytraffic", "externalid", "journeyid", "stageid", "touchpointid");

    private static final Set<String> INSIGHT_FIELDS = Set.of("title", "text", "source", "journeyid", "touchpointids",
            "touchpointid", "externalid");

    private final EvidenceStore store;
    private final EvidenceIndexer indexer;
    private final TransactionTemplate transactions;
    private final Journeys journeys;
    private final Stages stages;
    private final Touchpoints touchpoints;
    private final Insights insights;

    EvidenceImporter(EvidenceStore store, EvidenceIndexer indexer, TransactionTemplate transactions, Journeys journeys,
                     Stages stages, Touchpoints touchpoints, Insights insights) {
        this.insights = insights;
        this.store = store;
        this.indexer = indexer;
        this.transactions = transactions;
        this.journeys = journeys;
        this.stages = stages;
        this.touchpoints = touchpoints;
    }

    ImportResult importFeedback(UUID workspaceId, InputStream upload, RecordReader.Format format, boolean partial) {
        return run(workspaceId, upload, format, partial, FEEDBACK_FIELDS, EvidenceRows::feedback,
                rows -> store.insertFeedback(workspaceId, rows));
    }

    ImportResult importKpis(UUID workspaceId, InputStream upload, RecordReader.Format format, boolean partial) {
        return run(workspaceId, upload, format, partial, KPI_FIELDS, EvidenceRows::kpi,
                rows -> new EvidenceStore.Stored(store.insertKpis(workspaceId, rows), 0));
    }

    ImportResult importInsights(UUID workspaceId, InputStream upload, RecordReader.Format format, boolean partial) {
        return run(workspaceId, upload, format, partial, INSIGHT_FIELDS, EvidenceRows::insight,
                rows -> {
                    Insights.Imported imported = insights.importAll(workspaceId, rows);
                    return new EvidenceStore.Stored(imported.stored(), imported.quarantined());
                });
    }

    /**
     * Reads and checks an upload as its import would, storing nothing: {@code stored} is how many
     * rows would be offered to the store (duplicates are only known when storing).
     */
    ImportResult check(UUID workspaceId, InputStream upload, RecordReader.Format format, Set<String> known,
                       BiFunction<FieldValues, MapPlacement, ?> toRow) {
        return run(workspaceId, upload, format, true, known, toRow, rows -> new EvidenceStore.Stored(rows.size(), 0),
                false);
    }

    ImportResult checkFeedback(UUID workspaceId, InputStream upload, RecordReader.Format format) {
        return check(workspaceId, upload, format, FEEDBACK_FIELDS, EvidenceRows::feedback);
    }

    ImportResult checkKpis(UUID workspaceId, InputStream upload, RecordReader.Format format) {
        return check(workspaceId, upload, format, KPI_FIELDS, EvidenceRows::kpi);
    }

    ImportResult checkInsights(UUID workspaceId, InputStream upload, RecordReader.Format format) {
        return check(workspaceId, upload, format, INSIGHT_FIELDS, EvidenceRows::insight);
    }

    private interface Sink<R> {
        EvidenceStore.Stored insert(List<R> rows);
    }

    private <R> ImportResult run(UUID workspaceId, InputStream upload, RecordReader.Format format, boolean partial,
                                 Set<String> known, BiFunction<FieldValues, MapPlacement, R> toRow, Sink<R> sink) {
        return run(workspaceId, upload, format, partial, known, toRow, sink, true);
    }

    private <R> ImportResult run(UUID workspaceId, InputStream upload, RecordReader.Format format, boolean partial,
                                 Set<String> known, BiFunction<FieldValues, MapPlacement, R> toRow, Sink<R> sink,
                                 boolean storing) {
        MapPlacement placements = new MapPlacement(workspaceId, journeys, stages, touchpoints);
        Tally tally = new Tally();
        Set<String> ignored = new TreeSet<>();
        List<R> batch = new ArrayList<>(BATCH);
        try {
            transactions.executeWithoutResult(status -> {
                RecordReader.read(upload, format, record -> {
                    tally.received++;
                    record.fields().keySet().stream().filter(f -> !known.contains(f))
                            .limit(Math.max(0, MAX_IGNORED_LISTED - ignored.size())).forEach(ignored::add);
                    if (record.problem() != null) {
                        tally.rejectRow(List.of(new FieldError("record", record.problem(), record.line())));
                        return;
                    }
                    FieldValues values = new FieldValues(record.fields());
                    R row = toRow.apply(values, placements);
                    if (row == null) {
                        tally.rejectRow(values.problems().stream()
                                .map(p -> new FieldError(p.field(), p.message(), record.line())).toList());
                        return;
                    }
                    if (partial || tally.rejected == 0) {
                        batch.add(row);
                        if (batch.size() == BATCH) {
                            tally.flush(sink, batch);
                        }
                    }
                });
                if (partial || tally.rejected == 0) {
                    tally.flush(sink, batch);
                }
                if (!partial && tally.rejected > 0) {
                    status.setRollbackOnly();
                }
            });
        } catch (ImportFormatException e) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "Unreadable upload", e.getMessage(),
                    List.of(new FieldError("file", e.getMessage(), e.line())));
        }
        if (!partial && tally.rejected > 0) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "Invalid rows",
                    tally.rejected + " of " + tally.received + " rows are invalid, so nothing was stored;"
                            + " fix them, or send ?partial=true to store the valid rows",
                    tally.errors);
        }
        if (storing && tally.stored > 0) {
            requestIndexingOnceCommitted();
        }
        return new ImportResult(tally.received, tally.stored, tally.received - tally.rejected - tally.stored,
                tally.rejected, tally.quarantined, List.copyOf(tally.errors), ignored);
    }

    /** The indexer reads with its own connection, so it must only look once the rows are visible. */
    private void requestIndexingOnceCommitted() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    indexer.requestDrain();
                }
            });
        } else {
            indexer.requestDrain();
        }
    }

    private static final class Tally {
        int received;
        int stored;
        int rejected;
        int quarantined;
        final List<FieldError> errors = new ArrayList<>();

        void rejectRow(List<FieldError> problems) {
            rejected++;
            for (FieldError problem : problems) {
                if (errors.size() < MAX_LISTED_ERRORS) {
                    errors.add(problem);
                }
            }
        }

        <R> void flush(Sink<R> sink, List<R> batch) {
            if (!batch.isEmpty()) {
                EvidenceStore.Stored done = sink.insert(batch);
                stored += done.stored();
                quarantined += done.quarantined();
                batch.clear();
            }
        }
    }
}
