package com.journeyassistant.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Usage", description = "What the workspace spends on the model, against its quotas (admin only)")
@RestController
@RequestMapping("/api/workspaces/{ws}/usage")
class UsageController {

    private final Quotas quotas;

    UsageController(Quotas quotas) {
        this.quotas = quotas;
    }

    @Operation(operationId = "readUsage", summary = "Model requests and tokens today (UTC) by key or person, the last"
            + " seven days, and the limits in force")
    @GetMapping
    Quotas.Usage usage(@AuthenticationPrincipal CurrentWorkspace caller) {
        return quotas.usage(caller.workspaceId());
    }
}
