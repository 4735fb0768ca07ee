package com.journeyassistant.journey;

import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.ApiProblemException.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Export of a journey map to a {@link JourneyDocument}, and import of one as a new journey. */
@Service
public class JourneyDocuments {

    private final Journeys journeys;
    private final Stages stages;
    private final Personas personas;
    private final Touchpoints touchpoints;
    private final Insights insights;
    private final Opportunities opportunities;
    private final Solutions solutions;
    private final Validator validator;

    JourneyDocuments(Journeys journeys, Stages stages, Personas personas, Touchpoints touchpoints, Insights insights,
                     Opportunities opportunities, Solutions solutions, Validator validator) {
        this.journeys = journeys;
        this.stages = stages;
        this.personas = personas;
        this.touchpoints = touchpoints;
        this.insights = insights;
        this.opportunities = opportunities;
        this.solutions = solutions;
        this.validator = validator;
    }

    private static final tools.jackson.databind.json.JsonMapper FILES = tools.jackson.databind.json.JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The map as the file people download: the export document as JSON. */
    public byte[] exportFile(UUID workspaceId, UUID journeyId) {
        return FILES.writerWithDefaultPrettyPrinter().writeValueAsBytes(export(workspaceId, journeyId));
    }

    /** A new journey from a map file people upload; 400 naming what is wrong, nothing written. */
    public Journey importFile(UUID workspaceId, byte[] file) {
        JourneyDocument document;
        try {
            document = FILES.readValue(file, JourneyDocument.class);
        } catch (tools.jackson.core.JacksonException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining()).replaceFirst("^\\.", "");
            String where = path.isEmpty() ? "" : " at " + path;
            throw ApiProblemException.invalid("file", "is not a journey map file (JSON)" + where);
        }
        if (document == null) {
            throw ApiProblemException.invalid("file", "is empty");
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<JourneyDocument> violation : validator.validate(document)) {
            errors.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return importDocument(workspaceId, document);
    }

    @Transactional(readOnly = true)
    JourneyDocument export(UUID workspaceId, UUID journeyId) {
        Journey journey = journeys.get(workspaceId, journeyId);
        var stageList = stages.list(workspaceId, journeyId);
        var touchpointList = touchpoints.list(workspaceId, journeyId);
        var insightList = insights.list(workspaceId, journeyId);
        Map<UUID, String> stageRefs = refs(stageList.stream().map(MapModels.Stage::id).toList(), "stage");
        Map<UUID, String> touchpointRefs = refs(touchpointList.stream().map(MapModels.Touchpoint::id).toList(), "touchpoint");
        Map<UUID, String> insightRefs = refs(insightList.stream().map(MapModels.Insight::id).toList(), "insight");
        var personaList = personas.list(workspaceId, journeyId);
        var opportunityList = opportunities.list(workspaceId, journeyId);
        Map<UUID, String> personaRefs = refs(personaList.stream().map(MapModels.Persona::id).toList(), "persona");
        Map<UUID, String> opportunityRefs = refs(opportunityList.stream().map(MapModels.Opportunity::id).toList(), "opportunity");

        return new JourneyDocument(JourneyDocument.FORMAT, JourneyDocument.FORMAT_VERSION, Instant.now(),
                new JourneyDocument.Head(journey.id(), journey.name(), journey.description(), journey.language(),
                        journey.stageModel()),
                stageList.stream().map(s -> new JourneyDocument.Stage(stageRefs.get(s.id()), s.id(), s.key(), s.name(),
                        s.description(), s.customerNeeds(), s.actions(), s.motivations(), s.questions(), s.pains(),
                        s.gains())).toList(),
                personaList.stream().map(p -> new JourneyDocument.Persona(personaRefs.get(p.id()), p.id(), p.name(),
                        p.description(), p.goals(), p.pains(), p.behaviours(), p.channels())).toList(),
                touchpointList.stream().map(t -> new JourneyDocument.Touchpoint(touchpointRefs.get(t.id()), t.id(),
                        stageRefs.get(t.stageId()), t.name(), t.channel(), t.direct(), t.owner(), t.idealMessage(),
                        t.assetLinks())).toList(),
                insightList.stream().map(i -> new JourneyDocument.Insight(insightRefs.get(i.id()), i.id(), i.title(),
                        i.text(), i.source(), i.touchpointIds().stream().map(touchpointRefs::get).toList())).toList(),
                opportunityList.stream().map(o -> new JourneyDocument.Opportunity(opportunityRefs.get(o.id()), o.id(),
                        o.title(), o.description(), o.priority(),
                        o.touchpointIds().stream().map(touchpointRefs::get).toList(),
                        o.insightIds().stream().map(insightRefs::get).toList(),
                        solutions.list(workspaceId, o.id()).stream().map(s -> new JourneyDocument.Solution(s.id(),
                                s.title(), s.description(), s.status())).toList())).toList());
    }

    /** Creates a new journey from the document: everything is checked first, then written in one transaction. */
    @Transactional
    Journey importDocument(UUID workspaceId, JourneyDocument document) {
        ImportPlan plan = new ImportPlan(document);
        plan.check();
        if (!plan.errors.isEmpty()) {
            throw ApiProblemException.invalid(plan.errors);
        }
        JourneyDocument.Head head = document.journey();
        Journey journey = journeys.createWithoutStages(workspaceId, head.name(), head.description(), head.language(),
                head.stageModel());
        UUID journeyId = journey.id();
        Map<String, UUID> stageIds = new HashMap<>();
        for (int i = 0; i < plan.stages.size(); i++) {
            stageIds.put(list(document.stages()).get(i).ref(), stages.create(workspaceId, journeyId, plan.stages.get(i)).id());
        }
        plan.personas.forEach(persona -> personas.create(workspaceId, journeyId, persona));
        Map<String, UUID> touchpointIds = new HashMap<>();
        for (int i = 0; i < plan.touchpoints.size(); i++) {
            JourneyDocument.Touchpoint source = list(document.touchpoints()).get(i);
            MapInputs.TouchpointInput input = plan.touchpoints.get(i);
            MapInputs.TouchpointInput resolved = new MapInputs.TouchpointInput(stageIds.get(source.stage()), input.name(),
                    input.channel(), input.direct(), input.owner(), input.idealMessage(), null, input.assetLinks(), null);
            touchpointIds.put(source.ref(), touchpoints.create(workspaceId, journeyId, resolved).id());
        }
        Map<String, UUID> insightIds = new HashMap<>();
        for (int i = 0; i < plan.insights.size(); i++) {
            JourneyDocument.Insight source = list(document.insights()).get(i);
            MapInputs.InsightInput input = plan.insights.get(i);
            MapInputs.InsightInput resolved = new MapInputs.InsightInput(input.title(), input.text(), input.source(), null,
                    resolve(source.touchpoints(), touchpointIds), null);
            insightIds.put(source.ref(), insights.create(workspaceId, journeyId, resolved).id());
        }
        for (int i = 0; i < plan.opportunities.size(); i++) {
            JourneyDocument.Opportunity source = list(document.opportunities()).get(i);
            MapInputs.OpportunityInput input = plan.opportunities.get(i);
            UUID opportunityId = opportunities.create(workspaceId, journeyId, new MapInputs.OpportunityInput(input.title(),
                    input.description(), input.priority(), null, resolve(source.touchpoints(), touchpointIds),
                    resolve(source.insights(), insightIds), null)).id();
            for (MapInputs.SolutionInput solution : plan.solutions.get(i)) {
                solutions.create(workspaceId, opportunityId, solution);
            }
        }
        return journey;
    }

    /** The document turned into validated inputs, with every problem found collected at once. */
    private final class ImportPlan {
        final JourneyDocument document;
        final List<FieldError> errors = new ArrayList<>();
        final List<MapInputs.StageInput> stages = new ArrayList<>();
        final List<MapInputs.PersonaInput> personas = new ArrayList<>();
        final List<MapInputs.TouchpointInput> touchpoints = new ArrayList<>();
        final List<MapInputs.InsightInput> insights = new ArrayList<>();
        final List<MapInputs.OpportunityInput> opportunities = new ArrayList<>();
        final List<List<MapInputs.SolutionInput>> solutions = new ArrayList<>();

        ImportPlan(JourneyDocument document) {
            this.document = document;
        }

        void check() {
            if (!JourneyDocument.FORMAT.equals(document.format())) {
                errors.add(new FieldError("format", "must be " + JourneyDocument.FORMAT));
            }
            if (document.formatVersion() != JourneyDocument.FORMAT_VERSION) {
                errors.add(new FieldError("formatVersion", "must be " + JourneyDocument.FORMAT_VERSION));
            }
            JourneyDocument.Head head = document.journey();
            validate("journey", new MapInputs.JourneyUpdate(head.name(), head.description(), head.language(), null));
            var stageRefs = uniqueRefs("stages", list(document.stages()), JourneyDocument.Stage::ref);
            var touchpointRefs = uniqueRefs("touchpoints", list(document.touchpoints()), JourneyDocument.Touchpoint::ref);
            var insightRefs = uniqueRefs("insights", list(document.insights()), JourneyDocument.Insight::ref);
            uniqueRefs("personas", list(document.personas()), JourneyDocument.Persona::ref);
            uniqueRefs("opportunities", list(document.opportunities()), JourneyDocument.Opportunity::ref);
            if (stageRefs.isEmpty()) {
                errors.add(new FieldError("stages", "a journey needs at least one stage"));
            }

            forEach("stages", document.stages(), (path, s) -> stages.add(validate(path, new MapInputs.StageInput(s.name(),
                    s.description(), s.key(), null, s.customerNeeds(), s.actions(), s.motivations(), s.questions(),
                    s.pains(), s.gains(), null))));
            forEach("personas", document.personas(), (path, p) -> personas.add(validate(path, new MapInputs.PersonaInput(
                    p.name(), p.description(), null, p.goals(), p.pains(), p.behaviours(), p.channels(), null))));
            forEach("touchpoints", document.touchpoints(), (path, t) -> {
                requireRef(path + ".stage", t.stage(), stageRefs);
                // A placeholder stage id passes validation; the real id is known only once stages exist.
                touchpoints.add(validate(path, new MapInputs.TouchpointInput(UUID.randomUUID(), t.name(), t.channel(),
                        t.direct(), t.owner(), t.idealMessage(), null, t.assetLinks(), null)));
            });
            forEach("insights", document.insights(), (path, i) -> {
                requireRefs(path + ".touchpoints", i.touchpoints(), touchpointRefs);
                insights.add(validate(path, new MapInputs.InsightInput(i.title(), i.text(), i.source(), null, null, null)));
            });
            forEach("opportunities", document.opportunities(), (path, o) -> {
                requireRefs(path + ".touchpoints", o.touchpoints(), touchpointRefs);
                requireRefs(path + ".insights", o.insights(), insightRefs);
                opportunities.add(validate(path, new MapInputs.OpportunityInput(o.title(), o.description(), o.priority(),
                        null, null, null, null)));
                List<MapInputs.SolutionInput> forOpportunity = new ArrayList<>();
                forEach(path + ".solutions", o.solutions(), (solutionPath, s) -> forOpportunity.add(validate(solutionPath,
                        new MapInputs.SolutionInput(s.title(), s.description(), s.status(), null, null))));
                solutions.add(forOpportunity);
            });
        }

        private <T> T validate(String path, T input) {
            for (ConstraintViolation<T> violation : validator.validate(input)) {
                String property = violation.getPropertyPath().toString()
                        .replace("<list element>", "").replace("..", ".");
                String field = path + (property.isEmpty() ? "" : "." + property);
                errors.add(new FieldError(field.replace(".[", "["), violation.getMessage()));
            }
            return input;
        }

        private <T> List<String> uniqueRefs(String path, List<T> items, Function<T, String> ref) {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String value = ref.apply(items.get(i));
                if (value == null || value.isBlank()) {
                    errors.add(new FieldError(path + "[" + i + "].ref", "must not be blank"));
                } else if (seen.contains(value)) {
                    errors.add(new FieldError(path + "[" + i + "].ref", "duplicate ref '" + value + "'"));
                } else {
                    seen.add(value);
                }
            }
            return seen;
        }

        private void requireRef(String path, String ref, List<String> known) {
            if (ref == null || !known.contains(ref)) {
                errors.add(new FieldError(path, "no item with ref '" + ref + "' in this document"));
            }
        }

        private void requireRefs(String path, List<String> refs, List<String> known) {
            List<String> values = list(refs);
            for (int i = 0; i < values.size(); i++) {
                requireRef(path + "[" + i + "]", values.get(i), known);
            }
        }
    }

    private interface ItemCheck<T> {
        void accept(String path, T item);
    }

    private static <T> void forEach(String path, List<T> items, ItemCheck<T> check) {
        List<T> values = list(items);
        for (int i = 0; i < values.size(); i++) {
            check.accept(path + "[" + i + "]", values.get(i));
        }
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static List<UUID> resolve(List<String> refs, Map<String, UUID> ids) {
        return list(refs).stream().map(ids::get).toList();
    }

    private static Map<UUID, String> refs(List<UUID> ids, String prefix) {
        Map<UUID, String> refs = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            refs.put(ids.get(i), prefix + "-" + (i + 1));
        }
        return refs;
    }
}
