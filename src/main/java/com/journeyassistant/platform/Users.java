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

    public record User(UUID id, UUID workspaceId, String email, Role role, boolean disabled, Instant createdAt) {
    }

    /** What signing in needs to know about an e-mail address. */
    record Account(UUID id, UUID workspaceId, String slug, String email, Role role, String passwordHash,
                   boolean disabled) {
    }

    static final int MIN_PASSWORD = 12;
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

    public Optional<User> find(String email) {
        return jdbc.sql("select id, workspace_id, email, role, disabled, created_at from app_user where email = ?")
                .param(normalised(email))
                .query((rs, n) -> new User(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                        rs.getString("email"), Role.valueOf(rs.getString("role")), rs.getBoolean("disabled"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    Optional<Account> account(String email) {
        return jdbc.sql("""
                        select u.id, u.workspace_id, w.slug, u.email, u.role, u.password_hash, u.disabled
                        from app_user u join workspace w on w.id = u.workspace_id where u.email = ?""")
                .param(normalised(email))
                .query((rs, n) -> new Account(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                        rs.getString("slug"), rs.getString("email"), Role.valueOf(rs.getString("role")),
                        rs.getString("password_hash"), rs.getBoolean("disabled")))
                .optional();
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
