package com.journeyassistant.web;

import com.journeyassistant.evidence.EvidenceFacts;
import com.journeyassistant.generation.GenerationJobs;
import com.journeyassistant.generation.GenerationResult;
import com.journeyassistant.journey.Channel;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels.Touchpoint;
import com.journeyassistant.journey.Personas;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.WorkspaceUser;
import com.journeyassistant.suggestions.Suggestions;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One touchpoint up close: what it is (edited in place, a stale edit shown field by field), its
 * customers' words (searchable), its KPIs with their trend, the assistant's suggestions for it,
 * and the actions that ask the assistant for content variants or experiment ideas.
 */
@Controller
class TouchpointPanel {

    private static final int QUOTES = 30;
    private static final int SPARK_WIDTH = 120;
    private static final int SPARK_HEIGHT = 28;

    /** A KPI's values over its periods, oldest first, drawn as a small line. */
    record KpiTrend(String metric, String unit, List<EvidenceFacts.KpiFact> values, BigDecimal target, String points,
                    String direction) {
        public EvidenceFacts.KpiFact latest() {
            return values.get(values.size() - 1);
        }
    }

    record EditForm(String name, String channel, boolean direct, String owner, String idealMessage, long version) {
        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", name);
            fields.put("channel", channel);
            fields.put("direct", String.valueOf(direct));
            fields.put("owner", owner);
            fields.put("idealMessage", idealMessage);
            return fields;
        }

        static EditForm of(Touchpoint touchpoint) {
            return new EditForm(touchpoint.name(), touchpoint.channel().name(), touchpoint.direct(),
                    Objects.toString(touchpoint.owner(), ""), Objects.toString(touchpoint.idealMessage(), ""),
                    touchpoint.version());
        }
    }

    private final Journeys journeys;
    private final Touchpoints touchpoints;
    private final Personas personas;
    private final EvidenceFacts facts;
    private final Suggestions suggestions;
    private final GenerationJobs jobs;
    private final com.journeyassistant.experiments.ExperimentPlans plans;
    private final MessageSource messages;
    private final People people;
    private final OnceOnly once;

    TouchpointPanel(People people, Journeys journeys, Touchpoints touchpoints, Personas personas, EvidenceFacts facts,
                    Suggestions suggestions, GenerationJobs jobs, com.journeyassistant.experiments.ExperimentPlans plans,
                    MessageSource messages, OnceOnly once) {
        this.once = once;
        this.plans = plans;
        this.people = people;
        this.journeys = journeys;
        this.touchpoints = touchpoints;
        this.personas = personas;
        this.facts = facts;
        this.suggestions = suggestions;
        this.jobs = jobs;
        this.messages = messages;
    }

    @GetMapping("/journeys/{id}/touchpoints/{touchpointId}")
    String panel(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID touchpointId,
                 @RequestParam(defaultValue = "") String q, Model model) {
        Touchpoint touchpoint = touchpointOf(user.workspace(), id, touchpointId);
        fill(user, touchpoint, q, EditForm.of(touchpoint), model);
        return "touchpoint";
    }

    @PostMapping("/journeys/{id}/touchpoints/{touchpointId}")
    String edit(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID touchpointId,
                @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String channel,
                @RequestParam(defaultValue = "false") boolean direct, @RequestParam(defaultValue = "") String owner,
                @RequestParam(defaultValue = "") String idealMessage, @RequestParam long version, Model model,
                HttpServletResponse response, Locale locale) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        Touchpoint before = touchpointOf(caller, id, touchpointId);
        EditForm typed = new EditForm(name, channel, direct, owner, idealMessage, version);
        try {
            touchpoints.edit(caller.workspaceId(), touchpointId, version, new Touchpoints.TouchpointEdit(name,
                    channel(channel), direct, owner, idealMessage));
            return "redirect:/journeys/" + id + "/touchpoints/" + touchpointId + "?saved";
        } catch (ApiProblemException problem) {
            StaleEdit.explain(problem, model, response, () -> changes(before, typed),
                    () -> people.name(touchpoints.changedBy(caller.workspaceId(), touchpointId), locale));
            fill(user, before, "", new EditForm(name, channel, direct, owner, idealMessage,
                    problem.status() == HttpStatus.CONFLICT ? before.version() : version), model);
            return "touchpoint";
        }
    }

    /** Asks the assistant for content variants; with htmx the answer replaces the results area only. */
    @PostMapping("/journeys/{id}/touchpoints/{touchpointId}/variants")
    String variants(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID touchpointId,
                    @RequestParam(required = false) UUID persona, @RequestParam(defaultValue = "") String channel,
                    @RequestParam(defaultValue = "") String language, @RequestParam(defaultValue = "3") int count,
                    @RequestParam(defaultValue = "") String brief,
                    @RequestParam(name = OnceOnly.FIELD, required = false) String submission, Locale locale, Model model,
                    @RequestHeader(value = "HX-Request", required = false) String htmx) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        Touchpoint touchpoint = touchpointOf(caller, id, touchpointId);
        return generated(user, touchpoint, locale, model, htmx != null, submission, () -> jobs.contentVariants(caller,
                touchpointId, persona, channel.isBlank() ? null : channel(channel),
                language.isBlank() ? null : language, count, brief.isBlank() ? null : brief.strip()));
    }

    @PostMapping("/journeys/{id}/touchpoints/{touchpointId}/experiments")
    String experiments(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                       @PathVariable UUID touchpointId, @RequestParam(defaultValue = "2") int count,
                       @RequestParam(name = OnceOnly.FIELD, required = false) String submission, Locale locale,
                       Model model, @RequestHeader(value = "HX-Request", required = false) String htmx) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.EDITOR);
        Touchpoint touchpoint = touchpointOf(caller, id, touchpointId);
        return generated(user, touchpoint, locale, model, htmx != null, submission,
                () -> jobs.experimentSuggestions(caller, touchpointId, count, null));
    }

    /**
     * Runs a generation job and shows what it proposed. Without htmx the whole page is sent again,
     * so a form sent twice (a double click) shows the first answer instead of asking the model again;
     * with htmx the button is disabled while the model writes, and each ask is a new one.
     */
    private String generated(WorkspaceUser user, Touchpoint touchpoint, Locale locale, Model model, boolean partOnly,
                             String submission, java.util.function.Supplier<GenerationResult> job) {
        CurrentWorkspace caller = user.workspace();
        try {
            String made = once.remember(caller, partOnly ? null : submission, () -> String.join(",",
                    job.get().suggestions().stream().map(s -> s.id().toString()).toList()));
            model.addAttribute("fresh", java.util.Arrays.stream(made.split(",")).filter(id -> !id.isEmpty())
                    .map(id -> SuggestionView.of(suggestions.get(caller.workspaceId(), UUID.fromString(id)))).toList());
        } catch (ApiProblemException problem) {
            if (problem.status() == HttpStatus.NOT_FOUND || problem.status() == HttpStatus.FORBIDDEN) {
                throw problem;
            }
            model.addAttribute("generationProblem", describe(problem, locale));
        }
        if (partOnly) {
            return "touchpoint :: generated";
        }
        fill(user, touchpoint, "", EditForm.of(touchpoint), model);
        return "touchpoint";
    }

    private void fill(WorkspaceUser user, Touchpoint touchpoint, String q, EditForm form, Model model) {
        UUID ws = user.workspace().workspaceId();
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(ws, touchpoint.journeyId()));
        model.addAttribute("touchpoint", touchpoint);
        model.addAttribute("form", form);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("personas", personas.list(ws, touchpoint.journeyId()));
        model.addAttribute("q", q);
        String needle = q.strip().toLowerCase(Locale.ROOT);
        List<EvidenceFacts.FeedbackFact> quotes = facts.feedbackOfTouchpoint(ws, touchpoint.id()).stream()
                .filter(f -> needle.isEmpty() || f.text().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(EvidenceFacts.FeedbackFact::date,
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        model.addAttribute("quoteCount", quotes.size());
        model.addAttribute("quotes", quotes.subList(0, Math.min(QUOTES, quotes.size())));
        model.addAttribute("kpis", trends(facts.kpisOfTouchpoint(ws, touchpoint.id())));
        model.addAttribute("plans", plans.ofTouchpoint(ws, touchpoint.id()));
        model.addAttribute("suggestions", suggestions.forTarget(ws, "touchpoint", touchpoint.id()).stream()
                .map(SuggestionView::of).toList());
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", List.of());
        }
    }

    /** Per metric, its values by period (periods sort as written: 2026-10 before 2026-11), drawn as a sparkline. */
    static List<KpiTrend> trends(List<EvidenceFacts.KpiFact> kpis) {
        Map<String, List<EvidenceFacts.KpiFact>> byMetric = new LinkedHashMap<>();
        for (EvidenceFacts.KpiFact kpi : kpis) {
            byMetric.computeIfAbsent(kpi.metric(), m -> new ArrayList<>()).add(kpi);
        }
        List<KpiTrend> trends = new ArrayList<>();
        byMetric.forEach((metric, values) -> {
            values.sort(Comparator.comparing(EvidenceFacts.KpiFact::period, Comparator.nullsFirst(Comparator.naturalOrder())));
            double min = values.stream().mapToDouble(v -> v.value().doubleValue()).min().orElse(0);
            double max = values.stream().mapToDouble(v -> v.value().doubleValue()).max().orElse(0);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                double x = values.size() == 1 ? SPARK_WIDTH / 2.0 : i * (double) SPARK_WIDTH / (values.size() - 1);
                double y = max == min ? SPARK_HEIGHT / 2.0
                        : SPARK_HEIGHT - 2 - (values.get(i).value().doubleValue() - min) / (max - min) * (SPARK_HEIGHT - 4);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            EvidenceFacts.KpiFact last = values.get(values.size() - 1);
            String direction = values.size() < 2 ? "none"
                    : last.value().compareTo(values.get(values.size() - 2).value()) == 0 ? "flat"
                    : (last.value().compareTo(values.get(values.size() - 2).value()) > 0) == last.higherIsBetter()
                    ? "better" : "worse";
            trends.add(new KpiTrend(metric, last.unit(), List.copyOf(values), last.target(), points.toString().strip(),
                    direction));
        });
        return trends;
    }

    private static List<StaleEdit.Changed> changes(Touchpoint theirs, EditForm yours) {
        return StaleEdit.changes(EditForm.of(theirs).fields(), yours.fields());
    }

    private Touchpoint touchpointOf(CurrentWorkspace caller, UUID journeyId, UUID touchpointId) {
        journeys.get(caller.workspaceId(), journeyId);
        Touchpoint touchpoint = touchpoints.get(caller.workspaceId(), touchpointId);
        if (!journeyId.equals(touchpoint.journeyId())) {
            throw ApiProblemException.notFound("Touchpoint", touchpointId);
        }
        return touchpoint;
    }

    private static Channel channel(String channel) {
        try {
            return Channel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("channel", "is not a channel");
        }
    }

    private String describe(ApiProblemException problem, Locale locale) {
        return messages.getMessage("chat.problem." + problem.status().value(), new Object[] {problem.getMessage()},
                problem.title() + ": " + problem.getMessage(), locale);
    }
}
