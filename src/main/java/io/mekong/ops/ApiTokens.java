package io.mekong.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for scripts and integrations: {@code mkg_} and 32 random bytes, shown once at creation and stored only
 * as their SHA-256. A fast hash is right here, unlike for passwords: a token carries 256 random bits, so nobody can
 * guess one by trying hashes, and BCrypt would only bring back the per-request cost tokens exist to remove.
 * A request with a token acts as the token's user with the user's current role, workspace and enabled flag, found
 * with one query on the unique hash index.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "mkg_";
    /** The shown part of a token: {@code mkg_} and its first 6 characters. */
    private static final int SHOWN = PREFIX.length() + 6;
    private static final int MAX_NAME = 100;
    /** How often at most a token's {@code last_used_at} is written: a busy script must not cost a write a request. */
    static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final AppUsers users;
    private final AuditLog audit;
    /** Tokens whose use was written within the last minute. */
    private final Cache<Long, Boolean> recentlyWritten;

    ApiTokens(JdbcTemplate jdbc, AppUsers users, AuditLog audit) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.recentlyWritten = Caffeine.newBuilder().expireAfterWrite(LAST_USED_EVERY).maximumSize(100_000).build();
    }

    public record Token(long id, String username, String name, String prefix, Instant createdAt,
                       Instant lastUsedAt, Instant expiresAt, boolean revoked) {
    }

    /** A token just created: {@code token} is the secret, returned this once. */
    public record Created(long id, String name, String token, String prefix, Instant createdAt, Instant expiresAt) {
    }

    /** Why a bearer token was refused; the message never says whether a token exists for another user. */
    public enum Refusal {
        TOKEN_INVALID("The bearer token is not valid"),
        TOKEN_REVOKED("The bearer token has been revoked"),
        TOKEN_EXPIRED("The bearer token has expired"),
        USER_DISABLED("The bearer token's user is disabled");

        private final String detail;

        Refusal(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /** The outcome of {@link #authenticate}: the user, or why not. */
    public record Check(MekongUser user, Refusal refusal) {
    }

    /** Creates a token for the signed-in user. */
    @Transactional
    public Created create(String name, Instant expiresAt) {
        String checkedName = name == null ? "" : name.trim();
        if (checkedName.isEmpty() || checkedName.length() > MAX_NAME) {
            throw RefusedChange.invalid("name", "admin.error.token-name", "name is required, at most " + MAX_NAME
                    + " characters", MAX_NAME);
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw RefusedChange.invalid("expiresAt", "admin.error.token-expiry-past", "expiresAt must be in the future");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String prefix = token.substring(0, SHOWN);
        String username = currentUser().getName();
        Token stored = jdbc.queryForObject("""
                insert into api_token (username, name, prefix, token_hash, expires_at) values (?, ?, ?, ?, ?)
                returning *""", ApiTokens::row, username, checkedName, prefix, Sha256.of(token),
                expiresAt == null ? null : Timestamp.from(expiresAt));
        audit.record(workspaceOf(username), "created", "token", stored.id(), Map.of("name", checkedName,
                "user", username));
        return new Created(stored.id(), checkedName, token, prefix, stored.createdAt(), stored.expiresAt());
    }

    /** The signed-in user's tokens; an admin's list holds everyone's. */
    public List<Token> list() {
        return isAdmin(currentUser())
                ? jdbc.query("select * from api_token order by username, id", ApiTokens::row)
                : jdbc.query("select * from api_token where username = ? order by id", ApiTokens::row,
                        currentUser().getName());
    }

    /** Revokes a token of the signed-in user (an admin: anyone's); another user's token is "not found". */
    @Transactional
    public void revoke(long id) {
        Token token = jdbc.query("select * from api_token where id = ?", ApiTokens::row, id).stream().findFirst()
                .filter(t -> isAdmin(currentUser()) || t.username().equals(currentUser().getName()))
                .orElseThrow(() -> RefusedChange.notFound("admin.error.token-unknown", "Token " + id + " not found", id));
        if (token.revoked()) {
            return;
        }
        jdbc.update("update api_token set revoked_at = now() where id = ?", id);
        audit.record(workspaceOf(token.username()), "revoked", "token", id, Map.of("name", token.name(),
                "user", token.username()));
    }

    /** Who a bearer token stands for, with the user's role and workspace as they are now. */
    public Check authenticate(String token) {
        Optional<Check> found = jdbc.query("""
                select t.id, t.expires_at, t.revoked_at, u.username, u.role, u.workspace_id, u.enabled
                from api_token t join app_user u on u.username = t.username
                where t.token_hash = ?""", (rs, row) -> check(rs), Sha256.of(token)).stream().findFirst();
        return found.orElse(new Check(null, Refusal.TOKEN_INVALID));
    }

    private Check check(ResultSet rs) throws SQLException {
        if (rs.getTimestamp("revoked_at") != null) {
            return new Check(null, Refusal.TOKEN_REVOKED);
        }
        Timestamp expires = rs.getTimestamp("expires_at");
        if (expires != null && !expires.toInstant().isAfter(Instant.now())) {
            return new Check(null, Refusal.TOKEN_EXPIRED);
        }
        if (!rs.getBoolean("enabled")) {
            return new Check(null, Refusal.USER_DISABLED);
        }
        used(rs.getLong("id"));
        return new Check(new MekongUser(rs.getString("username"), "", Role.fromId(rs.getString("role")),
                rs.getString("workspace_id"), true), null);
    }

    /** Writes {@code last_used_at} at most once a minute per token (per instance: a minute's precision is enough). */
    private void used(long id) {
        if (recentlyWritten.asMap().putIfAbsent(id, Boolean.TRUE) == null) {
            jdbc.update("update api_token set last_used_at = ? where id = ?", Timestamp.from(Instant.now()), id);
        }
    }

    private String workspaceOf(String username) {
        return users.find(username).map(AppUsers.Account::workspace).orElse(null);
    }

    private static Authentication currentUser() {
        return SecurityContextHolder.getContext().getAuthentication();
    }

    private static boolean isAdmin(Authentication auth) {
        return auth.getAuthorities().stream().anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
    }

    private static Token row(ResultSet rs, int i) throws SQLException {
        return new Token(rs.getLong("id"), rs.getString("username"), rs.getString("name"), rs.getString("prefix"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("expires_at")), rs.getTimestamp("revoked_at") != null);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
