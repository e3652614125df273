package io.mekong.store;

import io.mekong.mapping.canonical.CanonicalRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** One canonical entity's table(s): how a batch of its records is written. */
interface CanonicalTable<T extends CanonicalRecord> {

    /** The entity name mappings produce, e.g. "order". */
    String entity();

    /** The table holding one row per (connection, external id), with content_hash and source_updated_at. */
    String table();

    Class<T> type();

    /** Inserts or updates the rows (and their child rows) in one round trip per table. */
    void write(Connection connection, String workspaceId, String connectionId, List<Row<T>> rows) throws SQLException;

    record Row<T>(T record, String contentHash) {
    }
}
