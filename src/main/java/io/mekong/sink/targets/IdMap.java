package io.mekong.sink.targets;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
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
        return jdbc.query("select kind, local_id, target_id, key_hashes, state_hash from destination_object"
                + " where destination_id = ? and kind = ? and local_id = ?", IdMap::entry, destination, kind, localId)
                .stream().findFirst();
    }

    /**
     * Records the object written for a subject. Its key hashes add to those it had: an object once written with an
     * email still holds it in the target's history, so an erasure of that email must find it.
     */
    public void save(long destination, Entry entry) {
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    insert into destination_object (destination_id, kind, local_id, target_id, key_hashes, state_hash)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (destination_id, kind, local_id) do update set target_id = excluded.target_id,
                      key_hashes = array(select distinct h from unnest(destination_object.key_hashes || excluded.key_hashes) h
                                         order by h),
                      state_hash = excluded.state_hash, updated_at = now()""");
            statement.setLong(1, destination);
            statement.setString(2, entry.kind());
            statement.setString(3, entry.localId());
            statement.setString(4, entry.targetId());
            statement.setArray(5, connection.createArrayOf("text", entry.keyHashes().stream().sorted().toArray()));
            statement.setString(6, entry.stateHash());
            return statement;
        });
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
