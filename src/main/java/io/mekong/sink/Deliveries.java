package io.mekong.sink;

import io.mekong.bus.BusEvent;
import io.mekong.bus.ConsumedEvents;
import io.mekong.privacy.ErasureParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records, in one transaction, what a destination did with a poll's events once its target answered: every event of
 * the poll is consumed (also those the destination does not receive), the target's refusals become the destination's
 * dead letters, the counts grow, its trouble (if any) ends, and each erasure is marked confirmed or refused for it.
 */
@Component
public class Deliveries {

    private final JdbcTemplate jdbc;
    private final ConsumedEvents consumed;
    private final ErasureParts erasures;

    public Deliveries(JdbcTemplate jdbc, ConsumedEvents consumed, ErasureParts erasures) {
        this.jdbc = jdbc;
        this.consumed = consumed;
        this.erasures = erasures;
    }

    /**
     * @param polled    every event of the poll the destination had not consumed
     * @param delivered those it receives, which the target took but for {@code delivery}'s refusals
     */
    @Transactional
    public void record(Destination destination, List<BusEvent> polled, List<BusEvent> delivered, Delivery delivery) {
        consumed.record(destination.consumer(), polled.stream().map(BusEvent::id).toList());
        Map<UUID, String> refusals = delivery.refused().stream()
                .collect(Collectors.toMap(Delivery.Refused::eventId, Delivery.Refused::reason, (a, b) -> a));
        List<Long> erasureIds = new ArrayList<>();
        for (BusEvent event : delivered) {
            String reason = refusals.get(event.id());
            if (reason != null) {
                jdbc.update("""
                        insert into dead_letter (workspace_id, connection_id, entity, external_id, reason, payload,
                          destination_id) values (?, ?, ?, ?, ?, ?::jsonb, ?)""", destination.workspaceId(),
                        destination.connectionId(), event.kind(), event.subject(), reason, event.json(), destination.id());
            }
            if (event.kind().equals("erasure")) {
                long erasure = event.data().path("erasure").asLong();
                erasureIds.add(erasure);
                jdbc.update("""
                        update erasure_target set status = ?, detail = ?, confirmed_at = case when ? then now() end
                         where destination_id = ? and erasure_id = ?""", reason == null ? "completed" : "failed",
                        reason, reason == null, destination.id(), erasure);
            }
        }
        jdbc.update("""
                update destination set delivered = delivered + ?, failed = failed + ?, last_error = null,
                  failing_since = null where id = ?""", delivered.size() - refusals.size(), refusals.size(),
                destination.id());
        erasures.settle(erasureIds);
    }
}
