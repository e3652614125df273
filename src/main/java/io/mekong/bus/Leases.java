package io.mekong.bus;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Work one instance at a time may do, held through the {@code lease} table (by the database's clock, so instances'
 * clocks may differ): taking a lease renews it when this instance already holds it, and takes it over once the
 * holder let it expire.
 */
@Component
public class Leases {

    private final JdbcTemplate jdbc;
    private final String holder = UUID.randomUUID().toString();

    public Leases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease for {@code duration}; false while another instance holds it. */
    public boolean hold(String name, Duration duration) {
        return jdbc.update("""
                insert into lease (name, holder, expires_at) values (?, ?, now() + ? * interval '1 millisecond')
                on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
                 where lease.holder = excluded.holder or lease.expires_at < now()""",
                name, holder, duration.toMillis()) == 1;
    }

    /** Lets the lease go (a clean stop), so another instance need not wait for it to expire. */
    public void release(String name) {
        jdbc.update("delete from lease where name = ? and holder = ?", name, holder);
    }
}
