package com.journeyassistant.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administration of the service while it runs, for its operators rather than a workspace's people: create, list,
 * disable and enable workspaces, and give one a key or invite a person. Answers only to the operator key
 * ({@code JOURNEY_OPERATOR_KEY}); without one configured, the operator API is off (404).
 */
@Tag(name = "Operator", description = "Workspaces, their keys and people, for the service's operators")
@RestController
@RequestMapping("/api/operator/workspaces")
class OperatorController {

    record NewWorkspace(@NotBlank @Size(max = 63) String slug, @NotBlank @Size(max = 200) String name) {
    }

    record CreatedWorkspace(Workspaces.Workspace workspace, Workspaces.IssuedKey adminKey) {
    }

    record NewKey(@NotBlank @Size(max = 200) String name, @NotNull Role role) {
    }

    record NewPerson(@NotBlank @Size(max = 320) String email, @NotNull Role role) {
    }

    record Invited(String email, Role role, String token, Instant expiresAt) {
    }

    static final int MIN_KEY_LENGTH = 24;

    private final Workspaces workspaces;
    private final Users users;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;
    private final byte[] operatorKeyHash;

    OperatorController(Workspaces workspaces, Users users, AuditTrail audit, TransactionTemplate transactions,
                       ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions,
                       @Value("${journey.operator.key:}") String operatorKey) {
        this.workspaces = workspaces;
        this.sessions = sessions;
        this.users = users;
        this.audit = audit;
        this.transactions = transactions;
        if (!operatorKey.isBlank() && operatorKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("JOURNEY_OPERATOR_KEY must have at least " + MIN_KEY_LENGTH + " characters");
        }
        this.operatorKeyHash = operatorKey.isBlank() ? null : Sha256.hex(operatorKey).getBytes(StandardCharsets.UTF_8);
    }

    @Operation(operationId = "createWorkspace", summary = "Create a workspace with its first admin key (shown once)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedWorkspace create(HttpServletRequest request, @Valid @RequestBody NewWorkspace body) {
        return asOperator(request, () -> transactions.execute(status -> {
            Workspaces.Workspace workspace = workspaces.create(body.slug(), body.name());
            Workspaces.IssuedKey key = workspaces.issueKey(workspace.id(), "admin (created by operator)", Role.ADMIN);
            audit.recordSystem(workspace.id(), "operator", "workspace.created", "workspace", workspace.slug(), null);
            return new CreatedWorkspace(workspace, key);
        }));
    }

    @Operation(operationId = "listWorkspaces", summary = "Every workspace, with its active keys and people counted")
    @GetMapping
    List<Workspaces.Listed> list(HttpServletRequest request) {
        return asOperator(request, workspaces::list);
    }

    @Operation(operationId = "disableWorkspace", summary = "Disable a workspace: its keys and people are refused;"
            + " nothing is deleted")
    @PostMapping("/{slug}/disable")
    Workspaces.Listed disable(HttpServletRequest request, @PathVariable String slug) {
        return setDisabled(request, slug, true);
    }

    @Operation(operationId = "enableWorkspace", summary = "Enable a disabled workspace again")
    @PostMapping("/{slug}/enable")
    Workspaces.Listed enable(HttpServletRequest request, @PathVariable String slug) {
        return setDisabled(request, slug, false);
    }

    @Operation(operationId = "createWorkspaceKey", summary = "Give a workspace a new API key (shown once)")
    @PostMapping("/{slug}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    Workspaces.IssuedKey key(HttpServletRequest request, @PathVariable String slug, @Valid @RequestBody NewKey body) {
        return asOperator(request, () -> {
            Workspaces.Workspace workspace = workspace(slug);
            return transactions.execute(status -> {
                Workspaces.IssuedKey key = workspaces.issueKey(workspace.id(), body.name(), body.role());
                audit.recordSystem(workspace.id(), "operator", "api-key.created", "api-key", key.key().id(),
                        body.name() + " (" + body.role() + ")");
                return key;
            });
        });
    }

    @Operation(operationId = "invitePerson", summary = "Invite a person to a workspace: a one-time token for"
            + " /invite/{token}, valid for seven days")
    @PostMapping("/{slug}/users")
    @ResponseStatus(HttpStatus.CREATED)
    Invited invite(HttpServletRequest request, @PathVariable String slug, @Valid @RequestBody NewPerson body) {
        return asOperator(request, () -> {
            Workspaces.Workspace workspace = workspace(slug);
            return transactions.execute(status -> {
                Users.Invitation invitation = users.invite(workspace.id(), body.email(), body.role());
                audit.recordSystem(workspace.id(), "operator", "user.invited", "user", invitation.user().id(),
                        invitation.user().email() + " (" + body.role() + ")");
                return new Invited(invitation.user().email(), body.role(), invitation.token(),
                        invitation.expiresAt());
            });
        });
    }

    private Workspaces.Listed setDisabled(HttpServletRequest request, String slug, boolean disabled) {
        return asOperator(request, () -> {
            Workspaces.Listed changed = transactions.execute(status -> {
                Workspaces.Listed listed = workspaces.setDisabled(slug, disabled);
                audit.recordSystem(listed.id(), "operator", disabled ? "workspace.disabled" : "workspace.enabled",
                        "workspace", slug, null);
                return listed;
            });
            if (disabled) {
                // its people are signed out now, not when their sessions would have run out
                sessions.ifAvailable(repository -> users.list(changed.id()).forEach(user ->
                        repository.findByPrincipalName(user.email()).keySet().forEach(repository::deleteById)));
            }
            return changed;
        });
    }

    private Workspaces.Workspace workspace(String slug) {
        return workspaces.findBySlug(slug).orElseThrow(() -> ApiProblemException.notFound("Workspace", slug));
    }

    /** The operator key checked, then the work, which spans every workspace (the tenant walls let it). */
    private <T> T asOperator(HttpServletRequest request, Supplier<T> work) {
        operator(request);
        return TenantScope.acrossWorkspaces("the operator API", work);
    }

    /** 404 while the operator API is off, 401 without the operator key; compared in constant time. */
    private void operator(HttpServletRequest request) {
        if (operatorKeyHash == null) {
            throw new ApiProblemException(HttpStatus.NOT_FOUND, "Operator API is off",
                    "Set JOURNEY_OPERATOR_KEY to use the operator API", List.of());
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : "";
        byte[] presentedHash = Sha256.hex(presented).getBytes(StandardCharsets.UTF_8);
        if (presented.isEmpty() || !MessageDigest.isEqual(presentedHash, operatorKeyHash)) {
            throw new ApiProblemException(HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "Send the operator key as Authorization: Bearer <operator key>", List.of());
        }
    }
}
