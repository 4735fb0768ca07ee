package com.journeyassistant.web;

import com.journeyassistant.evidence.EvidenceSearch;
import com.journeyassistant.evidence.EvidenceUploads;
import com.journeyassistant.evidence.EvidenceViews;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Handoffs;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.WorkspaceUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Evidence in the browser: upload a file, see what importing it would do (the first rows, which
 * column fills which field, the refused rows with their line and why), import it whole or only
 * its valid rows, watch it being indexed; search it with filters.
 */
@Controller
class EvidencePages {

    /** How long an uploaded file waits for its preview to be confirmed. */
    private static final Duration KEPT_FOR = Duration.ofMinutes(30);
    /** How long a second submit of an import waits for the first to finish, to show where it led. */
    private static final Duration SECOND_SUBMIT_WAITS = Duration.ofSeconds(60);
    private static final int SEARCH_RESULTS = 20;

    private final EvidenceUploads uploads;
    private final EvidenceSearch search;
    private final Journeys journeys;
    private final com.journeyassistant.evidence.Quarantine quarantine;
    private final Handoffs handoffs;

    EvidencePages(EvidenceUploads uploads, EvidenceSearch search, Journeys journeys,
                  com.journeyassistant.evidence.Quarantine quarantine, Handoffs handoffs) {
        this.handoffs = handoffs;
        this.quarantine = quarantine;
        this.uploads = uploads;
        this.search = search;
        this.journeys = journeys;
    }

    @GetMapping("/evidence")
    String evidence(@AuthenticationPrincipal WorkspaceUser user, @RequestParam(defaultValue = "") String q,
                    @RequestParam(required = false) UUID journey, @RequestParam(defaultValue = "") String type,
                    @RequestParam(defaultValue = "") String segment, @RequestParam(required = false) Integer stored,
                    @RequestParam(defaultValue = "0") int received, @RequestParam(defaultValue = "0") int duplicates,
                    @RequestParam(defaultValue = "0") int rejected, @RequestParam(defaultValue = "0") int quarantined,
                    Model model) {
        page(user, model);
        if (stored != null) {
            model.addAttribute("imported", new EvidenceUploads.Result(received, stored, duplicates, rejected,
                    quarantined, List.of()));
        }
        CurrentWorkspace caller = user.workspace();
        model.addAttribute("q", q);
        model.addAttribute("journey", journey);
        model.addAttribute("type", type);
        model.addAttribute("segment", segment);
        if (!q.isBlank()) {
            if (!type.isEmpty() && !List.of("feedback", "kpi", "insight").contains(type)) {
                throw ApiProblemException.invalid("type", "must be feedback, kpi or insight");
            }
            List<EvidenceViews.SearchHit> hits = search.searchForPeople(caller.workspaceId(), q.strip(),
                    new EvidenceSearch.Filters(journey, null, null, segment.isBlank() ? null : segment.strip(),
                            type.isEmpty() ? null : type, null, null), SEARCH_RESULTS, EvidenceSearch.Mode.HYBRID);
            model.addAttribute("hits", hits);
        }
        return "evidence";
    }

    private void page(WorkspaceUser user, Model model) {
        UUID workspaceId = user.workspace().workspaceId();
        model.addAttribute("user", user);
        model.addAttribute("kinds", EvidenceUploads.Kind.values());
        model.addAttribute("journeys", journeys.list(workspaceId));
        model.addAttribute("indexing", uploads.indexing(workspaceId));
        model.addAttribute("q", "");
        model.addAttribute("type", "");
        model.addAttribute("segment", "");
    }

    /** Items held back from the assistant because they read like instructions to it, for an editor to review. */
    @GetMapping("/evidence/held-back")
    String heldBack(@AuthenticationPrincipal WorkspaceUser user, @RequestParam(defaultValue = "0") int offset,
                    Model model) {
        model.addAttribute("user", user);
        model.addAttribute("page", quarantine.list(user.workspace().workspaceId(), 50, Math.max(0, offset)));
        return "held-back";
    }

    @PostMapping("/evidence/held-back/{itemId}/release")
    String release(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID itemId) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        quarantine.release(caller.workspaceId(), itemId, caller.apiKeyName());
        return "redirect:/evidence/held-back?released";
    }

    /** The indexing progress, for the page to poll while items wait to be embedded. */
    @GetMapping("/evidence/indexing")
    String indexing(@AuthenticationPrincipal WorkspaceUser user, Model model) {
        model.addAttribute("indexing", uploads.indexing(user.workspace().workspaceId()));
        return "evidence :: indexing";
    }

    @PostMapping("/evidence/upload")
    String upload(@AuthenticationPrincipal WorkspaceUser user, @RequestParam(defaultValue = "FEEDBACK") String kind,
                  @RequestParam(required = false) MultipartFile file, Model model,
                  jakarta.servlet.http.HttpServletResponse response) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        EvidenceUploads.Kind parsed = kind(kind);
        if (file == null || file.isEmpty()) {
            throw ApiProblemException.invalid("file", "choose a file to upload");
        }
        Path stored = saved(file);
        try {
            EvidenceUploads.Preview preview;
            try {
                preview = uploads.check(caller.workspaceId(), parsed, stored, file.getOriginalFilename());
            } catch (ApiProblemException unreadable) {
                // the page again, saying what is wrong with the file and where
                page(user, model);
                model.addAttribute("kind", parsed.name());
                model.addAttribute("unreadable", unreadable);
                response.setStatus(unreadable.status().value());
                return "evidence";
            }
            // parked in the database, not in this instance: the import may reach another one
            Map<String, String> details = new java.util.LinkedHashMap<>();
            details.put("kind", parsed.name());
            details.put("fileName", String.valueOf(file.getOriginalFilename()));
            UUID token = handoffs.park(caller, Handoffs.Kind.EVIDENCE_UPLOAD, details, Files.newInputStream(stored));
            model.addAttribute("user", user);
            model.addAttribute("token", token);
            model.addAttribute("upload", Map.of("kind", parsed.name(), "fileName", details.get("fileName")));
            model.addAttribute("preview", preview);
            return "evidence-preview";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(stored);
        }
    }

    /**
     * Imports (or cancels) a parked upload, once: a second submit, a double click or a retry through
     * another instance, shows where the first led.
     */
    @PostMapping("/evidence/upload/{token}")
    String importUpload(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID token,
                        @RequestParam(defaultValue = "false") boolean partial,
                        @RequestParam(defaultValue = "import") String action) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        Handoffs.Handoff upload = handoffs.take(caller, Handoffs.Kind.EVIDENCE_UPLOAD, token, KEPT_FOR).orElse(null);
        if (upload == null) {
            // imported already, or being imported by a first submit: that one's outcome
            return handoffs.awaitOutcome(caller, token, SECOND_SUBMIT_WAITS).orElseThrow(() ->
                    handoffs.inProgress(caller, token)
                            ? new ApiProblemException(HttpStatus.CONFLICT, "Import under way",
                                    "This upload is still being imported; the evidence page shows it once done", List.of())
                            : new ApiProblemException(HttpStatus.GONE, "Upload expired",
                                    "This upload is no longer waiting; upload the file again", List.of()));
        }
        String outcome;
        try {
            if (action.equals("cancel")) {
                outcome = "redirect:/evidence";
            } else {
                Path file = Files.createTempFile("journey-upload-", ".evidence");
                try {
                    try (java.io.InputStream parked = handoffs.file(caller.workspaceId(), token)) {
                        Files.copy(parked, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    EvidenceUploads.Result result = uploads.importFile(caller.workspaceId(),
                            EvidenceUploads.Kind.valueOf(upload.detail("kind")), file, upload.detail("fileName"),
                            partial, caller.apiKeyName());
                    // in the address, not the session: the page can be reloaded and the session holds only what it must
                    outcome = "redirect:/evidence?stored=" + result.stored() + "&received=" + result.received()
                            + "&duplicates=" + result.duplicates() + "&rejected=" + result.rejected() + "&quarantined="
                            + result.quarantined();
                } finally {
                    delete(file);
                }
            }
        } catch (IOException e) {
            handoffs.putBack(token);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            handoffs.putBack(token);
            throw e;
        }
        handoffs.done(token, outcome);
        return outcome;
    }

    private static EvidenceUploads.Kind kind(String kind) {
        try {
            return EvidenceUploads.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("kind", "must be FEEDBACK, KPIS or INSIGHTS");
        }
    }

    private static Path saved(MultipartFile file) {
        try {
            Path stored = Files.createTempFile("journey-upload-", ".evidence");
            file.transferTo(stored);
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind is removed with the temporary directory
        }
    }
}
