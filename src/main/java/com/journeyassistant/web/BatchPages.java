package com.journeyassistant.web;

import com.journeyassistant.batch.BatchModels;
import com.journeyassistant.batch.BatchModels.Selection;
import com.journeyassistant.batch.BatchRuns;
import com.journeyassistant.generation.CopyLimits;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels;
import com.journeyassistant.journey.Personas;
import com.journeyassistant.journey.Stages;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Handoffs;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.WorkspaceUser;
import com.journeyassistant.suggestions.Suggestions;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Batches in the web workspace: a new batch chosen on the journey's touchpoints, personas and
 * languages (or a spreadsheet of briefs), its preview with cost and duration, then its page:
 * a progress bar that updates itself while it runs, pause, resume, cancel and retry, the
 * results as a grid of touchpoints by personas, review of many variants at once, and exports.
 */
@Controller
class BatchPages {

    /** The new-batch form as the person left it. */
    record BatchForm(List<UUID> touchpointIds, List<UUID> personaIds, List<String> languages, int variantsPerCell,
                     String brief, String name, boolean providerBatch) {

        Selection selection() {
            return new Selection(blank(name) ? null : name, touchpointIds, null, null, personaIds,
                    languages, variantsPerCell, blank(brief) ? null : brief,
                    providerBatch ? BatchModels.Delivery.PROVIDER_BATCH : BatchModels.Delivery.LIVE);
        }

        public boolean has(UUID id) {
            return touchpointIds.contains(id) || personaIds.contains(id);
        }

        public boolean hasLanguage(String code) {
            return languages.contains(code);
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }
    }

    /** One row of the results grid: a touchpoint, and per persona column its cells. */
    record GridRow(MapModels.Touchpoint touchpoint, List<List<BatchModels.CellResult>> columns) {
    }

    static final int GRID_CELLS = 500;
    private static final int MAX_BRIEFS_FILE = 2 * 1024 * 1024;
    private static final Duration KEPT_FOR = Duration.ofMinutes(30);
    private static final Duration SECOND_SUBMIT_WAITS = Duration.ofSeconds(60);

    private final BatchRuns runs;
    private final Journeys journeys;
    private final Touchpoints touchpoints;
    private final Stages stages;
    private final Personas personas;
    private final Handoffs handoffs;
    private final OnceOnly once;

    BatchPages(BatchRuns runs, Journeys journeys, Touchpoints touchpoints, Stages stages, Personas personas,
               Handoffs handoffs, OnceOnly once) {
        this.handoffs = handoffs;
        this.once = once;
        this.runs = runs;
        this.journeys = journeys;
        this.touchpoints = touchpoints;
        this.stages = stages;
        this.personas = personas;
    }

    /** A new batch starts with every touchpoint that gets written copy chosen, and all personas. */
    @GetMapping("/journeys/{id}/batches")
    String batches(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, Model model) {
        CurrentWorkspace caller = user.workspace();
        page(user, id, model, defaults(caller, journeys.get(caller.workspaceId(), id)));
        return "batches";
    }

    @PostMapping("/journeys/{id}/batches/preview")
    String preview(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                   @RequestParam(required = false) List<UUID> touchpointIds,
                   @RequestParam(required = false) List<UUID> personaIds,
                   @RequestParam(required = false) List<String> languages,
                   @RequestParam(defaultValue = "3") int variantsPerCell, @RequestParam(required = false) String brief,
                   @RequestParam(required = false) String name,
                   @RequestParam(defaultValue = "false") boolean providerBatch, Model model,
                   HttpServletResponse response) {
        BatchForm form = form(touchpointIds, personaIds, languages, variantsPerCell, brief, name, providerBatch);
        page(user, id, model, form);
        try {
            model.addAttribute("preview", runs.preview(requireEditor(user), id, checked(form)));
        } catch (ApiProblemException problem) {
            model.addAttribute("problem", problem);
            response.setStatus(problem.status().value());
        }
        return "batches";
    }

    @PostMapping("/journeys/{id}/batches")
    String start(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                 @RequestParam(required = false) List<UUID> touchpointIds,
                 @RequestParam(required = false) List<UUID> personaIds,
                 @RequestParam(required = false) List<String> languages,
                 @RequestParam(defaultValue = "3") int variantsPerCell, @RequestParam(required = false) String brief,
                 @RequestParam(required = false) String name,
                 @RequestParam(defaultValue = "false") boolean providerBatch,
                 @RequestParam(name = OnceOnly.FIELD, required = false) String submission, Model model,
                 HttpServletResponse response) {
        BatchForm form = form(touchpointIds, personaIds, languages, variantsPerCell, brief, name, providerBatch);
        CurrentWorkspace caller = requireEditor(user);
        return once.submit(caller, submission, () -> {
            try {
                BatchModels.Progress started = runs.create(caller, id, checked(form));
                return "redirect:/batches/" + started.id();
            } catch (ApiProblemException problem) {
                page(user, id, model, form);
                model.addAttribute("problem", problem);
                response.setStatus(problem.status().value());
                return "batches";
            }
        });
    }

    @PostMapping("/journeys/{id}/batches/briefs")
    String previewBriefs(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                         @RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response)
            throws IOException {
        CurrentWorkspace caller = requireEditor(user);
        MapModels.Journey journey = journeys.get(caller.workspaceId(), id);
        if (file == null || file.isEmpty()) {
            throw ApiProblemException.invalid("file", "choose a spreadsheet (CSV) of briefs to upload");
        }
        if (file.getSize() > MAX_BRIEFS_FILE) {
            throw new ApiProblemException(HttpStatus.CONTENT_TOO_LARGE, "File too large",
                    "A spreadsheet of briefs may be at most 2 MB", List.of());
        }
        byte[] csv = file.getBytes();
        page(user, id, model, defaults(caller, journey));
        try {
            model.addAttribute("preview", runs.preview(caller, id, new ByteArrayInputStream(csv)));
            // parked in the database, not in this instance: the start may reach another one
            UUID token = handoffs.park(caller, Handoffs.Kind.BATCH_BRIEFS, Map.of("journeyId", id.toString(),
                    "fileName", Objects.toString(file.getOriginalFilename(), "briefs.csv")), new ByteArrayInputStream(csv));
            model.addAttribute("briefsToken", token);
            model.addAttribute("briefsFile", Objects.toString(file.getOriginalFilename(), "briefs.csv"));
        } catch (ApiProblemException problem) {
            model.addAttribute("problem", problem);
            response.setStatus(problem.status().value());
        }
        return "batches";
    }

    @PostMapping("/journeys/{id}/batches/briefs/{token}")
    String startBriefs(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID token,
                       @RequestParam(defaultValue = "false") boolean onlyValid,
                       @RequestParam(required = false) String name) {
        CurrentWorkspace caller = requireEditor(user);
        Handoffs.Handoff briefs = handoffs.take(caller, Handoffs.Kind.BATCH_BRIEFS, token, KEPT_FOR)
                .filter(b -> b.detail("journeyId").equals(id.toString())).orElse(null);
        if (briefs == null) {
            // started already, or being started by a first submit: that one's batch
            return handoffs.awaitOutcome(caller, token, SECOND_SUBMIT_WAITS).orElseThrow(() ->
                    new ApiProblemException(HttpStatus.GONE, "Upload expired",
                            "This spreadsheet is no longer waiting; upload it again", List.of()));
        }
        String outcome;
        try (java.io.InputStream csv = handoffs.file(caller.workspaceId(), token)) {
            BatchModels.Progress started = runs.create(caller, id, csv,
                    name == null || name.isBlank() ? briefs.detail("fileName") : name, onlyValid);
            outcome = "redirect:/batches/" + started.id();
        } catch (IOException | RuntimeException e) {
            handoffs.putBack(token);
            throw e instanceof IOException io ? new java.io.UncheckedIOException(io) : (RuntimeException) e;
        }
        handoffs.done(token, outcome);
        return outcome;
    }

    @GetMapping("/batches/{batchId}")
    String batch(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID batchId,
                 @RequestParam(required = false) Integer reviewed, Model model) {
        CurrentWorkspace caller = user.workspace();
        BatchModels.Progress progress = runs.get(caller, batchId);
        UUID journeyId = progress.journeyId();
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(caller.workspaceId(), journeyId));
        model.addAttribute("progress", progress);
        model.addAttribute("reviewed", reviewed);
        List<BatchModels.CellResult> results = runs.results(caller, batchId, 0, GRID_CELLS);
        model.addAttribute("shownCells", results.size());
        List<MapModels.Persona> journeyPersonas = personas.list(caller.workspaceId(), journeyId);
        List<UUID> columns = new ArrayList<>();
        if (results.stream().anyMatch(r -> r.cell().personaId() == null)) {
            columns.add(null);
        }
        journeyPersonas.stream().map(MapModels.Persona::id)
                .filter(p -> results.stream().anyMatch(r -> p.equals(r.cell().personaId()))).forEach(columns::add);
        Map<UUID, String> personaNames = new LinkedHashMap<>();
        journeyPersonas.forEach(p -> personaNames.put(p.id(), p.name()));
        List<GridRow> grid = new ArrayList<>();
        for (MapModels.Touchpoint touchpoint : touchpoints.list(caller.workspaceId(), journeyId)) {
            List<BatchModels.CellResult> ofTouchpoint = results.stream()
                    .filter(r -> r.cell().touchpointId().equals(touchpoint.id())).toList();
            if (ofTouchpoint.isEmpty()) {
                continue;
            }
            List<List<BatchModels.CellResult>> cells = columns.stream().map(persona -> ofTouchpoint.stream()
                    .filter(r -> Objects.equals(r.cell().personaId(), persona)).toList()).toList();
            grid.add(new GridRow(touchpoint, cells));
        }
        model.addAttribute("columns", columns);
        model.addAttribute("personaNames", personaNames);
        model.addAttribute("grid", grid);
        model.addAttribute("proposed", results.stream().flatMap(r -> r.variants().stream())
                .filter(s -> s.status() == Suggestions.Status.PROPOSED).count());
        return "batch";
    }

    /**
     * The progress block alone, which the page fetches every two seconds while the batch runs.
     * Once it has stopped, the whole page is loaded again (htmx's {@code HX-Refresh}): its
     * results and its buttons are those of a batch that no longer runs.
     */
    @GetMapping("/batches/{batchId}/progress")
    String progress(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID batchId, Model model,
                    HttpServletResponse response) {
        BatchModels.Progress progress = runs.get(user.workspace(), batchId);
        model.addAttribute("progress", progress);
        if (progress.finished() || progress.status() == BatchModels.RunStatus.PAUSED) {
            response.setHeader("HX-Refresh", "true");
        }
        return "batch :: progress";
    }

    @PostMapping("/batches/{batchId}/{action:pause|resume|cancel|retry-failed}")
    String control(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID batchId,
                   @PathVariable String action) {
        CurrentWorkspace caller = requireEditor(user);
        switch (action) {
            case "pause" -> runs.pause(caller, batchId);
            case "resume" -> runs.resume(caller, batchId);
            case "cancel" -> runs.cancel(caller, batchId);
            default -> runs.retryFailed(caller, batchId);
        }
        return "redirect:/batches/" + batchId;
    }

    @PostMapping("/batches/{batchId}/review")
    String review(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID batchId,
                  @RequestParam String status, @RequestParam(required = false) List<UUID> suggestionIds,
                  @RequestParam(defaultValue = "chosen") String which) {
        CurrentWorkspace caller = requireEditor(user);
        if (which.equals("chosen") && (suggestionIds == null || suggestionIds.isEmpty())) {
            throw ApiProblemException.invalid("suggestionIds", "choose the variants to review first");
        }
        BatchModels.BulkReviewed done = runs.review(caller, batchId, new BatchModels.BulkReview(status,
                which.equals("all") ? null : suggestionIds, null));
        return "redirect:/batches/" + batchId + "?reviewed=" + done.reviewed();
    }

    @GetMapping("/batches/{batchId}/export")
    void export(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID batchId,
                @RequestParam(defaultValue = "csv") String format, @RequestParam(defaultValue = "accepted") String include,
                @RequestParam(defaultValue = "comma") String delimiter, HttpServletResponse response) throws IOException {
        BatchRuns.ExportFile file = runs.export(user.workspace(), batchId, format, include, delimiter);
        response.setContentType(file.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
        response.setContentLength(file.body().length);
        response.getOutputStream().write(file.body());
    }

    private void page(WorkspaceUser user, UUID journeyId, Model model, BatchForm form) {
        CurrentWorkspace caller = user.workspace();
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(caller.workspaceId(), journeyId));
        model.addAttribute("stages", stages.list(caller.workspaceId(), journeyId));
        model.addAttribute("touchpoints", touchpoints.list(caller.workspaceId(), journeyId));
        model.addAttribute("personas", personas.list(caller.workspaceId(), journeyId));
        model.addAttribute("runs", runs.list(caller, journeyId));
        model.addAttribute("form", form);
    }

    private BatchForm defaults(CurrentWorkspace caller, MapModels.Journey journey) {
        return new BatchForm(touchpoints.list(caller.workspaceId(), journey.id()).stream()
                .filter(t -> CopyLimits.written(t.channel())).map(MapModels.Touchpoint::id).toList(), personas.list(caller.workspaceId(), journey.id()).stream()
                .map(MapModels.Persona::id).toList(), List.of(journey.language().code()), 3, "", "", false);
    }

    private static BatchForm form(List<UUID> touchpointIds, List<UUID> personaIds, List<String> languages,
                                  int variantsPerCell, String brief, String name, boolean providerBatch) {
        return new BatchForm(touchpointIds == null ? List.of() : touchpointIds,
                personaIds == null ? List.of() : personaIds, languages == null ? List.of() : languages,
                variantsPerCell, brief == null ? "" : brief, name == null ? "" : name, providerBatch);
    }

    /** What the API takes as "all" (nothing named) the page takes as "nothing chosen": it always names them. */
    private static Selection checked(BatchForm form) {
        List<ApiProblemException.FieldError> errors = new ArrayList<>();
        if (form.touchpointIds().isEmpty()) {
            errors.add(new ApiProblemException.FieldError("touchpointIds", "choose at least one touchpoint"));
        }
        if (form.languages().isEmpty()) {
            errors.add(new ApiProblemException.FieldError("languages", "choose at least one language"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return form.selection();
    }

    private static CurrentWorkspace requireEditor(WorkspaceUser user) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        return caller;
    }
}
