package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The seeking, lazily filtering page walk answers exactly what sorting and filtering every row and scanning to
 * the cursors answers (the simulator's original algorithm, kept here as the reference).
 */
class ConnectionsTest {

    record Row(long id, long value) implements Identified {
    }

    record Expected(List<Long> ids, boolean hasNext, boolean hasPrevious) {
    }

    final Random random = new Random(20251001);

    @Test
    void pagesMatchTheSortAndScanReferenceForEveryWindowShape() {
        NavigableMap<Connections.Key, Row> rows = new TreeMap<>();
        for (long id = 1; id <= 60; id++) {
            Row row = new Row(id * 10, random.nextInt(20)); // repeated sort values: ties broken by id
            rows.put(new Connections.Key(row.value(), row.id()), row);
        }
        List<Predicate<Row>> filters = List.of(r -> true, r -> r.id() % 30 == 0, r -> r.value() % 3 == 1, r -> false);
        int checked = 0;
        for (int i = 0; i < 4000; i++) {
            boolean reverse = random.nextBoolean();
            Predicate<Row> filter = filters.get(random.nextInt(filters.size()));
            long from = random.nextInt(4) == 0 ? random.nextInt(20) : Long.MIN_VALUE;
            long to = random.nextInt(4) == 0 ? random.nextInt(20) : Long.MAX_VALUE;
            Integer first = random.nextInt(3) == 0 ? null : random.nextInt(8);
            Integer last = first != null && random.nextInt(3) != 0 ? null : random.nextInt(8);
            Connections.Key after = random.nextInt(3) == 0 ? null : anyKey(rows);
            Connections.Key before = random.nextInt(3) == 0 ? null : anyKey(rows);
            Connections.Window window = new Connections.Window(first, cursor(after), last, cursor(before));

            Connections.Connection<Row> page = Connections.page(
                    new Connections.Sort<>(rows, false, reverse).within(from, to), window, filter);
            Expected expected = reference(rows, reverse,
                    filter.and(r -> r.value() >= from && r.value() <= to), first, after, last, before);

            String shape = "reverse=%s range=[%d,%d] first=%s after=%s last=%s before=%s".formatted(
                    reverse, from, to, first, after, last, before);
            assertThat(page.nodes().stream().map(Row::id).toList()).as(shape).isEqualTo(expected.ids());
            assertThat(page.pageInfo().hasNextPage()).as("hasNextPage " + shape).isEqualTo(expected.hasNext());
            assertThat(page.pageInfo().hasPreviousPage()).as("hasPreviousPage " + shape)
                    .isEqualTo(expected.hasPrevious());
            if (!page.nodes().isEmpty()) {
                Row end = page.nodes().get(page.nodes().size() - 1);
                assertThat(page.pageInfo().endCursor()).isEqualTo(cursor(new Connections.Key(end.value(), end.id())));
                checked++;
            }
        }
        assertThat(checked).as("non-empty pages among the windows").isGreaterThan(1000);
    }

    @Test
    void positionalConnectionsKeepListOrder() {
        List<Row> lines = List.of(new Row(9, 0), new Row(3, 0), new Row(7, 0));
        Connections.Connection<Row> page = Connections.positional(lines, new Connections.Window(2, null, null, null));
        assertThat(page.nodes()).containsExactly(lines.get(0), lines.get(1));
        assertThat(page.pageInfo().hasNextPage()).isTrue();
        Connections.Connection<Row> rest = Connections.positional(lines,
                new Connections.Window(2, page.pageInfo().endCursor(), null, null));
        assertThat(rest.nodes()).containsExactly(lines.get(2));
        assertThat(rest.pageInfo().hasNextPage()).isFalse();
        assertThat(rest.pageInfo().hasPreviousPage()).isTrue();
    }

    /** A row's key, or a key between rows, before all or after all. */
    private Connections.Key anyKey(NavigableMap<Connections.Key, Row> rows) {
        List<Connections.Key> keys = new ArrayList<>(rows.keySet());
        Connections.Key key = keys.get(random.nextInt(keys.size()));
        return switch (random.nextInt(4)) {
            case 0 -> new Connections.Key(key.value(), key.id() + 1);
            case 1 -> new Connections.Key(random.nextBoolean() ? -5 : 25, 1);
            default -> key;
        };
    }

    private static String cursor(Connections.Key key) {
        return key == null ? null : Connections.encode(key, false);
    }

    /** The original algorithm: filter all, sort all, scan to the cursors, count positions. */
    private static Expected reference(NavigableMap<Connections.Key, Row> rows, boolean reverse, Predicate<Row> filter,
                                      Integer first, Connections.Key after, Integer last, Connections.Key before) {
        Comparator<Connections.Key> keys = reverse ? Comparator.<Connections.Key>naturalOrder().reversed()
                : Comparator.naturalOrder();
        List<Row> sorted = new ArrayList<>(rows.values().stream().filter(filter).toList());
        sorted.sort((a, b) -> keys.compare(key(a), key(b)));
        int from = 0;
        int to = sorted.size();
        if (after != null) {
            while (from < to && keys.compare(key(sorted.get(from)), after) <= 0) {
                from++;
            }
        }
        if (before != null) {
            while (to > from && keys.compare(key(sorted.get(to - 1)), before) >= 0) {
                to--;
            }
        }
        if (first != null) {
            to = Math.min(to, from + first);
        }
        if (last != null) {
            from = Math.max(from, to - last);
        }
        return new Expected(sorted.subList(from, to).stream().map(Row::id).toList(), to < sorted.size(), from > 0);
    }

    private static Connections.Key key(Row row) {
        return new Connections.Key(row.value(), row.id());
    }
}
