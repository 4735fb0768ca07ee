package com.journeyassistant.batch;

import com.journeyassistant.batch.BatchModels.LineError;
import com.journeyassistant.batch.BatchModels.PlannedCell;
import com.journeyassistant.batch.BatchModels.Selection;
import com.journeyassistant.evidence.CsvRows;
import com.journeyassistant.evidence.EvidenceFacts;
import com.journeyassistant.generation.CopyLimits;
import com.journeyassistant.generation.GenerationJobs;
import com.journeyassistant.journey.BrandProfiles;
import com.journeyassistant.journey.Channel;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels.BrandProfile;
import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.journey.MapModels.Persona;
import com.journeyassistant.journey.MapModels.Touchpoint;
import com.journeyassistant.journey.Personas;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.ApiProblemException.FieldError;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns a selection or a spreadsheet of briefs into the cells of a run, each checked the way
 * the content-variants job will check it, without calling the model: a cell that cannot run
 * (its touchpoint and stage have no evidence, its persona is unknown, its channel is one the
 * assistant writes no copy for) is kept with the reason, so the preview can show it.
 */
@Component
class CellPlanner {

    static final int DEFAULT_VARIANTS = 3;

    /** Cells of a run, and the spreadsheet lines that could not become one. */
    record Plan(Journey journey, List<PlannedCell> cells, List<LineError> lineErrors) {

        List<PlannedCell> runnable() {
            return cells.stream().filter(c -> c.blocked() == null).toList();
        }
    }

    private final Journeys journeys;
    private final Touchpoints touchpoints;
    private final Personas personas;
    private final BrandProfiles brands;
    private final EvidenceFacts evidence;
    private final BatchSettings settings;

    CellPlanner(Journeys journeys, Touchpoints touchpoints, Personas personas, BrandProfiles brands,
                EvidenceFacts evidence, BatchSettings settings) {
        this.journeys = journeys;
        this.touchpoints = touchpoints;
        this.personas = personas;
        this.brands = brands;
        this.evidence = evidence;
        this.settings = settings;
    }

    Plan plan(UUID ws, UUID journeyId, Selection selection) {
        Journey journey = journeys.get(ws, journeyId);
        List<Touchpoint> all = touchpoints.list(ws, journeyId);
        List<Persona> journeyPersonas = personas.list(ws, journeyId);
        List<FieldError> errors = new ArrayList<>();
        Selection s = selection == null ? new Selection(null, null, null, null, null, null, null, null, null) : selection;
        int count = s.variantsPerCell() == null ? DEFAULT_VARIANTS : s.variantsPerCell();
        if (count < 1 || count > GenerationJobs.MAX_VARIANTS) {
            errors.add(new FieldError("variantsPerCell", "must be from 1 to " + GenerationJobs.MAX_VARIANTS));
        }
        checkBrief(errors, "brief", s.brief(), null);
        checkName(errors, s.name());
        Map<UUID, Touchpoint> byId = all.stream().collect(Collectors.toMap(Touchpoint::id, t -> t));
        Set<UUID> stageIds = all.stream().map(Touchpoint::stageId).collect(Collectors.toSet());
        each(s.touchpointIds(), "touchpointIds", errors, id -> byId.containsKey(id) ? null
                : "no touchpoint " + id + " in this journey");
        each(s.stageIds(), "stageIds", errors, id -> stageIds.contains(id) ? null
                : "no stage " + id + " with touchpoints in this journey");
        Map<UUID, Persona> personaById = journeyPersonas.stream().collect(Collectors.toMap(Persona::id, p -> p));
        each(s.personaIds(), "personaIds", errors, id -> personaById.containsKey(id) ? null
                : "no persona " + id + " in this journey");
        each(s.languages(), "languages", errors, l -> List.of("nl", "en").contains(l) ? null : "must be nl or en");
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }

        List<Touchpoint> chosen = all.stream().filter(t -> (s.touchpointIds() == null && s.stageIds() == null)
                        || (s.touchpointIds() != null && s.touchpointIds().contains(t.id()))
                        || (s.stageIds() != null && s.stageIds().contains(t.stageId())))
                .filter(t -> s.channels() == null || s.channels().isEmpty() || s.channels().contains(t.channel()))
                .toList();
        List<Persona> chosenPersonas = s.personaIds() == null ? journeyPersonas
                : s.personaIds().stream().distinct().map(personaById::get).toList();
        List<String> languages = s.languages() == null || s.languages().isEmpty()
                ? List.of(defaultLanguage(ws, journey)) : List.copyOf(new LinkedHashSet<>(s.languages()));

        EvidenceFacts.GroundedPlaces grounded = evidence.groundedPlaces(ws, journeyId);
        List<PlannedCell> cells = new ArrayList<>();
        String brief = blankToNull(s.brief());
        for (Touchpoint touchpoint : chosen) {
            for (Persona persona : chosenPersonas.isEmpty() ? java.util.Collections.<Persona>singletonList(null)
                    : chosenPersonas) {
                for (String language : languages) {
                    checkSize(cells.size() + 1);
                    cells.add(cell(cells.size(), touchpoint, persona, null, touchpoint.channel(), language, count,
                            brief, null, grounded));
                }
            }
        }
        return new Plan(journey, cells, List.of());
    }

    /** Column names a spreadsheet of briefs may use for each field, folded, English and Dutch. */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "touchpoint", List.of("touchpoint", "touchpointid", "touchpointname", "contactmoment", "contactmomentnaam"),
            "persona", List.of("persona", "personaid", "personaname", "personanaam"),
            "channel", List.of("channel", "kanaal"),
            "language", List.of("language", "lang", "taal"),
            "count", List.of("count", "variants", "variantspercell", "aantal", "varianten"),
            "brief", List.of("brief", "briefing", "opdracht"));

    Plan plan(UUID ws, UUID journeyId, InputStream csv) {
        Journey journey = journeys.get(ws, journeyId);
        List<Touchpoint> all = touchpoints.list(ws, journeyId);
        List<Persona> journeyPersonas = personas.list(ws, journeyId);
        EvidenceFacts.GroundedPlaces grounded = evidence.groundedPlaces(ws, journeyId);
        String defaultLanguage = defaultLanguage(ws, journey);
        List<PlannedCell> cells = new ArrayList<>();
        List<LineError> lineErrors = new ArrayList<>();
        for (CsvRows.Row row : CsvRows.read(csv, settings.maxCells() + 1)) {
            if (row.problem() != null) {
                lineErrors.add(new LineError(row.line(), "row", row.problem()));
                continue;
            }
            List<FieldError> errors = new ArrayList<>();
            String touchpointRef = field(row, "touchpoint");
            Touchpoint touchpoint = null;
            if (touchpointRef == null) {
                errors.add(new FieldError("touchpoint", "is missing: give the touchpoint's id or name", row.line()));
            } else {
                touchpoint = find(all, touchpointRef, Touchpoint::id, Touchpoint::name)
                        .orElse(null);
                if (touchpoint == null) {
                    errors.add(new FieldError("touchpoint", "no touchpoint '" + touchpointRef
                            + "' in this journey (by id or name)", row.line()));
                }
            }
            Channel channel = touchpoint == null ? null : touchpoint.channel();
            String channelText = field(row, "channel");
            if (channelText != null) {
                try {
                    channel = Channel.valueOf(channelText.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "_"));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("channel", "'" + channelText + "' is not a channel (one of "
                            + java.util.Arrays.toString(Channel.values()) + ")", row.line()));
                }
            }
            String language = field(row, "language");
            if (language != null) {
                language = language.strip().toLowerCase(Locale.ROOT);
                if (!List.of("nl", "en").contains(language)) {
                    errors.add(new FieldError("language", "must be nl or en", row.line()));
                }
            }
            int count = DEFAULT_VARIANTS;
            String countText = field(row, "count");
            if (countText != null) {
                try {
                    count = Integer.parseInt(countText.strip());
                    if (count < 1 || count > GenerationJobs.MAX_VARIANTS) {
                        errors.add(new FieldError("count", "must be from 1 to " + GenerationJobs.MAX_VARIANTS,
                                row.line()));
                    }
                } catch (NumberFormatException e) {
                    errors.add(new FieldError("count", "'" + countText + "' is not a whole number", row.line()));
                }
            }
            String brief = field(row, "brief");
            checkBrief(errors, "brief", brief, row.line());
            if (!errors.isEmpty()) {
                errors.forEach(e -> lineErrors.add(new LineError(row.line(), e.field(), e.message())));
                continue;
            }
            String personaRef = field(row, "persona");
            Persona persona = personaRef == null ? null
                    : find(journeyPersonas, personaRef, Persona::id, Persona::name).orElse(null);
            String unknownPersona = personaRef != null && persona == null
                    ? "no persona '" + personaRef + "' in this journey" : null;
            checkSize(cells.size() + 1);
            cells.add(cell(cells.size(), touchpoint, persona, unknownPersona, channel,
                    language == null ? defaultLanguage : language, count, brief, row.line(), grounded));
        }
        return new Plan(journey, cells, lineErrors);
    }

    private static PlannedCell cell(int position, Touchpoint touchpoint, Persona persona, String personaProblem,
                                    Channel channel, String language, int count, String brief, Integer line,
                                    EvidenceFacts.GroundedPlaces grounded) {
        String blocked = personaProblem;
        if (blocked == null && !CopyLimits.written(channel)) {
            blocked = "the assistant writes no copy for the channel " + channel
                    + " (spoken, physical or customer-written); pick a channel with copy limits";
        }
        if (blocked == null && !grounded.has(touchpoint.id(), touchpoint.stageId())) {
            blocked = "no evidence for this touchpoint or its stage yet (or it is still being indexed)";
        }
        return new PlannedCell(position, touchpoint.id(), touchpoint.name(), persona == null ? null : persona.id(),
                persona == null ? null : persona.name(), channel, language, count, brief, line, blocked);
    }

    private void checkSize(int cells) {
        if (cells > settings.maxCells()) {
            throw new ApiProblemException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                    "Too many cells", "A run may have at most " + settings.maxCells() + " cells (journey.batch"
                    + ".max-cells); choose fewer touchpoints, personas or languages, or split the file", List.of());
        }
    }

    private String defaultLanguage(UUID ws, Journey journey) {
        BrandProfile brand = brands.get(ws);
        return brand.version() > 0 ? brand.defaultLanguage().code() : journey.language().code();
    }

    private static String field(CsvRows.Row row, String name) {
        for (String column : COLUMNS.get(name)) {
            String value = row.fields().get(column);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** By id when the reference is one, else by name, ignoring case; a name two items share finds neither. */
    private static <T> Optional<T> find(List<T> items, String ref, Function<T, UUID> id, Function<T, String> name) {
        try {
            UUID wanted = UUID.fromString(ref);
            return items.stream().filter(i -> id.apply(i).equals(wanted)).findFirst();
        } catch (IllegalArgumentException notAnId) {
            List<T> named = items.stream().filter(i -> name.apply(i).strip().equalsIgnoreCase(ref)).toList();
            return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
        }
    }

    private static void checkBrief(List<FieldError> errors, String field, String brief, Integer line) {
        if (brief != null && brief.length() > GenerationJobs.MAX_BRIEF) {
            errors.add(new FieldError(field, "must be at most " + GenerationJobs.MAX_BRIEF + " characters", line));
        }
    }

    private static void checkName(List<FieldError> errors, String name) {
        if (name != null && name.length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
    }

    private static <T> void each(List<T> values, String field, List<FieldError> errors, Function<T, String> problem) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            T value = values.get(i);
            String why = value == null ? "must not be null" : problem.apply(value);
            if (why != null) {
                errors.add(new FieldError(field + "[" + i + "]", why));
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
