package com.journeyassistant.web;

import com.journeyassistant.journey.Journeys;
import com.journeyassistant.platform.WorkspaceUser;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The pages of the web workspace. The workspace is always the signed-in person's. */
@Controller
class Pages {

    private final Journeys journeys;
    private final JourneyCanvas canvas;

    Pages(Journeys journeys, JourneyCanvas canvas) {
        this.journeys = journeys;
        this.canvas = canvas;
    }

    @GetMapping("/login")
    String signIn() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/journeys";
    }

    @GetMapping("/journeys")
    String journeys(@AuthenticationPrincipal WorkspaceUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("journeys", journeys.list(user.workspace().workspaceId()));
        model.addAttribute("form", JourneyForms.NewJourneyForm.empty());
        model.addAttribute("errors", java.util.List.of());
        return "journeys";
    }

    @GetMapping("/journeys/{id}")
    String canvas(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("canvas", canvas.of(user.workspace(), id));
        return "canvas";
    }
}
