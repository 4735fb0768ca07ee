package com.journeyassistant.platform;

import java.util.UUID;

/**
 * The authenticated caller: the workspace its API key belongs to, and the key's role.
 * This is the only source of the workspace for any query; never take it from a request body.
 * Controllers receive it with {@code @AuthenticationPrincipal CurrentWorkspace caller}.
 */
public record CurrentWorkspace(UUID workspaceId, String slug, Role role, UUID apiKeyId, String apiKeyName) {

    /** Whether the key's role is {@code needed} or includes it. */
    public boolean hasRole(Role needed) {
        return role.compareTo(needed) >= 0;
    }

    /** 403 unless the key's role is {@code needed} or includes it. */
    public void requireRole(Role needed) {
        if (!hasRole(needed)) {
            throw new ApiProblemException(org.springframework.http.HttpStatus.FORBIDDEN, "Forbidden",
                    "This API key's role may not do this; ask a workspace admin for a key with more rights",
                    java.util.List.of());
        }
    }
}
