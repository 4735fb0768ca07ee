package com.journeyassistant.journey;

import static com.journeyassistant.journey.Responses.created;
import static com.journeyassistant.journey.Responses.item;

import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.platform.AuditTrail;
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

@Tag(name = "Journeys", description = "Journey maps, and a whole map as one JSON document")
@RestController
@RequestMapping("/api/workspaces/{ws}/journeys")
class JourneyController {

    private final Journeys journeys;
    private final JourneyDocuments documents;
    private final MergePatch patches;
    private final AuditTrail audit;

    JourneyController(Journeys journeys, JourneyDocuments documents, MergePatch patches, AuditTrail audit) {
        this.audit = audit;
        this.patches = patches;
        this.journeys = journeys;
        this.documents = documents;
    }

    @Operation(operationId = "listJourneys", summary = "The workspace's journeys")
    @GetMapping
    List<Journey> list(@AuthenticationPrincipal CurrentWorkspace caller) {
        return journeys.list(caller.workspaceId());
    }

    @Operation(operationId = "createJourney", summary = "Create a journey; its stages come from the stage model (FIVE_STAGE by default) or customStages")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<Journey> create(@AuthenticationPrincipal CurrentWorkspace caller,
                                   @Valid @RequestBody MapInputs.NewJourney body) {
        Journey journey = journeys.create(caller.workspaceId(), body);
        return created("/api/workspaces/" + caller.slug() + "/journeys/{id}", journey.id(), journey, journey.version());
    }

    @Operation(operationId = "getJourney", summary = "One journey, with its version as ETag")
    @GetMapping("/{id}")
    ResponseEntity<Journey> get(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        Journey journey = journeys.get(caller.workspaceId(), id);
        return item(journey, journey.version());
    }

    @Operation(operationId = "updateJourney", summary = "Replace name, description and language (fields left out are cleared); send If-Match or version")
    @PutMapping("/{id}")
    ResponseEntity<Journey> update(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                   @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @Valid @RequestBody MapInputs.JourneyUpdate body) {
        long expected = ExpectedVersion.resolve(ifMatch, body.version());
        Journey journey = journeys.update(caller.workspaceId(), id, expected, body);
        return item(journey, journey.version());
    }

    @Operation(operationId = "patchJourney", summary = "Change some of name, description and language (JSON Merge Patch); send If-Match or version")
    @PatchMapping(path = "/{id}", consumes = MergePatch.MEDIA_TYPE)
    ResponseEntity<Journey> patch(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                  @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                  @RequestBody JsonNode patch) {
        MapInputs.JourneyUpdate body = patches.apply(journeys.get(caller.workspaceId(), id), patch,
                MapInputs.JourneyUpdate.class);
        Journey journey = journeys.update(caller.workspaceId(), id, ExpectedVersion.resolve(ifMatch, body.version()),
                body);
        return item(journey, journey.version());
    }

    @Operation(operationId = "deleteJourney", summary = "Delete a journey with everything on its map")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        journeys.delete(caller.workspaceId(), id);
    }

    @Operation(operationId = "exportJourney", summary = "The whole map as one JSON document; items reference each other by document-local refs")
    @GetMapping("/{id}/export")
    JourneyDocument export(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        JourneyDocument document = documents.export(caller.workspaceId(), id);
        audit.record(caller, "journey.exported", "journey", id, null);
        return document;
    }

    @Operation(summary = "Create a new journey from an exported document, all or nothing")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/import")
    ResponseEntity<Journey> importMap(@AuthenticationPrincipal CurrentWorkspace caller,
                                      @Valid @RequestBody JourneyDocument body) {
        Journey journey = documents.importDocument(caller.workspaceId(), body);
        return created("/api/workspaces/" + caller.slug() + "/journeys/{id}", journey.id(), journey, journey.version());
    }
}
