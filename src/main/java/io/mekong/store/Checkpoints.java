package io.mekong.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the cursor state of a (connection, stream); {@link PageCommitter} writes it with each page. */
@Repository
public class Checkpoints {

    private final JdbcTemplate jdbc;

    public Checkpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the state saved with the last committed page, or null before the first */
    public JsonNode load(String connectionId, String stream) {
        List<String> state = jdbc.queryForList("select state::text from checkpoint where connection_id = ? and stream = ?",
                String.class, connectionId, stream);
        if (state.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(state.get(0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Checkpoint of " + connectionId + "/" + stream + " is not JSON", e);
        }
    }
}
