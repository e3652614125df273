package io.mekong.testing;

import io.mekong.identity.Names;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Profiles and identities written with plain SQL, standing in for identity resolution (slice A of issue 16) in tests of
 * what is derived from profiles: the records themselves are stored through the real store path ({@link StoredRecords}).
 */
public final class HandResolved {

    private final JdbcTemplate jdbc;

    public HandResolved(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long profile(String workspace) {
        return jdbc.queryForObject("insert into profile (workspace_id) values (?) returning id", Long.class, workspace);
    }

    /** An identity of {@code profile}; {@code name} is folded as resolution folds it. */
    public long identity(long profile, String connection, String kind, String externalId, String name) {
        return jdbc.queryForObject("""
                insert into identity (workspace_id, connection_id, kind, external_id, profile_id, name_folded)
                select workspace_id, id, ?, ?, ?, ? from connection where id = ? returning id""", Long.class,
                kind, externalId, profile, Names.fold(name), connection);
    }

    public void key(long identity, String kind, String value) {
        jdbc.update("insert into identity_key (identity_id, workspace_id, kind, value)"
                + " select id, workspace_id, ?, ? from identity where id = ?", kind, value, identity);
    }
}
