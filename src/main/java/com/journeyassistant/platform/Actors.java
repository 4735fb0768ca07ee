package com.journeyassistant.platform;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is making the current request, as changes record it: a person's e-mail, or "key:" and an API key's name. */
public final class Actors {

    private Actors() {
    }

    /** Null outside a request (start-up seeding, background work). */
    public static String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Object principal = authentication == null ? null : authentication.getPrincipal();
        if (principal instanceof WorkspaceUser user) {
            return user.email();
        }
        if (principal instanceof CurrentWorkspace key) {
            return "key:" + key.apiKeyName();
        }
        return null;
    }
}
