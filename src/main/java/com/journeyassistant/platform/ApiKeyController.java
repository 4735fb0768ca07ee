package com.journeyassistant.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.support.TransactionTemplate;

@Tag(name = "API keys", description = "Workspace keys and their roles (admin only)")
@RestController
@RequestMapping("/api/workspaces/{ws}/api-keys")
class ApiKeyController {

    record NewApiKey(@NotBlank @Size(max = 200) String name, @NotNull Role role) {
    }

    private final Workspaces workspaces;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    ApiKeyController(Workspaces workspaces, AuditTrail audit, TransactionTemplate transactions) {
        this.workspaces = workspaces;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Operation(operationId = "listApiKeys", summary = "List the workspace's keys (never their secrets)")
    @GetMapping
    List<Workspaces.ApiKey> list(@AuthenticationPrincipal CurrentWorkspace caller) {
        return workspaces.keys(caller.workspaceId());
    }

    @Operation(operationId = "createApiKey", summary = "Create a key; the secret is in this response only")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Workspaces.IssuedKey create(@AuthenticationPrincipal CurrentWorkspace caller, @Valid @RequestBody NewApiKey body) {
        return transactions.execute(status -> {
            Workspaces.IssuedKey issued = workspaces.issueKey(caller.workspaceId(), body.name(), body.role());
            audit.record(caller, "api-key.created", "api-key", issued.key().id(),
                    issued.key().name() + " (" + issued.key().role() + ")");
            return issued;
        });
    }

    @Operation(summary = "Revoke a key; the last active admin key cannot be revoked")
    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID keyId) {
        List<Workspaces.ApiKey> activeAdmins = workspaces.keys(caller.workspaceId()).stream()
                .filter(k -> k.revokedAt() == null && k.role() == Role.ADMIN)
                .toList();
        if (activeAdmins.size() == 1 && activeAdmins.get(0).id().equals(keyId)) {
            throw ApiProblemException.conflict("this is the workspace's last active admin key; create another admin key first");
        }
        transactions.executeWithoutResult(status -> {
            workspaces.revokeKey(caller.workspaceId(), keyId);
            audit.record(caller, "api-key.revoked", "api-key", keyId, null);
        });
    }
}
