package com.journeyassistant.journey;

import com.journeyassistant.journey.MapModels.Insight;
import com.journeyassistant.journey.MapModels.Opportunity;
import com.journeyassistant.journey.MapModels.Persona;
import com.journeyassistant.journey.MapModels.Solution;
import com.journeyassistant.journey.MapModels.Stage;
import com.journeyassistant.journey.MapModels.Touchpoint;
import com.journeyassistant.journey.MapModels.Versioned;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.ExpectedVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The items on a map. Collections live under their parent ({@code /journeys/{id}/touchpoints},
 * {@code /opportunities/{id}/solutions}); each item is addressed directly in the workspace
 * ({@code /touchpoints/{id}}), which is also where generation attaches to it.
 */
@Tag(name = "Journey map items", description = "Stages, personas, touchpoints, insights, opportunities and solutions")
@RestController
@RequestMapping("/api/workspaces/{ws}")
class MapItemController {

    private static final String IF_MATCH = "If-Match";

    private final Journeys journeys;
    private final Stages stages;
    private final Personas personas;
    private final Touchpoints touchpoints;
    private final Insights insights;
    private final Opportunities opportunities;
    private final Solutions solutions;
    private final MergePatch patches;

    MapItemController(Journeys journeys, Stages stages, Personas personas, Touchpoints touchpoints,
                      Insights insights, Opportunities opportunities, Solutions solutions, MergePatch patches) {
        this.patches = patches;
        this.journeys = journeys;
        this.stages = stages;
        this.personas = personas;
        this.touchpoints = touchpoints;
        this.insights = insights;
        this.opportunities = opportunities;
        this.solutions = solutions;
    }

    // --- stages

    @Operation(summary = "The journey's stages, in their order")
    @GetMapping("/journeys/{journeyId}/stages")
    List<Stage> stages(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID journeyId) {
        journeys.require(caller.workspaceId(), journeyId);
        return stages.list(caller.workspaceId(), journeyId);
    }

    @Operation(summary = "Add a stage to the journey; answers 201 with its Location and ETag")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/journeys/{journeyId}/stages")
    ResponseEntity<Stage> createStage(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID journeyId,
                                      @Valid @RequestBody MapInputs.StageInput body) {
        journeys.require(caller.workspaceId(), journeyId);
        return created(caller, "stages", stages.create(caller.workspaceId(), journeyId, body));
    }

    @Operation(summary = "One stage, with its version as ETag")
    @GetMapping("/stages/{id}")
    ResponseEntity<Stage> stage(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return item(stages.get(caller.workspaceId(), id));
    }

    @Operation(summary = "Replace a stage (fields left out are cleared); send If-Match or version")
    @PutMapping("/stages/{id}")
    ResponseEntity<Stage> updateStage(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                      @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                      @Valid @RequestBody MapInputs.StageInput body) {
        return item(stages.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Change some fields of a stage (JSON Merge Patch); send If-Match or version")
    @PatchMapping(path = "/stages/{id}", consumes = MergePatch.MEDIA_TYPE)
    ResponseEntity<Stage> patchStage(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch, @RequestBody JsonNode patch) {
        MapInputs.StageInput body = patches.apply(stages.get(caller.workspaceId(), id), patch, MapInputs.StageInput.class);
        return item(stages.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Delete a stage")
    @DeleteMapping("/stages/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteStage(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        stages.delete(caller.workspaceId(), id);
    }

    // --- personas

    @Operation(summary = "The journey's personas, in their order")
    @GetMapping("/journeys/{journeyId}/personas")
    List<Persona> personas(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID journeyId) {
        journeys.require(caller.workspaceId(), journeyId);
        return personas.list(caller.workspaceId(), journeyId);
    }

    @Operation(summary = "Add a persona to the journey; answers 201 with its Location and ETag")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/journeys/{journeyId}/personas")
    ResponseEntity<Persona> createPersona(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID journeyId,
                                          @Valid @RequestBody MapInputs.PersonaInput body) {
        journeys.require(caller.workspaceId(), journeyId);
        return created(caller, "personas", personas.create(caller.workspaceId(), journeyId, body));
    }

    @Operation(summary = "One persona, with its version as ETag")
    @GetMapping("/personas/{id}")
    ResponseEntity<Persona> persona(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return item(personas.get(caller.workspaceId(), id));
    }

    @Operation(summary = "Replace a persona (fields left out are cleared); send If-Match or version")
    @PutMapping("/personas/{id}")
    ResponseEntity<Persona> updatePersona(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                          @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody MapInputs.PersonaInput body) {
        return item(personas.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Change some fields of a persona (JSON Merge Patch); send If-Match or version")
    @PatchMapping(path = "/personas/{id}", consumes = MergePatch.MEDIA_TYPE)
    ResponseEntity<Persona> patchPersona(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch, @RequestBody JsonNode patch) {
        MapInputs.PersonaInput body = patches.apply(personas.get(caller.workspaceId(), id), patch, MapInputs.PersonaInput.class);
        return item(personas.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Delete a persona")
    @DeleteMapping("/personas/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deletePersona(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        personas.delete(caller.workspaceId(), id);
    }

    // --- touchpoints

    @Operation(summary = "The journey's touchpoints, in their order")
    @GetMapping("/journeys/{journeyId}/touchpoints")
    List<Touchpoint> touchpoints(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID journeyId) {
        journeys.require(caller.workspaceId(), journeyId);
        return touchpoints.list(caller.workspaceId(), journeyId);
    }

    @Operation(summary = "Add a touchpoint to the journey; answers 201 with its Location and ETag")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/journeys/{journeyId}/touchpoints")
    ResponseEntity<Touchpoint> createTouchpoint(@AuthenticationPrincipal CurrentWorkspace caller,
                                                @PathVariable UUID journeyId,
                                                @Valid @RequestBody MapInputs.TouchpointInput body) {
        journeys.require(caller.workspaceId(), journeyId);
        return created(caller, "touchpoints", touchpoints.create(caller.workspaceId(), journeyId, body));
    }

    @Operation(summary = "One touchpoint, with its version as ETag")
    @GetMapping("/touchpoints/{id}")
    ResponseEntity<Touchpoint> touchpoint(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return item(touchpoints.get(caller.workspaceId(), id));
    }

    @Operation(summary = "Replace a touchpoint (fields left out are cleared); send If-Match or version")
    @PutMapping("/touchpoints/{id}")
    ResponseEntity<Touchpoint> updateTouchpoint(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                                @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                @Valid @RequestBody MapInputs.TouchpointInput body) {
        return item(touchpoints.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Change some fields of a touchpoint (JSON Merge Patch); send If-Match or version")
    @PatchMapping(path = "/touchpoints/{id}", consumes = MergePatch.MEDIA_TYPE)
    ResponseEntity<Touchpoint> patchTouchpoint(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch, @RequestBody JsonNode patch) {
        MapInputs.TouchpointInput body = patches.apply(touchpoints.get(caller.workspaceId(), id), patch, MapInputs.TouchpointInput.class);
        return item(touchpoints.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Delete a touchpoint")
    @DeleteMapping("/touchpoints/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTouchpoint(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        touchpoints.delete(caller.workspaceId(), id);
    }

    // --- insights

    @Operation(summary = "The journey's insights, in their order")
    @GetMapping("/journeys/{journeyId}/insights")
    List<Insight> insights(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID journeyId) {
        journeys.require(caller.workspaceId(), journeyId);
        return insights.list(caller.workspaceId(), journeyId);
    }

    @Operation(summary = "Add a insight to the journey; answers 201 with its Location and ETag")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/journeys/{journeyId}/insights")
    ResponseEntity<Insight> createInsight(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID journeyId,
                                          @Valid @RequestBody MapInputs.InsightInput body) {
        journeys.require(caller.workspaceId(), journeyId);
        return created(caller, "insights", insights.create(caller.workspaceId(), journeyId, body));
    }

    @Operation(summary = "One insight, with its version as ETag")
    @GetMapping("/insights/{id}")
    ResponseEntity<Insight> insight(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return item(insights.get(caller.workspaceId(), id));
    }

    @Operation(summary = "Replace a insight (fields left out are cleared); send If-Match or version")
    @PutMapping("/insights/{id}")
    ResponseEntity<Insight> updateInsight(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                          @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody MapInputs.InsightInput body) {
        return item(insights.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Change some fields of a insight (JSON Merge Patch); send If-Match or version")
    @PatchMapping(path = "/insights/{id}", consumes = MergePatch.MEDIA_TYPE)
    ResponseEntity<Insight> patchInsight(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch, @RequestBody JsonNode patch) {
        MapInputs.InsightInput body = patches.apply(insights.get(caller.workspaceId(), id), patch, MapInputs.InsightInput.class);
        return item(insights.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Delete a insight")
    @DeleteMapping("/insights/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteInsight(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        insights.delete(caller.workspaceId(), id);
    }

    // --- opportunities

    @Operation(summary = "The journey's opportunities, in their order")
    @GetMapping("/journeys/{journeyId}/opportunities")
    List<Opportunity> opportunities(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID journeyId) {
        journeys.require(caller.workspaceId(), journeyId);
        return opportunities.list(caller.workspaceId(), journeyId);
    }

    @Operation(summary = "Add a opportunity to the journey; answers 201 with its Location and ETag")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/journeys/{journeyId}/opportunities")
    ResponseEntity<Opportunity> createOpportunity(@AuthenticationPrincipal CurrentWorkspace caller,
                                                  @PathVariable UUID journeyId,
                                                  @Valid @RequestBody MapInputs.OpportunityInput body) {
        journeys.require(caller.workspaceId(), journeyId);
        return created(caller, "opportunities", opportunities.create(caller.workspaceId(), journeyId, body));
    }

    @Operation(summary = "One opportunity, with its version as ETag")
    @GetMapping("/opportunities/{id}")
    ResponseEntity<Opportunity> opportunity(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return item(opportunities.get(caller.workspaceId(), id));
    }

    @Operation(summary = "Replace a opportunity (fields left out are cleared); send If-Match or version")
    @PutMapping("/opportunities/{id}")
    ResponseEntity<Opportunity> updateOpportunity(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                                  @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                  @Valid @RequestBody MapInputs.OpportunityInput body) {
        return item(opportunities.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Change some fields of a opportunity (JSON Merge Patch); send If-Match or version")
    @PatchMapping(path = "/opportunities/{id}", consumes = MergePatch.MEDIA_TYPE)
    ResponseEntity<Opportunity> patchOpportunity(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch, @RequestBody JsonNode patch) {
        MapInputs.OpportunityInput body = patches.apply(opportunities.get(caller.workspaceId(), id), patch, MapInputs.OpportunityInput.class);
        return item(opportunities.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Delete a opportunity")
    @DeleteMapping("/opportunities/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteOpportunity(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        opportunities.delete(caller.workspaceId(), id);
    }

    // --- solutions

    @Operation(summary = "The opportunity's solutions, in their order")
    @GetMapping("/opportunities/{opportunityId}/solutions")
    List<Solution> solutions(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID opportunityId) {
        return solutions.list(caller.workspaceId(), opportunityId);
    }

    @Operation(summary = "Add a solution to the opportunity; answers 201 with its Location and ETag")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/opportunities/{opportunityId}/solutions")
    ResponseEntity<Solution> createSolution(@AuthenticationPrincipal CurrentWorkspace caller,
                                            @PathVariable UUID opportunityId,
                                            @Valid @RequestBody MapInputs.SolutionInput body) {
        return created(caller, "solutions", solutions.create(caller.workspaceId(), opportunityId, body));
    }

    @Operation(summary = "One solution, with its version as ETag")
    @GetMapping("/solutions/{id}")
    ResponseEntity<Solution> solution(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        return item(solutions.get(caller.workspaceId(), id));
    }

    @Operation(summary = "Replace a solution (fields left out are cleared); send If-Match or version")
    @PutMapping("/solutions/{id}")
    ResponseEntity<Solution> updateSolution(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                            @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody MapInputs.SolutionInput body) {
        return item(solutions.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Change some fields of a solution (JSON Merge Patch); send If-Match or version")
    @PatchMapping(path = "/solutions/{id}", consumes = MergePatch.MEDIA_TYPE)
    ResponseEntity<Solution> patchSolution(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch, @RequestBody JsonNode patch) {
        MapInputs.SolutionInput body = patches.apply(solutions.get(caller.workspaceId(), id), patch, MapInputs.SolutionInput.class);
        return item(solutions.update(caller.workspaceId(), id, expected(ifMatch, body), body));
    }

    @Operation(summary = "Delete a solution")
    @DeleteMapping("/solutions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteSolution(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        solutions.delete(caller.workspaceId(), id);
    }

    /** 201 with the new item, its ETag and where it lives: {@code /api/workspaces/<slug>/<collection>/<id>}. */
    private static <T extends Versioned> ResponseEntity<T> created(CurrentWorkspace caller, String collection, T item) {
        return Responses.created("/api/workspaces/" + caller.slug() + "/" + collection + "/{id}", item.id(), item,
                item.version());
    }

    private static <T extends Versioned> ResponseEntity<T> item(T item) {
        return Responses.item(item, item.version());
    }

    /** The version an edit expects: the If-Match header's, else the body's. */
    private static long expected(String ifMatch, MapInputs.Edit body) {
        return ExpectedVersion.resolve(ifMatch, body.version());
    }
}
