package com.journeyassistant.platform;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A person signed in to the web workspace. Kept in the (database-stored) session, so it holds
 * plain values only; {@link #workspace()} is the same caller the API hands its controllers, and
 * the only source of the workspace for any page.
 */
public final class WorkspaceUser implements UserDetails, CredentialsContainer, Serializable {

    private static final long serialVersionUID = 1L;

    private final UUID userId;
    private final UUID workspaceId;
    private final String slug;
    private final String email;
    private final Role role;
    private final boolean enabled;
    private final boolean locked;
    private String passwordHash;

    WorkspaceUser(Users.Account account, boolean locked) {
        this.userId = account.id();
        this.workspaceId = account.workspaceId();
        this.slug = account.slug();
        this.email = account.email();
        this.role = account.role();
        this.enabled = !account.disabled() && account.passwordHash() != null;
        this.locked = locked;
        this.passwordHash = account.passwordHash() == null ? "" : account.passwordHash();
    }

    /** The signed-in person as the caller of the other modules: the key fields name the user. */
    public CurrentWorkspace workspace() {
        return new CurrentWorkspace(workspaceId, slug, role, userId, email);
    }

    public String email() {
        return email;
    }

    public Role role() {
        return role;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
