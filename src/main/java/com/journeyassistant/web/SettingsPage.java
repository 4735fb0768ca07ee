package com.journeyassistant.web;

import com.journeyassistant.journey.BrandProfiles;
import com.journeyassistant.journey.Language;
import com.journeyassistant.journey.MapModels.BrandProfile;
import com.journeyassistant.model.LanguageModel;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.WorkspaceUser;
import com.journeyassistant.platform.Workspaces;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workspace's settings: the brand profile the assistant writes in (admins edit it), the
 * language model's status with a test call, and (admins) the API keys of integrations.
 */
@Controller
class SettingsPage {

    /** The brand profile as its form shows it: lists one entry a line. */
    record BrandForm(String tone, String wordsToUse, String wordsToAvoid, String mandatoryPhrases, String language,
                     long version) {
        static BrandForm of(BrandProfile profile) {
            return new BrandForm(profile.tone(), String.join("\n", profile.wordsToUse()),
                    String.join("\n", profile.wordsToAvoid()), String.join("\n", profile.mandatoryPhrases()),
                    profile.defaultLanguage().name(), profile.version());
        }
    }

    private final BrandProfiles brandProfiles;
    private final LanguageModel model;
    private final Workspaces workspaces;
    private final MessageSource messages;

    private final OnceOnly once;

    SettingsPage(BrandProfiles brandProfiles, LanguageModel model, Workspaces workspaces, MessageSource messages,
                 OnceOnly once) {
        this.once = once;
        this.brandProfiles = brandProfiles;
        this.model = model;
        this.workspaces = workspaces;
        this.messages = messages;
    }

    @GetMapping("/settings")
    String settings(@AuthenticationPrincipal WorkspaceUser user, Model model) {
        fill(user, BrandForm.of(brandProfiles.get(user.workspace().workspaceId())), model);
        return "settings";
    }

    @PostMapping("/settings/brand")
    String saveBrand(@AuthenticationPrincipal WorkspaceUser user, @RequestParam(defaultValue = "") String tone,
                     @RequestParam(defaultValue = "") String wordsToUse,
                     @RequestParam(defaultValue = "") String wordsToAvoid,
                     @RequestParam(defaultValue = "") String mandatoryPhrases,
                     @RequestParam(defaultValue = "NL") String language, @RequestParam long version, Model model,
                     HttpServletResponse response) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.ADMIN);
        BrandForm typed = new BrandForm(tone, wordsToUse, wordsToAvoid, mandatoryPhrases, language, version);
        try {
            brandProfiles.save(caller.workspaceId(), version, tone.strip(), FormText.lines(wordsToUse),
                    FormText.lines(wordsToAvoid), FormText.lines(mandatoryPhrases),
                    language.equals("EN") ? Language.EN : Language.NL, caller.apiKeyName());
            return "redirect:/settings?saved";
        } catch (ApiProblemException problem) {
            if (problem.status() == HttpStatus.CONFLICT) {
                model.addAttribute("brandConflict", true);
                BrandProfile now = brandProfiles.get(caller.workspaceId());
                typed = new BrandForm(tone, wordsToUse, wordsToAvoid, mandatoryPhrases, language, now.version());
            } else if (problem.status() == HttpStatus.BAD_REQUEST) {
                model.addAttribute("brandErrors", problem.errors().stream()
                        .map(ApiProblemException.FieldError::field).toList());
            } else {
                throw problem;
            }
            response.setStatus(problem.status().value());
            fill(user, typed, model);
            return "settings";
        }
    }

    /** One short call to the model, to see that it answers and how fast (admins: it costs a few tokens). */
    @PostMapping("/settings/model-test")
    String testModel(@AuthenticationPrincipal WorkspaceUser user, Locale locale, Model model) {
        user.workspace().requireRole(Role.ADMIN);
        long started = System.nanoTime();
        try {
            LanguageModel.Answer answer = this.model.ping();
            model.addAttribute("modelTest", messages.getMessage("settings.model.ok", new Object[] {
                    (System.nanoTime() - started) / 1_000_000, answer.inputTokens() + answer.outputTokens()}, locale));
        } catch (ApiProblemException problem) {
            model.addAttribute("modelProblem", messages.getMessage("chat.problem." + problem.status().value(),
                    new Object[] {problem.getMessage()}, problem.title() + ": " + problem.getMessage(), locale));
        }
        fill(user, BrandForm.of(brandProfiles.get(user.workspace().workspaceId())), model);
        return "settings";
    }

    @PostMapping("/settings/keys")
    String createKey(@AuthenticationPrincipal WorkspaceUser user, @RequestParam(defaultValue = "") String name,
                     @RequestParam(defaultValue = "VIEWER") String role,
                     @RequestParam(name = OnceOnly.FIELD, required = false) String submission, Model model) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.ADMIN);
        if (name.isBlank() || name.length() > 100) {
            throw ApiProblemException.invalid("name", "must be 1 to 100 characters");
        }
        Role chosen;
        try {
            chosen = Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("role", "must be VIEWER, EDITOR or ADMIN");
        }
        Workspaces.IssuedKey[] issued = new Workspaces.IssuedKey[1];
        // a second submit of the form makes no second key, and cannot show the first one's secret again
        String made = once.remember(caller, submission, () -> {
            issued[0] = workspaces.issueKey(caller.workspaceId(), name.strip(), chosen);
            return issued[0].key().name();
        });
        if (issued[0] != null) {
            model.addAttribute("issued", issued[0]);
        } else {
            model.addAttribute("issuedBefore", made);
        }
        fill(user, BrandForm.of(brandProfiles.get(caller.workspaceId())), model);
        return "settings";
    }

    @PostMapping("/settings/keys/{keyId}/revoke")
    String revokeKey(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID keyId) {
        CurrentWorkspace caller = user.workspace();
        caller.requireRole(Role.ADMIN);
        workspaces.revokeKey(caller.workspaceId(), keyId);
        return "redirect:/settings#keys";
    }

    private void fill(WorkspaceUser user, BrandForm brand, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("brand", brand);
        model.addAttribute("modelConfigured", this.model.configured());
        model.addAttribute("modelName", this.model.name());
        model.addAttribute("modelEndpoint", this.model.endpoint());
        model.addAttribute("roles", Role.values());
        if (!model.containsAttribute("brandErrors")) {
            model.addAttribute("brandErrors", List.of());
        }
        if (user.workspace().hasRole(Role.ADMIN)) {
            model.addAttribute("keys", workspaces.keys(user.workspace().workspaceId()));
        }
    }
}
