package com.journeyassistant.web;

import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels.Opportunity;
import com.journeyassistant.journey.Opportunities;
import com.journeyassistant.journey.Priority;
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

/** An opportunity of the canvas edited in place; a late save shows what was saved meanwhile, field by field. */
@Controller
class OpportunityEditor {

    record OpportunityForm(String title, String description, String priority, long version) {
        static OpportunityForm of(Opportunity opportunity) {
            return new OpportunityForm(opportunity.title(), Objects.toString(opportunity.description(), ""),
                    opportunity.priority() == null ? "" : opportunity.priority().name(), opportunity.version());
        }

        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("title", title);
            fields.put("description", description);
            fields.put("priority", priority);
            return fields;
        }
    }

    private final Journeys journeys;
    private final Opportunities opportunities;
    private final People people;

    OpportunityEditor(Journeys journeys, Opportunities opportunities, People people) {
        this.journeys = journeys;
        this.opportunities = opportunities;
        this.people = people;
    }

    @GetMapping("/journeys/{id}/opportunities/{opportunityId}")
    String form(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID opportunityId,
                Model model) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        Opportunity opportunity = opportunityOf(caller, id, opportunityId);
        fill(user, opportunity, OpportunityForm.of(opportunity), model);
        return "opportunity-edit";
    }

    @PostMapping("/journeys/{id}/opportunities/{opportunityId}")
    String save(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID opportunityId,
                @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String description,
                @RequestParam(defaultValue = "") String priority, @RequestParam long version, Model model,
                HttpServletResponse response, Locale locale) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        Opportunity before = opportunityOf(caller, id, opportunityId);
        OpportunityForm typed = new OpportunityForm(title, description, priority, version);
        try {
            opportunities.edit(caller.workspaceId(), opportunityId, version, title, description, priority(priority));
            return "redirect:/journeys/" + id + "#opportunities";
        } catch (ApiProblemException problem) {
            StaleEdit.explain(problem, model, response,
                    () -> StaleEdit.changes(OpportunityForm.of(before).fields(), typed.fields()),
                    () -> people.name(opportunities.changedBy(caller.workspaceId(), opportunityId), locale));
            fill(user, before, new OpportunityForm(title, description, priority,
                    problem.status() == HttpStatus.CONFLICT ? before.version() : version), model);
            return "opportunity-edit";
        }
    }

    private void fill(WorkspaceUser user, Opportunity opportunity, OpportunityForm form, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(user.workspace().workspaceId(), opportunity.journeyId()));
        model.addAttribute("opportunity", opportunity);
        model.addAttribute("form", form);
        model.addAttribute("priorities", Priority.values());
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", List.of());
        }
    }

    private Opportunity opportunityOf(CurrentWorkspace caller, UUID journeyId, UUID opportunityId) {
        journeys.get(caller.workspaceId(), journeyId);
        Opportunity opportunity = opportunities.get(caller.workspaceId(), opportunityId);
        if (!journeyId.equals(opportunity.journeyId())) {
            throw ApiProblemException.notFound("Opportunity", opportunityId);
        }
        return opportunity;
    }

    private static Priority priority(String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return Priority.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("priority", "must be HIGH, MEDIUM or LOW");
        }
    }
}
