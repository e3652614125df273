package io.mekong.sink.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.bus.BusEvent;
import io.mekong.config.Json;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.FakeTime;
import io.mekong.mapping.MappingRegistry;
import io.mekong.mapping.OutboundMapper;
import io.mekong.sink.Destination;
import io.mekong.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a writer test needs, all real: a migrated PostgreSQL with a workspace, a target connection and its
 * destination; the connector engine on the real specs; the outbound mappings; events as the bus hands them over.
 */
final class TargetFixture {

    static final String WORKSPACE = "ws-targets";
    static final Instant START = Instant.parse("2025-06-01T10:00:00Z");

    /** The hub's time: its waits between retries pass at once. */
    final FakeTime time = new FakeTime(START);
    /** The simulated target's own time, which the hub's waits do not move: an outage lasts while the hub retries. */
    final FakeTime targetTime = new FakeTime(START);
    final JdbcTemplate jdbc;
    final ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(Path.of("connectors")), time, time);
    final OutboundMapper mapper = new OutboundMapper(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))));
    final IdMap ids;
    private final AtomicLong sequence = new AtomicLong();

    TargetFixture(String connection, String connector) {
        jdbc = TestDatabase.freshWorkspace(WORKSPACE, connection);
        jdbc.update("update connection set connector = ? where id = ?", connector, connection);
        ids = new IdMap(jdbc);
    }

    Destination destination(String connection, String connector, String... deliver) {
        long id = jdbc.queryForObject("insert into destination (workspace_id, api_id, connection_id, deliver)"
                + " values (?, ?, ?, ?::text[]) returning id", Long.class, WORKSPACE, connector + "-dest", connection,
                "{" + String.join(",", deliver) + "}");
        return new Destination(id, connector + "-dest", WORKSPACE, connection, connector, Set.of(deliver), true);
    }

    BusEvent event(String type, String subject, JsonNode data) {
        long offset = sequence.incrementAndGet();
        String kind = type.substring("io.mekong.".length(), type.lastIndexOf('.'));
        UUID id = UUID.randomUUID();
        ObjectNode envelope = Json.MAPPER.createObjectNode().put("specversion", "1.0").put("id", id.toString())
                .put("type", type).put("subject", subject).put("workspace", WORKSPACE).put("sequence", offset);
        envelope.set("data", data);
        return new BusEvent(id, type, WORKSPACE, subject, offset, START, data, envelope.toString(),
                "mekong." + kind + "s", 0, offset);
    }

    BusEvent profile(long profileId, String email, String firstName, String emailConsent) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("profileId", profileId);
        if (email != null) {
            data.put("email", email);
        }
        data.put("phone", "+8490" + (1000000 + profileId)).put("firstName", firstName).put("lastName", "Nguyễn");
        if (emailConsent != null) {
            data.putObject("consents").putObject("email").put("status", emailConsent).put("connector", "shopify");
        }
        return event("io.mekong.profile.changed", Long.toString(profileId), data);
    }

    /** A profile gone from the hub, merged into {@code mergedInto} (null: its people went nowhere). */
    BusEvent removed(long profileId, Long mergedInto) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("profileId", profileId);
        if (mergedInto != null) {
            data.put("mergedInto", mergedInto);
        }
        return event("io.mekong.profile.removed", Long.toString(profileId), data);
    }

    BusEvent order(String externalId, long profileId, String email, long totalMinor, String fulfillment) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("connection", "shop").put("connector", "shopify")
                .put("externalId", externalId).put("profileId", profileId).put("orderNumber", "#" + externalId)
                .put("email", email).put("currency", "USD").put("totalMinor", totalMinor).put("discountMinor", 0)
                .put("shippingMinor", 0).put("taxMinor", 0).put("financialStatus", "paid")
                .put("fulfillmentStatus", fulfillment).put("placedAt", "2025-05-30T08:00:00Z")
                .put("createdAt", "2025-05-30T08:00:00Z").put("updatedAt", "2025-05-31T08:00:00Z");
        data.putArray("lines").addObject().put("externalId", "1").put("productExternalId", "9001")
                .put("variantExternalId", "9101").put("sku", "AO-01").put("title", "Áo thun").put("quantity", 1)
                .put("unitPriceMinor", totalMinor).put("discountMinor", 0).put("currency", "USD");
        return event("io.mekong.order.changed", "shop/" + externalId, data);
    }

    BusEvent erasure(long erasureId, long profileId, String email) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("erasure", erasureId).put("profile", profileId);
        data.putObject("keys").putArray("email").add(KeyHashes.email(email));
        return event("io.mekong.erasure.requested", Long.toString(erasureId), data);
    }

    List<IdMap.Entry> idMap(Destination destination) {
        return jdbc.query("select kind, local_id from destination_object where destination_id = ? order by kind, local_id",
                (rs, i) -> new IdMap.Entry(rs.getString(1), rs.getString(2), null, Set.of(), null), destination.id());
    }
}
