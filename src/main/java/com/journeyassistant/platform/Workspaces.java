package com.journeyassistant.platform;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workspaces and their API keys. Keys are random secrets shown once at creation; only their
 * SHA-256 hash is stored, so a leaked database does not leak working keys.
 */
@Service
public class Workspaces {

    public record Workspace(UUID id, String slug, String name, Instant createdAt) {
    }

    public record ApiKey(UUID id, String name, Role role, String prefix, Instant createdAt, Instant revokedAt) {
    }

    /** A freshly created key: {@code secret} is the only time the plain key is available. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final String KEY_MARKER = "ja_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    Workspaces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Workspace create(String slug, String name) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw ApiProblemException.invalid("slug",
                    "use 2 to 63 lower-case letters, digits and hyphens, starting with a letter or digit");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiProblemException.invalid("name", "must be 1 to 200 characters");
        }
        if (findBySlug(slug).isPresent()) {
            throw ApiProblemException.conflict("workspace '" + slug + "' already exists");
        }
        Workspace workspace = new Workspace(UUID.randomUUID(), slug, name.strip(), now());
        jdbc.sql("insert into workspace (id, slug, name, created_at) values (?, ?, ?, ?)")
                .params(workspace.id(), workspace.slug(), workspace.name(), utc(workspace.createdAt()))
                .update();
        return workspace;
    }

    /** A workspace as an operator sees it. */
    public record Listed(UUID id, String slug, String name, Instant createdAt, Instant disabledAt, int activeKeys,
                         int people) {
    }

    /** Every workspace, for operators. */
    public List<Listed> list() {
        return jdbc.sql("""
                        select w.id, w.slug, w.name, w.created_at, w.disabled_at,
                               (select count(*) from api_key k where k.workspace_id = w.id and k.revoked_at is null) as keys,
                               (select count(*) from app_user u where u.workspace_id = w.id) as people
                        from workspace w order by w.slug""")
                .query((rs, n) -> new Listed(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("disabled_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant).orElse(null), rs.getInt("keys"), rs.getInt("people")))
                .list();
    }

    /** Disables or enables a workspace: a disabled one's keys and people are refused; nothing is deleted. */
    @Transactional
    public Listed setDisabled(String slug, boolean disabled) {
        Workspace workspace = findBySlug(slug).orElseThrow(() -> ApiProblemException.notFound("Workspace", slug));
        jdbc.sql("update workspace set disabled_at = ? where id = ?")
                .params(disabled ? utc(now()) : null, workspace.id()).update();
        return list().stream().filter(w -> w.id().equals(workspace.id())).findFirst().orElseThrow();
    }

    public Optional<Workspace> findBySlug(String slug) {
        return jdbc.sql("select id, slug, name, created_at from workspace where slug = ?")
                .param(slug)
                .query((rs, n) -> new Workspace(rs.getObject("id", UUID.class), rs.getString("slug"),
                        rs.getString("name"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    @Transactional
    public IssuedKey issueKey(UUID workspaceId, String name, Role role) {
        return storeKey(workspaceId, name, role, KEY_MARKER + randomToken());
    }

    /** Registers a key chosen by the operator (e.g. the fixed demo key), unless it already exists. */
    @Transactional
    public void ensureKey(UUID workspaceId, String name, Role role, String secret) {
        if (secret.length() < 16) {
            throw ApiProblemException.invalid("apiKey", "a fixed API key must be at least 16 characters");
        }
        Optional<UUID> owner = jdbc.sql("select workspace_id from api_key where key_hash = ?")
                .param(Sha256.hex(secret)).query(UUID.class).optional();
        if (owner.isEmpty()) {
            storeKey(workspaceId, name, role, secret);
        } else if (!owner.get().equals(workspaceId)) {
            throw ApiProblemException.conflict("that API key already belongs to another workspace");
        }
    }

    /** Deletes the workspace's keys with this name and issues a new one in their place. */
    @Transactional
    public IssuedKey replaceKeysNamed(UUID workspaceId, String name, Role role) {
        jdbc.sql("delete from api_key where workspace_id = ? and name = ?").params(workspaceId, name).update();
        return issueKey(workspaceId, name, role);
    }

    public List<ApiKey> keys(UUID workspaceId) {
        return jdbc.sql("""
                        select id, name, role, key_prefix, created_at, revoked_at from api_key
                        where workspace_id = ? order by created_at, name""")
                .param(workspaceId)
                .query((rs, n) -> new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"),
                        Role.valueOf(rs.getString("role")), rs.getString("key_prefix"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("revoked_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant).orElse(null)))
                .list();
    }

    @Transactional
    public void revokeKey(UUID workspaceId, UUID keyId) {
        int changed = jdbc.sql("update api_key set revoked_at = ? where id = ? and workspace_id = ? and revoked_at is null")
                .params(utc(now()), keyId, workspaceId).update();
        if (changed == 0) {
            throw ApiProblemException.notFound("Active API key", keyId);
        }
    }

    /** The caller a presented key stands for, if the key exists and is not revoked. */
    public Optional<CurrentWorkspace> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 512) {
            return Optional.empty();
        }
        // before anyone is signed in: the key decides the workspace
        return TenantScope.acrossWorkspaces("finding a workspace by its key", () -> jdbc.sql("""
                        select k.id, k.name, k.role, w.id as workspace_id, w.slug
                        from api_key k join workspace w on w.id = k.workspace_id
                        where k.key_hash = ? and k.revoked_at is null and w.disabled_at is null""")
                .param(Sha256.hex(presentedKey))
                .query((rs, n) -> new CurrentWorkspace(rs.getObject("workspace_id", UUID.class), rs.getString("slug"),
                        Role.valueOf(rs.getString("role")), rs.getObject("id", UUID.class), rs.getString("name")))
                .optional());
    }

    private IssuedKey storeKey(UUID workspaceId, String name, Role role, String secret) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiProblemException.invalid("name", "must be 1 to 200 characters");
        }
        if (role == null) {
            throw ApiProblemException.invalid("role", "must be one of VIEWER, EDITOR, ADMIN");
        }
        ApiKey key = new ApiKey(UUID.randomUUID(), name.strip(), role, displayPrefix(secret), now(), null);
        jdbc.sql("""
                        insert into api_key (id, workspace_id, name, role, key_hash, key_prefix, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(key.id(), workspaceId, key.name(), role.name(), Sha256.hex(secret), key.prefix(), utc(key.createdAt()))
                .update();
        return new IssuedKey(key, secret);
    }

    private static String displayPrefix(String secret) {
        int visible = secret.startsWith(KEY_MARKER) ? KEY_MARKER.length() + 6 : 6;
        return secret.substring(0, Math.min(visible, secret.length()));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
