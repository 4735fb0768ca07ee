package com.journeyassistant.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Audit trail", description = "Who did what and when in the workspace (admin only)")
@RestController
@RequestMapping("/api/workspaces/{ws}/audit")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @Operation(operationId = "readAuditTrail", summary = "The workspace's audit events, newest first",
            description = "Imports, reviews of suggestions, confirmed proposals, key, user and brand profile changes,"
                    + " exports. Kept for journey.audit.retention (365 days by default).")
    @GetMapping
    AuditTrail.Page read(@AuthenticationPrincipal CurrentWorkspace caller,
                         @Parameter(description = "only this action, such as evidence.imported")
                         @RequestParam(required = false) String action,
                         @Parameter(description = "only this key's name or person's e-mail")
                         @RequestParam(required = false) String actor,
                         @Parameter(description = "from this moment on (2026-11-01T00:00:00Z)")
                         @RequestParam(required = false) Instant from,
                         @Parameter(description = "before this moment") @RequestParam(required = false) Instant to,
                         @RequestParam(defaultValue = "50") int limit,
                         @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 500) {
            throw ApiProblemException.invalid("limit", "must be from 1 to 500");
        }
        if (offset < 0) {
            throw ApiProblemException.invalid("offset", "must be 0 or more");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblemException.invalid("from", "must be before 'to'");
        }
        return trail.read(caller.workspaceId(), new AuditTrail.Filter(action, actor, from, to), limit, offset);
    }
}
