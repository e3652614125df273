package io.mekong.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes many rows in one round trip: each column travels as one parameter (a PostgreSQL array, or a JSON array
 * for JSON columns) and the rows are rebuilt side by side with {@code ROWS FROM}, so a page of 250 records costs
 * one statement instead of 250.
 * Conflicts on the key update the row only when the incoming source timestamp is not older than the stored
 * one, which keeps concurrent writers (a sync and a webhook) order-safe at the database itself.
 */
public final class BatchUpsert {

    /**
     * Column kinds and how they travel: as a typed array, or, for JSON values, as one JSON array whose elements
     * are the rows' JSON texts, so that a 3 KB payload is neither escaped into an array literal by the driver nor
     * unescaped again by the server.
     */
    public enum Kind {
        TEXT("text"), BIGINT("bigint"), INT("int"), NUMERIC("numeric"), BOOL("boolean"), TIMESTAMPTZ("timestamptz"),
        JSONB(null, "nullif(%s, 'null'::jsonb)"),
        /** a text[] per row, given as its JSON array text */
        TEXT_ARRAY(null, "array(select jsonb_array_elements_text(nullif(%s, 'null'::jsonb)))");

        /** the SQL array type the column travels in; null for JSON */
        private final String arrayType;
        private final String selectTemplate;

        Kind(String arrayType) {
            this(arrayType, "%s");
        }

        Kind(String arrayType, String selectTemplate) {
            this.arrayType = arrayType;
            this.selectTemplate = selectTemplate;
        }

        private boolean json() {
            return arrayType == null;
        }

        /** The set-returning function that turns the parameter back into one value per row. */
        private String rows() {
            return json() ? "jsonb_array_elements(?::jsonb)" : "unnest(?::" + arrayType + "[])";
        }
    }

    private final String table;
    private final Map<String, Kind> columns;
    private final String conflictKey;
    private final String alsoSet;
    private final String updateGuard;
    private final String returning;
    private final String rowFilter;

    private BatchUpsert(String table, Map<String, Kind> columns, String conflictKey, String alsoSet,
                        String updateGuard, String returning, String rowFilter) {
        this.table = table;
        this.columns = columns;
        this.conflictKey = conflictKey;
        this.alsoSet = alsoSet;
        this.updateGuard = updateGuard;
        this.returning = returning;
        this.rowFilter = rowFilter;
    }

    public static Builder into(String table) {
        return new Builder(table);
    }

    public String sql() {
        String names = String.join(", ", columns.keySet());
        String params = columns.values().stream().map(Kind::rows).collect(Collectors.joining(", "));
        String selects = columns.entrySet().stream()
                .map(e -> e.getValue().selectTemplate.formatted("u." + e.getKey()))
                .collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder()
                .append("insert into ").append(table).append(" (").append(names).append(")\n")
                .append("select ").append(selects).append(" from rows from (").append(params).append(") as u(").append(names).append(")");
        if (rowFilter != null) {
            sql.append("\nwhere ").append(rowFilter);
        }
        if (conflictKey != null) {
            Set<String> keyColumns = Set.of(conflictKey.split("\\s*,\\s*"));
            String updates = columns.keySet().stream()
                    .filter(c -> !keyColumns.contains(c))
                    .map(c -> c + " = excluded." + c)
                    .collect(Collectors.joining(", "));
            sql.append("\non conflict (").append(conflictKey).append(") do update set ").append(updates);
            if (alsoSet != null) {
                sql.append(", ").append(alsoSet);
            }
            if (updateGuard != null) {
                sql.append(" where ").append(updateGuard);
            }
        }
        if (returning != null) {
            sql.append("\nreturning ").append(returning);
        }
        return sql.toString();
    }

    /** Runs the statement for the rows (each row's values in column order); returns the RETURNING rows, if any. */
    public List<Object[]> execute(Connection connection, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Kind> kinds = List.copyOf(columns.values());
        try (PreparedStatement statement = connection.prepareStatement(sql())) {
            for (int c = 0; c < kinds.size(); c++) {
                Kind kind = kinds.get(c);
                if (kind.json()) {
                    statement.setString(c + 1, jsonArray(rows, c));
                    continue;
                }
                Object[] values = new Object[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    values[r] = toSql(rows.get(r)[c]);
                }
                Array array = connection.createArrayOf(kind.arrayType, values);
                statement.setArray(c + 1, array);
            }
            if (returning == null) {
                statement.executeUpdate();
                return List.of();
            }
            List<Object[]> result = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    result.add(row);
                }
            }
            return result;
        }
    }

    /** Column {@code c} of every row, each a JSON text or null, as one JSON array text. */
    private static String jsonArray(List<Object[]> rows, int c) {
        StringBuilder array = new StringBuilder(rows.size() * 64).append('[');
        for (int r = 0; r < rows.size(); r++) {
            Object json = rows.get(r)[c];
            array.append(r == 0 ? "" : ",").append(json == null ? "null" : json.toString());
        }
        return array.append(']').toString();
    }

    private static Object toSql(Object value) {
        return value instanceof Instant instant ? Timestamp.from(instant) : value;
    }

    public static final class Builder {
        private final String table;
        private final Map<String, Kind> columns = new LinkedHashMap<>();
        private String conflictKey;
        private String updateGuard;
        private String alsoSet;
        private String returning;
        private String rowFilter;

        private Builder(String table) {
            this.table = table;
        }

        public Builder column(String name, Kind kind) {
            columns.put(name, kind);
            return this;
        }

        /** On a key conflict update every other column, only where {@code guard} holds (null: always). */
        public Builder onConflictUpdate(String key, String guard) {
            this.conflictKey = key;
            this.updateGuard = guard;
            return this;
        }

        /** An extra assignment made on update, e.g. "updated_at = now()". */
        public Builder alsoSet(String assignment) {
            this.alsoSet = assignment;
            return this;
        }

        public Builder returning(String returning) {
            this.returning = returning;
            return this;
        }

        /** Inserts only the rows for which {@code condition} holds; it names a row's values as {@code u.<column>}. */
        public Builder onlyWhere(String condition) {
            this.rowFilter = condition;
            return this;
        }

        public BatchUpsert build() {
            return new BatchUpsert(table, new LinkedHashMap<>(columns), conflictKey, alsoSet, updateGuard, returning,
                    rowFilter);
        }
    }
}
