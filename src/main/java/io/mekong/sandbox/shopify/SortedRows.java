package io.mekong.sandbox.shopify;

import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The rows of one type in a shop, by id and in every order a connection can list them. Not thread-safe: guarded
 * by the shop's lock. A row whose sort values change must be {@link #put} again to be re-filed.
 */
final class SortedRows<T extends Identified> {

    private final Map<String, RowSort<T>> sorts = new LinkedHashMap<>();
    private final Map<String, NavigableMap<Connections.Key, T>> sorted = new HashMap<>();
    private final NavigableMap<Long, T> byId = new TreeMap<>();
    /** The sort values each row is filed under (in the order of {@link #sorts}), to unfile it when they change. */
    private final Map<Long, long[]> filedUnder = new HashMap<>();

    SortedRows(List<RowSort<T>> sorts) {
        for (RowSort<T> sort : sorts) {
            this.sorts.put(sort.name(), sort);
            this.sorted.put(sort.name(), new TreeMap<>());
        }
    }

    /** Adds a row, or re-files one whose sort values may have changed. */
    void put(T row) {
        long[] old = filedUnder.get(row.id());
        long[] now = new long[sorts.size()];
        int i = 0;
        for (RowSort<T> sort : sorts.values()) {
            NavigableMap<Connections.Key, T> rows = sorted.get(sort.name());
            now[i] = sort.value().applyAsLong(row);
            if (old != null) {
                rows.remove(new Connections.Key(old[i], row.id()));
            }
            rows.put(new Connections.Key(now[i], row.id()), row);
            i++;
        }
        filedUnder.put(row.id(), now);
        byId.put(row.id(), row);
    }

    /** Removes a row from every order it is filed in; nothing when there is no such row. */
    void remove(long id) {
        long[] old = filedUnder.remove(id);
        if (old == null) {
            return;
        }
        int i = 0;
        for (RowSort<T> sort : sorts.values()) {
            sorted.get(sort.name()).remove(new Connections.Key(old[i++], id));
        }
        byId.remove(id);
    }

    T get(long id) {
        return byId.get(id);
    }

    /** The rows by ascending id, unmodifiable. */
    Collection<T> values() {
        return Collections.unmodifiableCollection(byId.values());
    }

    int size() {
        return byId.size();
    }

    /**
     * The rows as a connection sorted by {@code sortKey} (by id when the shop cannot sort by it) lists them,
     * narrowed to the range that the {@code query}'s terms on the sort's field allow.
     */
    Connections.Sort<T> sort(String sortKey, boolean reverse, SearchQuery query, ZoneId zone) {
        RowSort<T> sort = sorts.getOrDefault(sortKey, sorts.get(RowSort.ID));
        Connections.Sort<T> rows = new Connections.Sort<>(sorted.get(sort.name()), sort.time(), reverse);
        if (sort.searchField() == null) {
            return rows;
        }
        SearchQuery.Seconds range = query.range(sort.searchField(), zone);
        return rows.within(range.from(), range.to());
    }
}
