package com.journeyassistant.web;

import com.journeyassistant.journey.Journeys;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.WorkspaceUser;
import com.journeyassistant.suggestions.Suggestions;
import com.journeyassistant.suggestions.Suggestions.Kind;
import com.journeyassistant.suggestions.Suggestions.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The review queue of a journey: its suggestions with their receipts (citations, model and
 * prompt), filtered by kind and status, accepted or rejected one by one or in bulk, with a note.
 * Accepting adds to the map what the suggestion proposes, as the API does.
 */
@Controller
class ReviewQueue {

    /** One line of a suggestion's content to show: the field's name and its text. */
    record Line(String field, String text) {
    }

    /** A copy field being edited: its text and the most characters its channel allows. */
    record EditField(String name, String value, int limit) {
    }

    private final Journeys journeys;
    private final Suggestions suggestions;
    private final com.journeyassistant.journey.Touchpoints touchpoints;
    private final com.journeyassistant.journey.Personas personas;

    ReviewQueue(Journeys journeys, Suggestions suggestions, com.journeyassistant.journey.Touchpoints touchpoints,
                com.journeyassistant.journey.Personas personas) {
        this.journeys = journeys;
        this.suggestions = suggestions;
        this.touchpoints = touchpoints;
        this.personas = personas;
    }

    /** Editing a content variant's copy before accepting it, with the channel's limits counted as one types. */
    @GetMapping("/journeys/{id}/review/{suggestionId}/edit")
    String editForm(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID suggestionId,
                    Model model) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        Suggestions.Suggestion suggestion = editable(caller, id, suggestionId);
        fillEdit(user, suggestion, fields(suggestion, Map.of()), null, model);
        return "review-edit";
    }

    @PostMapping("/journeys/{id}/review/{suggestionId}/edit")
    String edit(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID suggestionId,
                @RequestParam Map<String, String> form, @RequestParam(defaultValue = "") String note,
                @RequestParam long version, Model model, jakarta.servlet.http.HttpServletResponse response) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        Suggestions.Suggestion suggestion = editable(caller, id, suggestionId);
        List<EditField> typed = fields(suggestion, form);
        List<String> tooLong = typed.stream().filter(f -> f.value().isBlank() || f.value().length() > f.limit())
                .map(EditField::name).toList();
        if (!tooLong.isEmpty() || note.length() > 2000) {
            response.setStatus(400);
            fillEdit(user, suggestion, typed, tooLong, model);
            return "review-edit";
        }
        Map<String, Object> content = new java.util.LinkedHashMap<>(suggestion.currentContent());
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        typed.forEach(f -> fields.put(f.name(), f.value().strip()));
        content.put("fields", fields);
        try {
            suggestions.review(caller.workspaceId(), suggestionId, new Suggestions.Review("EDITED", content,
                    note.isBlank() ? null : note.strip(), version), caller.apiKeyName());
        } catch (ApiProblemException problem) {
            if (problem.status() != org.springframework.http.HttpStatus.CONFLICT) {
                throw problem;
            }
            response.setStatus(409);
            model.addAttribute("conflict", true);
            fillEdit(user, suggestions.get(caller.workspaceId(), suggestionId), typed, List.of(), model);
            return "review-edit";
        }
        return "redirect:/journeys/" + id + "/review?status=EDITED";
    }

    private Suggestions.Suggestion editable(CurrentWorkspace caller, UUID journeyId, UUID suggestionId) {
        journeys.get(caller.workspaceId(), journeyId);
        Suggestions.Suggestion suggestion = suggestions.get(caller.workspaceId(), suggestionId);
        if (!journeyId.equals(suggestion.journeyId()) || suggestion.kind() != Kind.CONTENT_VARIANT) {
            throw ApiProblemException.notFound("Editable suggestion", suggestionId);
        }
        return suggestion;
    }

    /** The channel's copy fields in order, with what the form typed or else the current copy. */
    @SuppressWarnings("unchecked")
    static List<EditField> fields(Suggestions.Suggestion suggestion, Map<String, String> form) {
        Object channel = suggestion.currentContent().get("channel");
        Map<String, Integer> limits = com.journeyassistant.generation.CopyLimits.of(
                com.journeyassistant.journey.Channel.valueOf(String.valueOf(channel)));
        Object current = suggestion.currentContent().get("fields");
        Map<String, Object> now = current instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        List<EditField> fields = new ArrayList<>();
        limits.forEach((name, limit) -> {
            if (now.containsKey(name) || form.containsKey("field." + name)) {
                fields.add(new EditField(name, form.getOrDefault("field." + name,
                        String.valueOf(now.getOrDefault(name, ""))), limit));
            }
        });
        return fields;
    }

    private void fillEdit(WorkspaceUser user, Suggestions.Suggestion suggestion, List<EditField> fields,
                          List<String> errors, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(user.workspace().workspaceId(), suggestion.journeyId()));
        model.addAttribute("suggestion", suggestion);
        model.addAttribute("fields", fields);
        model.addAttribute("errors", errors == null ? List.of() : errors);
    }

    @GetMapping("/journeys/{id}/review")
    String queue(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                 @RequestParam(required = false) String kind, @RequestParam(required = false) String status,
                 @RequestParam(required = false) UUID touchpoint, @RequestParam(required = false) UUID persona,
                 @RequestParam(defaultValue = "") String modelName, @RequestParam(defaultValue = "") String prompt,
                 Model model) {
        CurrentWorkspace caller = user.workspace();
        Kind kindFilter = parse(Kind.class, kind);
        // no status asked for: what waits for review; an empty one (the filter's "All"): every status
        Status statusFilter = parse(Status.class, status == null ? Status.PROPOSED.name() : status);
        List<Suggestions.Suggestion> all = suggestions.forJourney(caller.workspaceId(), id, kindFilter, statusFilter);
        List<Suggestions.Suggestion> found = all.stream()
                .filter(s -> touchpoint == null || ("touchpoint".equals(s.targetType()) && touchpoint.equals(s.targetId())))
                .filter(s -> persona == null || persona.toString().equals(s.currentContent().get("personaId")))
                .filter(s -> modelName.isEmpty() || modelName.equals(s.model()))
                .filter(s -> prompt.isEmpty() || prompt.equals(s.promptVersion()))
                .toList();
        model.addAttribute("touchpoints", touchpoints.list(caller.workspaceId(), id));
        model.addAttribute("personas", personas.list(caller.workspaceId(), id));
        model.addAttribute("models", all.stream().map(Suggestions.Suggestion::model).filter(java.util.Objects::nonNull)
                .distinct().sorted().toList());
        model.addAttribute("prompts", all.stream().map(Suggestions.Suggestion::promptVersion)
                .filter(java.util.Objects::nonNull).distinct().sorted().toList());
        model.addAttribute("touchpoint", touchpoint);
        model.addAttribute("persona", persona);
        model.addAttribute("modelName", modelName);
        model.addAttribute("prompt", prompt);
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(caller.workspaceId(), id));
        model.addAttribute("suggestions", found);
        model.addAttribute("lines", found.stream().collect(java.util.stream.Collectors.toMap(
                Suggestions.Suggestion::id, suggestion -> lines(suggestion.currentContent()))));
        model.addAttribute("kinds", Kind.values());
        model.addAttribute("statuses", Status.values());
        model.addAttribute("kind", kindFilter == null ? "" : kindFilter.name());
        model.addAttribute("status", statusFilter == null ? "" : statusFilter.name());
        return "review";
    }

    /** Accepts or rejects one suggestion ({@code only}, a card's own button) or those ticked, each with the note. */
    @PostMapping("/journeys/{id}/review")
    String decide(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                  @RequestParam(name = "suggestion", required = false) List<UUID> ticked,
                  @RequestParam(required = false) UUID only,
                  @RequestParam String decision, @RequestParam(defaultValue = "") String note,
                  @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "PROPOSED") String status) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        journeys.get(caller.workspaceId(), id);
        if (!decision.equals("ACCEPTED") && !decision.equals("REJECTED")) {
            throw ApiProblemException.invalid("decision", "must be ACCEPTED or REJECTED");
        }
        List<UUID> chosen = only != null ? List.of(only) : ticked == null ? List.of() : ticked;
        int decided = 0;
        for (UUID suggestion : chosen) {
            if (!id.equals(suggestions.get(caller.workspaceId(), suggestion).journeyId())) {
                throw ApiProblemException.notFound("Suggestion", suggestion);
            }
            suggestions.review(caller.workspaceId(), suggestion, new Suggestions.Review(decision, null,
                    note.isBlank() ? null : note.strip(), null), caller.apiKeyName());
            decided++;
        }
        return "redirect:/journeys/" + id + "/review?kind=" + kind + "&status=" + status + "&decided=" + decided;
    }

    /** The text fields of a suggestion's content, nested ones by their path ("fields.subject"). */
    static List<Line> lines(Map<String, Object> content) {
        List<Line> lines = new ArrayList<>();
        collect("", content, lines);
        return lines;
    }

    private static void collect(String at, Object value, List<Line> lines) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> collect(at.isEmpty() ? String.valueOf(key) : at + "." + key, inner, lines));
        } else if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance) && !list.isEmpty()
                && !at.endsWith("Ids")) {
            lines.add(new Line(at, String.join(" · ", list.stream().map(String.class::cast).toList())));
        } else if (value instanceof String text && !at.endsWith("Id") && !text.isBlank()) {
            lines.add(new Line(at, text));
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
