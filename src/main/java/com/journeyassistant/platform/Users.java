package com.journeyassistant.platform;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People who sign in to the web workspace, one workspace each, with the same roles as API keys.
 * Passwords are stored as BCrypt hashes only.
 */
@Service
public class Users {

    /** {@code invited}: the invitation is not used yet, so the user has no password. */
    public record User(UUID id, UUID workspaceId, String email, Role role, boolean disabled, boolean invited,
                       Instant createdAt) {
    }

    /** What signing in needs to know about an e-mail address. */
    record Account(UUID id, UUID workspaceId, String slug, String email, Role role, String passwordHash,
                   boolean disabled) {
    }

    /** A one-time link's secret, shown once; only its hash is stored. */
    public record Invitation(User user, String token, Instant expiresAt) {
    }

    static final int MIN_PASSWORD = 12;
    static final java.time.Duration INVITATION_VALID = java.time.Duration.ofDays(7);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final PasswordEncoder PASSWORDS = new BCryptPasswordEncoder();

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The user with this e-mail address gets this password, role and workspace, and is enabled:
     * created when missing. For the demo user, whose password is set at every start.
     */
    @Transactional
    public User ensure(UUID workspaceId, String email, String password, Role role) {
        String address = normalised(email);
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiProblemException.invalid("password", "must have at least " + MIN_PASSWORD + " characters");
        }
        String hash = PASSWORDS.encode(password);
        int updated = jdbc.sql("""
                        update app_user set workspace_id = ?, password_hash = ?, role = ?, disabled = false,
                            invite_token_hash = null, invite_expires_at = null
                        where email = ?""")
                .params(workspaceId, hash, role.name(), address).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into app_user (id, workspace_id, email, password_hash, role, disabled, created_at)
                            values (?, ?, ?, ?, ?, false, ?)""")
                    .params(UUID.randomUUID(), workspaceId, address, hash, role.name(),
                            OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS))
                    .update();
        }
        return find(address).orElseThrow();
    }

    /** The workspace's users, by e-mail address. */
    public java.util.List<User> list(UUID workspaceId) {
        return jdbc.sql("""
                        select id, workspace_id, email, role, disabled, password_hash is null as invited, created_at from app_user
                        where workspace_id = ? order by email""")
                .param(workspaceId).query(Users::user).list();
    }

    /**
     * Invites a person to the workspace with a role: they set their own password through a
     * one-time link valid for seven days. 409 when the address already belongs to a user.
     */
    @Transactional
    public Invitation invite(UUID workspaceId, String email, Role role) {
        String address = normalised(email);
        // an address is one person's in all workspaces
        if (TenantScope.acrossWorkspaces("an address is one person's in all workspaces", () -> find(address)).isPresent()) {
            throw ApiProblemException.conflict("There is already a user with the address " + address);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                        insert into app_user (id, workspace_id, email, role, disabled, invite_token_hash,
                            invite_expires_at, created_at) values (?, ?, ?, ?, false, ?, ?, ?)""")
                .params(UUID.randomUUID(), workspaceId, address, role.name(), Sha256.hex(token),
                        now.plus(INVITATION_VALID), now)
                .update();
        return new Invitation(find(address).orElseThrow(), token, now.plus(INVITATION_VALID).toInstant());
    }

    /** The address an open invitation is for; empty when the link is unknown, used or expired. */
    public Optional<String> invited(String token) {
        return TenantScope.acrossWorkspaces("an invitation link", () -> jdbc.sql("""
                        select email from app_user where invite_token_hash = ? and invite_expires_at > ?
                        and disabled = false""")
                .params(Sha256.hex(token), OffsetDateTime.now(ZoneOffset.UTC)).query(String.class).optional());
    }

    /** Sets the invited person's password and uses the link up; 404 when it is unknown, used or expired. */
    @Transactional
    public void accept(String token, String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiProblemException.invalid("password", "must have at least " + MIN_PASSWORD + " characters");
        }
        int accepted = TenantScope.acrossWorkspaces("accepting an invitation", () -> jdbc.sql("""
                        update app_user set password_hash = ?, invite_token_hash = null, invite_expires_at = null
                        where invite_token_hash = ? and invite_expires_at > ? and disabled = false""")
                .params(PASSWORDS.encode(password), Sha256.hex(token), OffsetDateTime.now(ZoneOffset.UTC)).update());
        if (accepted == 0) {
            throw ApiProblemException.notFound("Invitation", "(this link)");
        }
    }

    /** Disables or enables a user of the workspace; a disabled user cannot sign in. 404 for anyone else's. */
    @Transactional
    public User setDisabled(UUID workspaceId, UUID userId, boolean disabled) {
        int changed = jdbc.sql("update app_user set disabled = ? where workspace_id = ? and id = ?")
                .params(disabled, workspaceId, userId).update();
        if (changed == 0) {
            throw ApiProblemException.notFound("User", userId);
        }
        return jdbc.sql("select id, workspace_id, email, role, disabled, password_hash is null as invited, created_at from app_user where id = ?")
                .param(userId).query(Users::user).single();
    }

    public Optional<User> find(String email) {
        return jdbc.sql("select id, workspace_id, email, role, disabled, password_hash is null as invited, created_at from app_user where email = ?")
                .param(normalised(email)).query(Users::user).optional();
    }

    private static User user(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getString("email"), Role.valueOf(rs.getString("role")), rs.getBoolean("disabled"),
                rs.getBoolean("invited"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /** The person signing in, whichever workspace they belong to. */
    Optional<Account> account(String email) {
        return TenantScope.acrossWorkspaces("signing in", () -> jdbc.sql("""
                        select u.id, u.workspace_id, w.slug, u.email, u.role, u.password_hash,
                               u.disabled or w.disabled_at is not null as disabled
                        from app_user u join workspace w on w.id = u.workspace_id where u.email = ?""")
                .param(normalised(email))
                .query((rs, n) -> new Account(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                        rs.getString("slug"), rs.getString("email"), Role.valueOf(rs.getString("role")),
                        rs.getString("password_hash"), rs.getBoolean("disabled")))
                .optional());
    }

    static PasswordEncoder passwords() {
        return PASSWORDS;
    }

    private static String normalised(String email) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 320 || !address.matches("[^@\\s]+@[^@\\s]+")) {
            throw ApiProblemException.invalid("email", "must be an e-mail address");
        }
        return address;
    }
}
