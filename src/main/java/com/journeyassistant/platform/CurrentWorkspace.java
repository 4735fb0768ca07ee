package com.journeyassistant.platform;

import java.util.UUID;

/**
 * The authenticated caller: the workspace its API key belongs to, and the key's role.
 * This is the only source of the workspace for any query; never take it from a request body.
 * Controllers receive it with {@code @AuthenticationPrincipal CurrentWorkspace caller}.
 */
public record CurrentWorkspace(UUID workspaceId, String slug, Role role, UUID apiKeyId, String apiKeyName) {
}
