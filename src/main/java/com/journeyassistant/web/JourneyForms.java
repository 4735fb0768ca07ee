package com.journeyassistant.web;

import com.journeyassistant.platform.AuditTrail;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.Language;
import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.journey.StageModel;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.WorkspaceUser;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Creating, renaming and deleting journeys (editors); a stale rename is shown, never applied silently. */
@Controller
class JourneyForms {

    /** What the new-journey form holds, to show it again with its problems. */
    record NewJourneyForm(String name, String language, String stageModel, String customStages) {

        static NewJourneyForm empty() {
            return new NewJourneyForm("", "NL", StageModel.FIVE_STAGE.name(), "");
        }
    }

    private final Journeys journeys;
    private final JourneyCanvas canvas;
    private final com.journeyassistant.journey.JourneyDocuments documents;
    private final People people;
    private final AuditTrail audit;
    private final OnceOnly once;

    JourneyForms(Journeys journeys, JourneyCanvas canvas, com.journeyassistant.journey.JourneyDocuments documents,
                 People people, AuditTrail audit, OnceOnly once) {
        this.once = once;
        this.audit = audit;
        this.people = people;
        this.documents = documents;
        this.journeys = journeys;
        this.canvas = canvas;
    }

    @PostMapping("/journeys")
    String create(@AuthenticationPrincipal WorkspaceUser user, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "NL") String language,
                  @RequestParam(defaultValue = "FIVE_STAGE") String stageModel,
                  @RequestParam(defaultValue = "") String customStages,
                  @RequestParam(name = OnceOnly.FIELD, required = false) String submission, Model model,
                  jakarta.servlet.http.HttpServletResponse response) {
        CurrentWorkspace caller = editor(user);
        return once.submit(caller, submission, () -> create(user, caller, name, language, stageModel, customStages,
                model, response));
    }

    private String create(WorkspaceUser user, CurrentWorkspace caller, String name, String language, String stageModel,
                          String customStages, Model model, jakarta.servlet.http.HttpServletResponse response) {
        NewJourneyForm form = new NewJourneyForm(name, language, stageModel, customStages);
        try {
            StageModel stages = StageModel.valueOf(stageModel);
            List<String> custom = stages == StageModel.CUSTOM ? FormText.lines(customStages) : null;
            Journey journey = journeys.create(caller.workspaceId(), name, null,
                    language.equals("EN") ? Language.EN : Language.NL, stages, custom);
            return "redirect:/journeys/" + journey.id();
        } catch (ApiProblemException invalid) {
            if (invalid.status() != HttpStatus.BAD_REQUEST) {
                throw invalid;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("user", user);
            model.addAttribute("journeys", journeys.list(caller.workspaceId()));
            model.addAttribute("form", form);
            model.addAttribute("errors", invalid.errors().stream()
                    .map(ApiProblemException.FieldError::field).toList());
            return "journeys";
        } catch (IllegalArgumentException unknownModel) {
            throw ApiProblemException.invalid("stageModel", "is not a stage model");
        }
    }

    /** The whole map as a file, to keep, share or import into another workspace. */
    @GetMapping("/journeys/{id}/export")
    org.springframework.http.ResponseEntity<byte[]> export(@AuthenticationPrincipal WorkspaceUser user,
                                                           @PathVariable UUID id) {
        UUID ws = user.workspace().workspaceId();
        Journey journey = journeys.get(ws, id);
        byte[] file = documents.exportFile(ws, id);
        audit.record(user.workspace(), "journey.exported", "journey", id, null);
        String fileName = journey.name().replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-|-$)", "")
                .toLowerCase(java.util.Locale.ROOT);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.attachment()
                                .filename((fileName.isEmpty() ? "journey" : fileName) + ".journey.json",
                                        java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(file);
    }

    /** A new journey from a map file; what is wrong with a refused file is listed on the journeys page. */
    @PostMapping("/journeys/import")
    String importMap(@AuthenticationPrincipal WorkspaceUser user,
                     @RequestParam(required = false) org.springframework.web.multipart.MultipartFile file,
                     @RequestParam(name = OnceOnly.FIELD, required = false) String submission, Model model,
                     jakarta.servlet.http.HttpServletResponse response) {
        CurrentWorkspace caller = editor(user);
        return once.submit(caller, submission, () -> importMap(user, caller, file, model, response));
    }

    private String importMap(WorkspaceUser user, CurrentWorkspace caller,
                             org.springframework.web.multipart.MultipartFile file, Model model,
                             jakarta.servlet.http.HttpServletResponse response) {
        try {
            if (file == null || file.isEmpty()) {
                throw ApiProblemException.invalid("file", "choose a map file to import");
            }
            return "redirect:/journeys/" + documents.importFile(caller.workspaceId(), file.getBytes()).id();
        } catch (ApiProblemException invalid) {
            if (invalid.status() != HttpStatus.BAD_REQUEST) {
                throw invalid;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("user", user);
            model.addAttribute("journeys", journeys.list(caller.workspaceId()));
            model.addAttribute("form", NewJourneyForm.empty());
            model.addAttribute("errors", List.of());
            model.addAttribute("importErrors", invalid.errors());
            return "journeys";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @PostMapping("/journeys/{id}/name")
    String rename(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @RequestParam String name,
                  @RequestParam long version, Model model, jakarta.servlet.http.HttpServletResponse response,
                  java.util.Locale locale) {
        CurrentWorkspace caller = editor(user);
        try {
            journeys.rename(caller.workspaceId(), id, version, name);
            return "redirect:/journeys/" + id;
        } catch (ApiProblemException problem) {
            if (problem.status() != HttpStatus.CONFLICT && problem.status() != HttpStatus.BAD_REQUEST) {
                throw problem;
            }
            response.setStatus(problem.status().value());
            model.addAttribute("user", user);
            model.addAttribute("canvas", canvas.of(caller, id));
            model.addAttribute(problem.status() == HttpStatus.CONFLICT ? "conflict" : "renameError", name);
            model.addAttribute("changedBy", people.name(journeys.changedBy(caller.workspaceId(), id), locale));
            return "canvas";
        }
    }

    @GetMapping("/journeys/{id}/delete")
    String confirmDelete(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, Model model) {
        CurrentWorkspace caller = editor(user);
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(caller.workspaceId(), id));
        return "delete-journey";
    }

    @PostMapping("/journeys/{id}/delete")
    String delete(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id) {
        CurrentWorkspace caller = editor(user);
        journeys.get(caller.workspaceId(), id);
        journeys.delete(caller.workspaceId(), id);
        return "redirect:/journeys?deleted";
    }

    private static CurrentWorkspace editor(WorkspaceUser user) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        return caller;
    }
}
