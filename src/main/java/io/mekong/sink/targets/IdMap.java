package io.mekong.sink.targets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.config.Json;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A destination's ID map (destination_object): which object of the target stands for which subject of ours, with the
 * hashes of the email and phone it was written with (an erasure finds the person's objects by them) and a hash of what
 * was written (an unchanged subject is not written again).
 */
public final class IdMap {

    /** One mapped object. @param targetId the target's id, or null when the target gives none (Klaviyo events) */
    public record Entry(String kind, String localId, String targetId, Set<String> keyHashes, String stateHash) {
    }

    private final JdbcTemplate jdbc;

    public IdMap(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> find(long destination, String kind, String localId) {
        return Optional.ofNullable(findAll(destination, kind, List.of(localId)).get(localId));
    }

    /** The entries of many subjects of one kind at once (a delivery's), by local id; those without one are absent. */
    public Map<String, Entry> findAll(long destination, String kind, Collection<String> localIds) {
        Map<String, Entry> found = new HashMap<>();
        if (localIds.isEmpty()) {
            return found;
        }
        jdbc.query("select kind, local_id, target_id, key_hashes, state_hash from destination_object"
                + " where destination_id = ? and kind = ? and local_id = any(?)", rs -> {
                    Entry entry = entry(rs, 0);
                    found.put(entry.localId(), entry);
                }, destination, kind, localIds.toArray(String[]::new));
        return found;
    }

    /**
     * Records the object written for a subject. Its key hashes add to those it had: an object once written with an
     * email still holds it in the target's history, so an erasure of that email must find it.
     */
    public void save(long destination, Entry entry) {
        saveAll(destination, List.of(entry));
    }

    /** Records the objects of a delivery in one statement; an entry of a subject given twice counts once, the last. */
    public void saveAll(long destination, Collection<Entry> entries) {
        Map<List<String>, Entry> distinct = new LinkedHashMap<>();
        entries.forEach(e -> distinct.put(List.of(e.kind(), e.localId()), e));
        if (distinct.isEmpty()) {
            return;
        }
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (Entry e : distinct.values()) {
            ObjectNode row = rows.addObject().put("kind", e.kind()).put("local_id", e.localId())
                    .put("target_id", e.targetId()).put("state_hash", e.stateHash());
            e.keyHashes().stream().sorted().forEach(row.putArray("key_hashes")::add);
        }
        jdbc.update("""
                insert into destination_object (destination_id, kind, local_id, target_id, key_hashes, state_hash)
                select ?, r.kind, r.local_id, r.target_id,
                       array(select jsonb_array_elements_text(coalesce(r.key_hashes, '[]'::jsonb)) order by 1), r.state_hash
                  from jsonb_to_recordset(?::jsonb)
                       as r(kind text, local_id text, target_id text, key_hashes jsonb, state_hash text)
                on conflict (destination_id, kind, local_id) do update set target_id = excluded.target_id,
                  key_hashes = array(select distinct h from unnest(destination_object.key_hashes || excluded.key_hashes) h
                                     order by h),
                  state_hash = excluded.state_hash, updated_at = now()""", destination, rows.toString());
    }

    /** Every object of the destination written with one of these email or phone hashes. */
    public List<Entry> withKeys(long destination, Set<String> keyHashes) {
        if (keyHashes.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement("select kind, local_id, target_id, key_hashes, state_hash"
                    + " from destination_object where destination_id = ? and key_hashes && ? order by kind, local_id");
            statement.setLong(1, destination);
            statement.setArray(2, connection.createArrayOf("text", keyHashes.toArray()));
            return statement;
        }, IdMap::entry);
    }

    /**
     * The object of a profile merged away now stands for its survivor, which had none: the survivor's next write
     * updates it (its state is forgotten, so that write is not skipped).
     */
    public void rekey(long destination, String kind, String goneId, String survivorId) {
        jdbc.update("update destination_object set local_id = ?, state_hash = null, updated_at = now()"
                + " where destination_id = ? and kind = ? and local_id = ?", survivorId, destination, kind, goneId);
    }

    /**
     * The object of a profile merged away was merged into the survivor's (or was the same): its row goes, and its key
     * hashes join the survivor's, whose object now holds that history, so that an erasure still finds it.
     */
    public void absorb(long destination, String kind, String goneId, String survivorId) {
        jdbc.update("""
                update destination_object s set key_hashes = array(select distinct h from unnest(s.key_hashes || g.key_hashes) h
                                                                  order by h), updated_at = now()
                  from destination_object g
                 where s.destination_id = ? and s.kind = ? and s.local_id = ?
                   and g.destination_id = s.destination_id and g.kind = s.kind and g.local_id = ?""",
                destination, kind, survivorId, goneId);
        remove(destination, kind, goneId);
    }

    public void remove(long destination, String kind, String localId) {
        jdbc.update("delete from destination_object where destination_id = ? and kind = ? and local_id = ?",
                destination, kind, localId);
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        Array hashes = rs.getArray("key_hashes");
        return new Entry(rs.getString("kind"), rs.getString("local_id"), rs.getString("target_id"),
                Set.copyOf(Arrays.asList((String[]) hashes.getArray())), rs.getString("state_hash"));
    }
}
