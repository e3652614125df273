package io.mekong.bus;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What each consumer of the bus has applied, by event id (table consumed_event): the events a consumer reads again
 * (published twice after a relay crash, or read again after the consumer crashed before committing its offsets) are
 * recognised and skipped. A consumer records ids in the transaction that applies their effect, or right after an
 * outside system took them.
 */
@Component
public class ConsumedEvents {

    private final JdbcTemplate jdbc;

    public ConsumedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The events the consumer has not applied yet, in their order, each once (a batch may hold an id twice). */
    public List<BusEvent> fresh(String consumer, List<BusEvent> events) {
        if (events.isEmpty()) {
            return events;
        }
        Set<UUID> seen = new HashSet<>(jdbc.queryForList(
                "select event_id from consumed_event where consumer = ? and event_id = any(?)", UUID.class, consumer,
                events.stream().map(BusEvent::id).toArray(UUID[]::new)));
        return events.stream().filter(event -> seen.add(event.id())).toList();
    }

    public void record(String consumer, Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("insert into consumed_event (consumer, event_id) select ?, unnest(?::uuid[]) on conflict do nothing",
                    consumer, ids.toArray(UUID[]::new));
        }
    }

    /** Forgets what was consumed before a cutoff: a copy of an event arrives within minutes, never days later. */
    public int forgetOlderThan(java.time.Duration age) {
        return jdbc.update("delete from consumed_event where consumed_at < now() - ? * interval '1 second'",
                age.toSeconds());
    }
}
