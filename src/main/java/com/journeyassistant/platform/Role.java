package com.journeyassistant.platform;

/** What an API key may do in its workspace. Each role includes the ones before it. */
public enum Role {
    /** Read the map, evidence and suggestions. */
    VIEWER,
    /** Also write the map and evidence, and run generation. */
    EDITOR,
    /** Also manage API keys and the brand profile. */
    ADMIN;

    String authority() {
        return "ROLE_" + name();
    }
}
