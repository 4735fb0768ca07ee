package com.journeyassistant.evidence;

import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.AuditTrail;
import com.journeyassistant.platform.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Evidence", description = "Customer feedback, research insights and KPIs: upload as JSON array, JSON Lines or CSV")
@RestController
@RequestMapping("/api/workspaces/{ws}/evidence")
class EvidenceController {

    private static final String JSONL = "application/x-ndjson";

    private final EvidenceImporter importer;
    private final EvidenceStore store;
    private final EvidenceIndexer indexer;
    private final EvidenceSearch search;
    private final Quarantine quarantine;
    private final AuditTrail audit;

    EvidenceController(EvidenceImporter importer, EvidenceStore store, EvidenceIndexer indexer, EvidenceSearch search,
                       Quarantine quarantine, AuditTrail audit) {
        this.audit = audit;
        this.importer = importer;
        this.store = store;
        this.indexer = indexer;
        this.search = search;
        this.quarantine = quarantine;
    }

    @Operation(summary = "Hybrid search over the workspace's evidence (vector + full text, fused by reciprocal rank)",
            description = "Feedback not embedded yet (right after an import) is found by its words only, ranked as"
                    + " the full-text retriever would; the Journey-Index-Pending header says how many items still"
                    + " wait to be embedded (0 when the index is complete; progress at /evidence/index).")
    @GetMapping("/search")
    ResponseEntity<List<EvidenceViews.SearchHit>> search(@AuthenticationPrincipal CurrentWorkspace caller,
            @RequestParam String q, @RequestParam(required = false) UUID journey,
            @RequestParam(required = false) UUID stage, @RequestParam(required = false) UUID touchpoint,
            @RequestParam(required = false) String segment,
            @Parameter(description = "feedback, kpi or insight") @RequestParam(required = false) String type,
            @RequestParam(required = false) java.time.LocalDate from, @RequestParam(required = false) java.time.LocalDate to,
            @RequestParam(defaultValue = "10") int k,
            @Parameter(description = "hybrid (default), vector or text") @RequestParam(defaultValue = "HYBRID") String mode) {
        EvidenceSearch.Mode searchMode;
        try {
            searchMode = EvidenceSearch.Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("mode", "must be hybrid, vector or text");
        }
        List<EvidenceViews.SearchHit> hits = search.searchForPeople(caller.workspaceId(), q,
                new EvidenceSearch.Filters(journey, stage, touchpoint, segment, type, from, to), k, searchMode);
        return ResponseEntity.ok().header(INDEX_PENDING, String.valueOf(search.waitingToBeIndexed(caller.workspaceId())))
                .body(hits);
    }

    @Operation(summary = "Evidence held back from the assistant because it looks like instructions to it",
            description = "Feedback and insights flagged on import or on a map edit (suspectedInjection), newest first."
                    + " They are kept and found by people's searches, but left out of prompts and chat tool results"
                    + " until an editor releases them.")
    @GetMapping("/quarantine")
    Quarantine.Page quarantine(@AuthenticationPrincipal CurrentWorkspace caller,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return quarantine.list(caller.workspaceId(), limit, offset);
    }

    /** How many of the workspace's items wait to be embedded when a search answers: 0 means the index is complete. */
    static final String INDEX_PENDING = "Journey-Index-Pending";

    @Operation(summary = "Release a quarantined item: the assistant may use it from now on (EDITOR)")
    @PostMapping("/quarantine/{id}/release")
    Quarantine.Released release(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return quarantine.release(caller.workspaceId(), id, caller.apiKeyName());
    }

    @Operation(summary = "Progress of embedding this workspace's evidence for search")
    @GetMapping("/index")
    EvidenceIndexer.Status index(@AuthenticationPrincipal CurrentWorkspace caller) {
        return indexer.status(caller.workspaceId());
    }

    @Operation(summary = "Import feedback; all or nothing unless partial=true",
            description = "Fields: text (required), source, csat 1-5, nps 0-10, rating 0-10, date, segment, "
                    + "journeyId, stageId, touchpointId, externalId. Personal data in text is redacted before storage.")
    @PostMapping(path = "/feedback", consumes = {MediaType.APPLICATION_JSON_VALUE, JSONL, "application/jsonl",
            "application/x-jsonlines", "text/csv"})
    EvidenceImporter.ImportResult importFeedback(@AuthenticationPrincipal CurrentWorkspace caller,
            @Parameter(hidden = true) @RequestHeader("Content-Type") String contentType,
            @Parameter(description = "store the valid rows and return the rejected ones") @RequestParam(defaultValue = "false") boolean partial,
            InputStream body) {
        return imported(caller, "feedback", importer.importFeedback(caller.workspaceId(), body, format(contentType),
                partial));
    }

    @Operation(summary = "Import KPIs; all or nothing unless partial=true",
            description = "Fields: metric and value (required), unit, period, target, better (higher|lower), "
                    + "dailyTraffic, journeyId, stageId, touchpointId, externalId.")
    @PostMapping(path = "/kpis", consumes = {MediaType.APPLICATION_JSON_VALUE, JSONL, "application/jsonl",
            "application/x-jsonlines", "text/csv"})
    EvidenceImporter.ImportResult importKpis(@AuthenticationPrincipal CurrentWorkspace caller,
            @Parameter(hidden = true) @RequestHeader("Content-Type") String contentType,
            @RequestParam(defaultValue = "false") boolean partial, InputStream body) {
        return imported(caller, "kpis", importer.importKpis(caller.workspaceId(), body, format(contentType), partial));
    }

    @Operation(summary = "Import research insights onto the journey map; all or nothing unless partial=true",
            description = "Fields: text (required), title (default: the text's first sentence), source, "
                    + "journeyId (required unless touchpointIds are given), touchpointIds (separated by spaces, "
                    + "commas or '|'), externalId. Imported insights are map insights and are searched as evidence.")
    @PostMapping(path = "/insights", consumes = {MediaType.APPLICATION_JSON_VALUE, JSONL, "application/jsonl",
            "application/x-jsonlines", "text/csv"})
    EvidenceImporter.ImportResult importInsights(@AuthenticationPrincipal CurrentWorkspace caller,
            @Parameter(hidden = true) @RequestHeader("Content-Type") String contentType,
            @RequestParam(defaultValue = "false") boolean partial, InputStream body) {
        return imported(caller, "insights", importer.importInsights(caller.workspaceId(), body, format(contentType),
                partial));
    }

    @Operation(summary = "Imported feedback, newest first, optionally of one journey, stage or touchpoint")
    @GetMapping("/feedback")
    EvidenceViews.Page<EvidenceViews.Feedback> feedback(@AuthenticationPrincipal CurrentWorkspace caller,
            @RequestParam(required = false) UUID journey, @RequestParam(required = false) UUID stage,
            @RequestParam(required = false) UUID touchpoint,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return store.feedback(new EvidenceStore.Filter(caller.workspaceId(), journey, stage, touchpoint), limit, offset);
    }

    @Operation(summary = "Imported KPI values, newest first, optionally of one journey, stage or touchpoint")
    @GetMapping("/kpis")
    EvidenceViews.Page<EvidenceViews.Kpi> kpis(@AuthenticationPrincipal CurrentWorkspace caller,
            @RequestParam(required = false) UUID journey, @RequestParam(required = false) UUID stage,
            @RequestParam(required = false) UUID touchpoint,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return store.kpis(new EvidenceStore.Filter(caller.workspaceId(), journey, stage, touchpoint), limit, offset);
    }

    private static RecordReader.Format format(String contentType) {
        MediaType type = MediaType.parseMediaType(contentType);
        Charset charset = type.getCharset();
        if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
            throw new ApiProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported character set",
                    "Uploads must be UTF-8; this one says " + charset.name(),
                    List.of(new ApiProblemException.FieldError("Content-Type", "use charset=utf-8")));
        }
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return RecordReader.Format.JSON;
        }
        return "text".equals(type.getType()) ? RecordReader.Format.CSV : RecordReader.Format.JSONL;
    }

    private EvidenceImporter.ImportResult imported(CurrentWorkspace caller, String kind,
                                                   EvidenceImporter.ImportResult result) {
        audit.record(caller, "evidence.imported", kind, null, EvidenceImporter.summary(result));
        return result;
    }

}
