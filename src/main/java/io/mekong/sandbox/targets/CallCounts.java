package io.mekong.sandbox.targets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many calls a simulated target answered, by endpoint (method and path template, e.g.
 * {@code POST /api/profile-import}) and status: cheap to count from many threads, read by tests and {@code _state}.
 */
public final class CallCounts {

    private final Map<String, Map<Integer, LongAdder>> counts = new ConcurrentHashMap<>();

    void count(String endpoint, int status) {
        counts.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** Calls to {@code endpoint} answered with {@code status}. */
    public long of(String endpoint, int status) {
        Map<Integer, LongAdder> byStatus = counts.get(endpoint);
        LongAdder n = byStatus == null ? null : byStatus.get(status);
        return n == null ? 0 : n.sum();
    }

    /** Calls to {@code endpoint}, whatever their answer. */
    public long of(String endpoint) {
        Map<Integer, LongAdder> byStatus = counts.get(endpoint);
        return byStatus == null ? 0 : byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Calls answered with {@code status}, whatever their endpoint. */
    public long withStatus(int status) {
        return counts.values().stream().map(m -> m.get(status)).filter(n -> n != null).mapToLong(LongAdder::sum).sum();
    }

    /** {@code {"byEndpoint":{"POST /api/events":{"202":3}},"byStatus":{"202":3}}}, sorted. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ObjectNode byEndpoint = json.putObject("byEndpoint");
        Map<Integer, Long> totals = new TreeMap<>();
        new TreeMap<>(counts).forEach((endpoint, byStatus) -> {
            ObjectNode e = byEndpoint.putObject(endpoint);
            new TreeMap<>(byStatus).forEach((status, n) -> {
                e.put(String.valueOf(status), n.sum());
                totals.merge(status, n.sum(), Long::sum);
            });
        });
        ObjectNode byStatus = json.putObject("byStatus");
        totals.forEach((status, n) -> byStatus.put(String.valueOf(status), n));
        return json;
    }
}
