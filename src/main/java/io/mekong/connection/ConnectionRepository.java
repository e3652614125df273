package io.mekong.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    private final ObjectMapper json = new ObjectMapper();

    ConnectionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param secretKeysOf reads the names of the secrets from the sealed bytes */
    Optional<Connection> find(String id, Function<byte[], Set<String>> secretKeysOf) {
        return jdbc.query("select * from connection where id = ?", (rs, n) -> row(rs, secretKeysOf), id).stream().findFirst();
    }

    List<Connection> list(String workspaceId, Function<byte[], Set<String>> secretKeysOf) {
        return workspaceId == null
                ? jdbc.query("select * from connection order by id", (rs, n) -> row(rs, secretKeysOf))
                : jdbc.query("select * from connection where workspace_id = ? order by id", (rs, n) -> row(rs, secretKeysOf),
                        workspaceId);
    }

    byte[] sealedSecrets(String id) {
        List<byte[]> sealed = jdbc.query("select secrets from connection where id = ?", (rs, n) -> rs.getBytes(1), id);
        return sealed.isEmpty() ? null : sealed.get(0);
    }

    /** The sealed secrets, the row locked until the transaction ends; null when the connection does not exist. */
    byte[] lockSecrets(String id) {
        List<byte[]> sealed = jdbc.query("select secrets from connection where id = ? for update", (rs, n) -> rs.getBytes(1), id);
        return sealed.isEmpty() ? null : sealed.get(0);
    }

    void updateSecrets(String id, byte[] secrets) {
        jdbc.update("update connection set secrets = ?, updated_at = now() where id = ?", secrets, id);
    }

    boolean exists(String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists(select 1 from connection where id = ?)", Boolean.class, id));
    }

    void insert(String id, String workspaceId, String connector, String name, Map<String, Object> params, byte[] secrets) {
        jdbc.update("insert into connection (id, workspace_id, connector, name, params, secrets) values (?, ?, ?, ?, ?::jsonb, ?)",
                id, workspaceId, connector, name, write(params), secrets);
    }

    void update(String id, String name, Map<String, Object> params, byte[] secrets) {
        jdbc.update("update connection set name = ?, params = ?::jsonb, secrets = ?, updated_at = now() where id = ?",
                name, write(params), secrets, id);
    }

    boolean delete(String id) {
        return jdbc.update("delete from connection where id = ?", id) > 0;
    }

    private Connection row(ResultSet rs, Function<byte[], Set<String>> secretKeysOf) throws SQLException {
        try {
            return new Connection(rs.getString("id"), rs.getString("workspace_id"), rs.getString("connector"),
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
