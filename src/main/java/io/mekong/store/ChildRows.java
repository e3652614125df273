package io.mekong.store;

import io.mekong.mapping.canonical.CanonicalRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Child rows (order lines, product variants) of the parents just written are replaced as a whole, since a
 * source may remove or reorder them. Parents the upsert skipped (a newer version was already stored by a
 * concurrent writer) keep their children.
 */
final class ChildRows {

    private ChildRows() {
    }

    /**
     * @param written  the parents' RETURNING rows: (id, external_id)
     * @param children a parent's child rows, each without the leading (parent id, position) columns
     */
    static <T extends CanonicalRecord> void replace(Connection connection, String childTable, String parentColumn,
                                                    BatchUpsert insert, List<Object[]> written,
                                                    List<CanonicalTable.Row<T>> parents,
                                                    Function<T, List<Object[]>> children) throws SQLException {
        Map<String, Long> idByExternalId = idsByExternalId(written);
        if (idByExternalId.isEmpty()) {
            return;
        }
        String delete = "delete from " + childTable + " where " + parentColumn + " = any(?)";
        try (PreparedStatement statement = connection.prepareStatement(delete)) {
            statement.setArray(1, connection.createArrayOf("bigint", idByExternalId.values().toArray()));
            statement.executeUpdate();
        }
        List<Object[]> rows = new ArrayList<>();
        for (CanonicalTable.Row<T> parent : parents) {
            Long parentId = idByExternalId.get(parent.record().externalId());
            if (parentId == null) {
                continue;
            }
            int position = 0;
            for (Object[] child : children.apply(parent.record())) {
                Object[] row = new Object[child.length + 2];
                row[0] = parentId;
                row[1] = position++;
                System.arraycopy(child, 0, row, 2, child.length);
                rows.add(row);
            }
        }
        insert.execute(connection, rows);
    }

    /** The parents' ids by external id, from their RETURNING rows (id, external_id). */
    static Map<String, Long> idsByExternalId(List<Object[]> written) {
        Map<String, Long> ids = new HashMap<>();
        for (Object[] row : written) {
            ids.put((String) row[1], ((Number) row[0]).longValue());
        }
        return ids;
    }
}
