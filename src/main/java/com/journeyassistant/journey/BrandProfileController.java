package com.journeyassistant.journey;

import static com.journeyassistant.journey.Responses.item;

import com.journeyassistant.journey.MapModels.BrandProfile;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.ExpectedVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Brand profile", description = "Voice, words to use and avoid, mandatory phrases, default language")
@RestController
@RequestMapping("/api/workspaces/{ws}/brand-profile")
class BrandProfileController {

    private final BrandProfiles brandProfiles;

    BrandProfileController(BrandProfiles brandProfiles) {
        this.brandProfiles = brandProfiles;
    }

    @Operation(operationId = "getBrandProfile", summary = "The brand profile; version 0 means none has been saved yet")
    @GetMapping
    ResponseEntity<BrandProfile> get(@AuthenticationPrincipal CurrentWorkspace caller) {
        BrandProfile profile = brandProfiles.get(caller.workspaceId());
        return item(profile, profile.version());
    }

    @Operation(summary = "Replace the brand profile (admin); send If-Match or version (0 for the first save)")
    @PutMapping
    ResponseEntity<BrandProfile> put(@AuthenticationPrincipal CurrentWorkspace caller,
                                     @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody MapInputs.BrandProfileInput body) {
        long expected = ExpectedVersion.resolve(ifMatch, body.version());
        BrandProfile profile = brandProfiles.put(caller.workspaceId(), expected, body, caller.apiKeyName());
        return item(profile, profile.version());
    }
}
