package com.journeyassistant.web;

import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.AuditTrail;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Users;
import com.journeyassistant.platform.WorkspaceUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The workspace's people (admins): invite someone with a role through a one-time link, shown
 * once; disable a user, which also ends their sessions. The invited person sets their own
 * password at the link.
 */
@Controller
class UserAdmin {

    private final Users users;
    /** Absent when the application runs without a web server (the admin command). */
    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;

    private final AuditTrail audit;

    UserAdmin(Users users, ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions,
              AuditTrail audit) {
        this.audit = audit;
        this.users = users;
        this.sessions = sessions;
    }

    @GetMapping("/settings/users")
    String list(@AuthenticationPrincipal WorkspaceUser user, Model model) {
        return page(user, admin(user), model);
    }

    @PostMapping("/settings/users/invite")
    String invite(@AuthenticationPrincipal WorkspaceUser user, @RequestParam String email, @RequestParam Role role,
                  Model model, HttpServletResponse response) {
        CurrentWorkspace caller = admin(user);
        try {
            Users.Invitation invitation = users.invite(caller.workspaceId(), email, role);
            audit.record(caller, "user.invited", "user", invitation.user().id(), invitation.user().email() + " ("
                    + role + ")");
            model.addAttribute("invitation", invitation);
            model.addAttribute("expires", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(java.time.ZoneOffset.UTC).format(invitation.expiresAt()) + " UTC");
            model.addAttribute("link", ServletUriComponentsBuilder.fromCurrentContextPath()
                    .path("/invite/{token}").buildAndExpand(invitation.token()).toUriString());
        } catch (ApiProblemException problem) {
            if (problem.status() != HttpStatus.BAD_REQUEST && problem.status() != HttpStatus.CONFLICT) {
                throw problem;
            }
            response.setStatus(problem.status().value());
            model.addAttribute("inviteError", problem.status() == HttpStatus.CONFLICT ? "taken" : "address");
            model.addAttribute("email", email);
        }
        return page(user, caller, model);
    }

    @PostMapping("/settings/users/{id}/disabled")
    String disable(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @RequestParam boolean disabled) {
        CurrentWorkspace caller = admin(user);
        if (disabled && id.equals(caller.apiKeyId())) {
            throw ApiProblemException.invalid("id", "you cannot disable yourself");
        }
        Users.User changed = users.setDisabled(caller.workspaceId(), id, disabled);
        audit.record(caller, disabled ? "user.disabled" : "user.enabled", "user", id, changed.email());
        if (disabled) {
            sessions.ifAvailable(repository ->
                    repository.findByPrincipalName(changed.email()).keySet().forEach(repository::deleteById));
        }
        return "redirect:/settings/users";
    }

    @GetMapping("/invite/{token}")
    String invitation(@PathVariable String token, Model model) {
        model.addAttribute("email", users.invited(token)
                .orElseThrow(() -> ApiProblemException.notFound("Invitation", "(this link)")));
        model.addAttribute("token", token);
        return "invite";
    }

    @PostMapping("/invite/{token}")
    String accept(@PathVariable String token, @RequestParam String password, Model model,
                  HttpServletResponse response) {
        try {
            users.accept(token, password);
            return "redirect:/login?welcome";
        } catch (ApiProblemException problem) {
            if (problem.status() != HttpStatus.BAD_REQUEST) {
                throw problem;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("email", users.invited(token).orElse(""));
            model.addAttribute("token", token);
            model.addAttribute("passwordError", true);
            return "invite";
        }
    }

    private String page(WorkspaceUser user, CurrentWorkspace caller, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("users", users.list(caller.workspaceId()));
        model.addAttribute("roles", Role.values());
        return "users";
    }

    private static CurrentWorkspace admin(WorkspaceUser user) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.ADMIN);
        return caller;
    }
}
