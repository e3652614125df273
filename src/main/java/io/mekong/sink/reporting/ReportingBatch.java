package io.mekong.sink.reporting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.bus.BusEvent;
import io.mekong.config.Json;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One poll's events as the reporting schema's statements take them: for each subject only its newest event (a poll may
 * hold several of one subject; the newest stands for them), split into subjects present (changed or deleted) and
 * removed, each list a JSON array for {@code jsonb_to_recordset}: {@code {seq, workspace, subject, conn, ext, data}}.
 */
final class ReportingBatch {

    /** Kinds of subject the schema keeps, by their event type's kind. */
    static final List<String> KINDS = List.of("profile", "order", "payment", "product");

    private final Map<String, Map<String, BusEvent>> newest = new TreeMap<>();
    private final List<BusEvent> erasures = new ArrayList<>();

    ReportingBatch(Collection<BusEvent> events) {
        for (BusEvent event : events) {
            if (event.kind().equals("erasure")) {
                erasures.add(event);
            } else if (KINDS.contains(event.kind())) {
                newest.computeIfAbsent(event.kind(), k -> new LinkedHashMap<>())
                        .merge(event.subject(), event, (a, b) -> a.sequence() >= b.sequence() ? a : b);
            }
        }
    }

    /** The newest events of a kind's subjects that exist (changed or deleted), as a JSON array. */
    String present(String kind) {
        return array(of(kind, false));
    }

    /** The newest events of a kind's subjects that are gone from the hub (removed). */
    List<BusEvent> removed(String kind) {
        return of(kind, true);
    }

    boolean has(String kind) {
        return newest.containsKey(kind);
    }

    List<BusEvent> erasures() {
        return erasures;
    }

    /** The records (orders, payments, products) present in the batch, whatever their kind: their channels. */
    String records() {
        List<BusEvent> records = new ArrayList<>();
        for (String kind : List.of("order", "payment", "product")) {
            records.addAll(of(kind, false));
        }
        return array(records);
    }

    /** The currencies the batch's orders and payments are in, with their minor-unit digits. */
    Map<String, Integer> currencies() {
        Map<String, Integer> digits = new TreeMap<>();
        for (String kind : List.of("order", "payment")) {
            for (BusEvent event : of(kind, false)) {
                String code = event.data().path("currency").asText("");
                try {
                    digits.put(code, Math.max(0, Currency.getInstance(code).getDefaultFractionDigits()));
                } catch (IllegalArgumentException unknown) {
                    // not an ISO 4217 code: the revenue view assumes 2 digits rather than refusing the batch
                }
            }
        }
        return digits;
    }

    /** The UTC days the batch's orders and payments fall on, for dim_date. */
    List<LocalDate> days() {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (BusEvent event : of("order", false)) {
            day(event.data().path("placedAt").asText(null), days);
        }
        for (BusEvent event : of("payment", false)) {
            day(event.data().path("createdAt").asText(null), days);
        }
        return List.copyOf(days);
    }

    private static void day(String instant, TreeSet<LocalDate> days) {
        if (instant != null) {
            try {
                days.add(java.time.OffsetDateTime.parse(instant).atZoneSameInstant(ZoneOffset.UTC).toLocalDate());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Not an RFC 3339 time in an event: '" + instant + "'", e);
            }
        }
    }

    private List<BusEvent> of(String kind, boolean removed) {
        return newest.getOrDefault(kind, Map.of()).values().stream()
                .filter(event -> event.change().equals("removed") == removed).toList();
    }

    static String array(List<BusEvent> events) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (BusEvent event : events) {
            ObjectNode row = array.addObject().put("seq", event.sequence()).put("workspace", event.workspace())
                    .put("subject", event.subject());
            int slash = event.subject().indexOf('/');
            if (slash > 0) {
                // a record's subject: <connection's global id>/<external id> (connection ids hold no '/')
                row.put("conn", event.subject().substring(0, slash)).put("ext", event.subject().substring(slash + 1));
            }
            row.set("data", event.data());
        }
        return array.toString();
    }
}
