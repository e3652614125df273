package io.mekong.connection;

import io.mekong.config.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Connections with their secrets sealed by {@link io.mekong.ops.SecretCipher}; this class never sees plain secrets. */
@Repository
class ConnectionRepository {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = Json.MAPPER;

    ConnectionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param secretKeysOf reads the names of the secrets from the sealed bytes */
    Optional<Connection> find(String id, Function<byte[], Set<String>> secretKeysOf) {
        return jdbc.query("select * from connection where id = ?", (rs, n) -> row(rs, secretKeysOf), id).stream().findFirst();
    }

    /** In the API's order: by API id, then workspace (never by the global id, which may depend on other workspaces). */
    List<Connection> list(String workspaceId, Function<byte[], Set<String>> secretKeysOf) {
        return workspaceId == null
                ? jdbc.query("select * from connection order by api_id, workspace_id", (rs, n) -> row(rs, secretKeysOf))
                : jdbc.query("select * from connection where workspace_id = ? order by api_id", (rs, n) -> row(rs, secretKeysOf),
                        workspaceId);
    }

    /** @param workspaceId null to look in every workspace (then several connections may share the API id) */
    List<Connection> findByApiId(String workspaceId, String apiId, Function<byte[], Set<String>> secretKeysOf) {
        return workspaceId == null
                ? jdbc.query("select * from connection where api_id = ? order by workspace_id", (rs, n) -> row(rs, secretKeysOf),
                        apiId)
                : jdbc.query("select * from connection where workspace_id = ? and api_id = ?", (rs, n) -> row(rs, secretKeysOf),
                        workspaceId, apiId);
    }

    Optional<String> id(String workspaceId, String apiId) {
        return jdbc.queryForList("select id from connection where workspace_id = ? and api_id = ?", String.class,
                workspaceId, apiId).stream().findFirst();
    }

    Optional<String> apiId(String id) {
        return jdbc.queryForList("select api_id from connection where id = ?", String.class, id).stream().findFirst();
    }

    byte[] sealedSecrets(String id) {
        List<byte[]> sealed = jdbc.query("select secrets from connection where id = ?", (rs, n) -> rs.getBytes(1), id);
        return sealed.isEmpty() ? null : sealed.get(0);
    }

    /** The sealed secrets as they were when a renewal lease was taken. */
    record Lease(byte[] sealed) {
    }

    /**
     * Takes the connection's renewal lease for {@code holder} when no one holds it (or the holder's lease ran out), in
     * one statement of its own. @return the secrets as stored, or null when another renewer holds the lease or the
     * connection does not exist
     */
    Lease takeRenewalLease(String id, String holder, Duration lease) {
        List<Lease> taken = jdbc.query("""
                update connection set renewal_holder = ?, renewal_until = now() + ? * interval '1 millisecond'
                where id = ? and (renewal_until is null or renewal_until < now()) returning secrets""",
                (rs, n) -> new Lease(rs.getBytes(1)), holder, lease.toMillis(), id);
        return taken.isEmpty() ? null : taken.get(0);
    }

    /** Saves renewed secrets, whoever holds the lease by now (a spent refresh token must never be lost), and frees it. */
    void saveRenewal(String id, String holder, byte[] secrets) {
        jdbc.update("""
                update connection set secrets = ?, updated_at = now(),
                  renewal_holder = case when renewal_holder = ? then null else renewal_holder end,
                  renewal_until = case when renewal_holder = ? then null else renewal_until end
                where id = ?""", secrets, holder, holder, id);
    }

    void releaseRenewalLease(String id, String holder) {
        jdbc.update("update connection set renewal_holder = null, renewal_until = null where id = ? and renewal_holder = ?",
                id, holder);
    }

    boolean exists(String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists(select 1 from connection where id = ?)", Boolean.class, id));
    }

    boolean workspaceExists(String workspaceId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists(select 1 from workspace where id = ?)", Boolean.class,
                workspaceId));
    }

    /** @throws org.springframework.dao.DuplicateKeyException when either id is taken by now */
    void insert(String id, String apiId, String workspaceId, String connector, String name, Map<String, Object> params,
                byte[] secrets) {
        jdbc.update("""
                insert into connection (id, api_id, workspace_id, connector, name, params, secrets)
                values (?, ?, ?, ?, ?, ?::jsonb, ?)""", id, apiId, workspaceId, connector, name, write(params), secrets);
    }

    void update(String id, String name, Map<String, Object> params, byte[] secrets) {
        jdbc.update("update connection set name = ?, params = ?::jsonb, secrets = ?, updated_at = now() where id = ?",
                name, write(params), secrets, id);
    }

    void saveTest(String id, boolean ok, String message) {
        jdbc.update("update connection set last_test_at = now(), last_test_ok = ?, last_test_message = ? where id = ?",
                ok, message, id);
    }

    Optional<ConnectionTests.LastTest> lastTest(String id) {
        return jdbc.query("select last_test_at, last_test_ok, last_test_message from connection where id = ?"
                + " and last_test_at is not null", (rs, n) -> new ConnectionTests.LastTest(rs.getTimestamp(1).toInstant(),
                rs.getBoolean(2), rs.getString(3)), id).stream().findFirst();
    }

    boolean delete(String id) {
        return jdbc.update("delete from connection where id = ?", id) > 0;
    }

    private Connection row(ResultSet rs, Function<byte[], Set<String>> secretKeysOf) throws SQLException {
        try {
            return new Connection(rs.getString("id"), rs.getString("api_id"), rs.getString("workspace_id"), rs.getString("connector"),
                    rs.getString("name"), json.readValue(rs.getString("params"), PARAMS),
                    secretKeysOf.apply(rs.getBytes("secrets")), rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("connection " + rs.getString("id") + " has invalid params JSON", e);
        }
    }

    private String write(Map<String, Object> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("params cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
