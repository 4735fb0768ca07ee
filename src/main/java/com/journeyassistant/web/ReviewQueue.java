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

    private final Journeys journeys;
    private final Suggestions suggestions;

    ReviewQueue(Journeys journeys, Suggestions suggestions) {
        this.journeys = journeys;
        this.suggestions = suggestions;
    }

    @GetMapping("/journeys/{id}/review")
    String queue(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                 @RequestParam(required = false) String kind, @RequestParam(defaultValue = "PROPOSED") String status,
                 Model model) {
        CurrentWorkspace caller = user.workspace();
        Kind kindFilter = parse(Kind.class, kind);
        Status statusFilter = parse(Status.class, status);
        List<Suggestions.Suggestion> found = suggestions.forJourney(caller.workspaceId(), id, kindFilter, statusFilter);
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
