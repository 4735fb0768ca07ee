/**
 * Cross-cutting platform: workspaces (the tenant), API keys and roles, the authenticated
 * {@link com.journeyassistant.platform.CurrentWorkspace}, RFC 9457 problem responses and
 * request limits. Feature modules depend on it; it depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform",
        allowedDependencies = {})
package com.journeyassistant.platform;
