package com.journeyassistant.web;

import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels.Stage;
import com.journeyassistant.journey.Stages;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.WorkspaceUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

/**
 * A stage of the canvas edited in place: its name, description and lanes (needs, questions,
 * pains, gains; one a line). A save that comes after someone else's shows both, field by field.
 */
@Controller
class StageEditor {

    record StageForm(String name, String description, String customerNeeds, String questions, String pains,
                     String gains, long version) {
        static StageForm of(Stage stage) {
            return new StageForm(stage.name(), Objects.toString(stage.description(), ""),
                    String.join("\n", stage.customerNeeds()), String.join("\n", stage.questions()),
                    String.join("\n", stage.pains()), String.join("\n", stage.gains()), stage.version());
        }

        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", name);
            fields.put("description", description);
            fields.put("customerNeeds", customerNeeds);
            fields.put("questions", questions);
            fields.put("pains", pains);
            fields.put("gains", gains);
            return fields;
        }
    }

    private final Journeys journeys;
    private final Stages stages;
    private final People people;

    StageEditor(Journeys journeys, Stages stages, People people) {
        this.journeys = journeys;
        this.stages = stages;
        this.people = people;
    }

    @GetMapping("/journeys/{id}/stages/{stageId}")
    String form(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID stageId,
                Model model) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        Stage stage = stageOf(caller, id, stageId);
        fill(user, stage, StageForm.of(stage), model);
        return "stage-edit";
    }

    @PostMapping("/journeys/{id}/stages/{stageId}")
    String save(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID stageId,
                @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
                @RequestParam(defaultValue = "") String customerNeeds,
                @RequestParam(defaultValue = "") String questions, @RequestParam(defaultValue = "") String pains,
                @RequestParam(defaultValue = "") String gains, @RequestParam long version, Model model,
                HttpServletResponse response, Locale locale) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        Stage before = stageOf(caller, id, stageId);
        StageForm typed = new StageForm(name, description, customerNeeds, questions, pains, gains, version);
        try {
            stages.edit(caller.workspaceId(), stageId, version, new Stages.StageEdit(name, description,
                    FormText.lines(customerNeeds), FormText.lines(questions), FormText.lines(pains),
                    FormText.lines(gains)));
            return "redirect:/journeys/" + id;
        } catch (ApiProblemException problem) {
            StaleEdit.explain(problem, model, response,
                    () -> StaleEdit.changes(StageForm.of(before).fields(), typed.fields()),
                    () -> people.name(stages.changedBy(caller.workspaceId(), stageId), locale));
            // saving again means "mine over theirs": the form now carries the version that is stored
            fill(user, before, new StageForm(name, description, customerNeeds, questions, pains, gains,
                    problem.status() == HttpStatus.CONFLICT ? before.version() : version), model);
            return "stage-edit";
        }
    }

    private void fill(WorkspaceUser user, Stage stage, StageForm form, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(user.workspace().workspaceId(), stage.journeyId()));
        model.addAttribute("stage", stage);
        model.addAttribute("form", form);
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", List.of());
        }
    }

    private Stage stageOf(CurrentWorkspace caller, UUID journeyId, UUID stageId) {
        journeys.get(caller.workspaceId(), journeyId);
        Stage stage = stages.get(caller.workspaceId(), stageId);
        if (!journeyId.equals(stage.journeyId())) {
            throw ApiProblemException.notFound("Stage", stageId);
        }
        return stage;
    }
}
