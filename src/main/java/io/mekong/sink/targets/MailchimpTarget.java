package io.mekong.sink.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.bus.BusEvent;
import io.mekong.config.Json;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.mapping.OutboundMapper;
import io.mekong.sink.Delivery;
import io.mekong.sink.Destination;
import io.mekong.sink.TargetUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Mailchimp (docs/targets.md): a profile whose email consent is subscribed becomes a list member upserted by subscriber
 * hash, with merge fields and tags; a member written before is unsubscribed when the consent no longer says
 * subscribed; nobody else is sent. Orders go to the store as e-commerce orders (POST when the ID map knows none, PATCH
 * after; a POST answered "already exists" after a crash is a PATCH); erasures delete members permanently and remove
 * the store's customer.
 */
public final class MailchimpTarget extends ConnectorTarget {

    static final String MEMBER = "member";
    static final String ORDER = "order";
    static final String CUSTOMER = "customer";

    /** @param connections opens a connection by its global id (ConnectionService::context) */
    public MailchimpTarget(ConnectorEngine engine, OutboundMapper mapper, IdMap ids,
            Function<String, ConnectionContext> connections) {
        super("mailchimp", engine, mapper, ids, connections);
    }

    @Override
    public Delivery write(Destination destination, List<BusEvent> events) throws TargetUnavailableException {
        TargetCalls calls = calls(destination);
        List<Delivery.Refused> refused = new ArrayList<>();
        if (destination.deliver().contains("profiles") || destination.deliver().contains("consent")) {
            for (BusEvent profile : Subjects.latest(events, "io.mekong.profile.changed")) {
                member(destination, calls, profile).ifPresent(refused::add);
            }
        }
        if (destination.deliver().contains("orders")) {
            for (BusEvent order : Subjects.latest(events, "io.mekong.order.changed")) {
                order(destination, calls, order).ifPresent(refused::add);
            }
        }
        if (destination.deliver().contains("erasures")) {
            for (BusEvent erasure : Subjects.latest(events, "io.mekong.erasure.requested")) {
                erase(destination, calls, erasure).ifPresent(refused::add);
            }
        }
        return new Delivery(refused);
    }

    private Optional<Delivery.Refused> member(Destination destination, TargetCalls calls, BusEvent event)
            throws TargetUnavailableException {
        JsonNode data = event.data();
        String localId = data.path("profileId").asText();
        Optional<IdMap.Entry> known = ids.find(destination.id(), MEMBER, localId);
        boolean subscribed = "subscribed".equals(data.path("consents").path("email").path("status").asText());
        if (!data.hasNonNull("email") || !subscribed && known.isEmpty()) {
            return Optional.empty(); // a marketing audience holds only people who said yes (docs/targets.md, "Consent")
        }
        OutboundMapper.Outbound mapped = mapper.map("mailchimp", "member", data, calls.params());
        if (mapped instanceof OutboundMapper.Outbound.Rejected r) {
            return Optional.of(new Delivery.Refused(event.id(), r.reason()));
        }
        JsonNode member = ((OutboundMapper.Outbound.Mapped) mapped).item();
        String state = KeyHashes.sha256(member.toString() + data.path("tags"));
        if (known.isPresent() && state.equals(known.get().stateHash())) {
            return Optional.empty();
        }
        String hash = KeyHashes.subscriberHash(member.path("email_address").asText());
        TargetCalls.Answer answer = calls.send("upsertMember", Map.of("hash", hash), member);
        if (answer.refused()) {
            return Optional.of(new Delivery.Refused(event.id(), answer.refusal()));
        }
        if (data.path("tags").size() > 0) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode tags = body.putArray("tags");
            data.path("tags").forEach(tag -> tags.addObject().put("name", tag.asText()).put("status", "active"));
            TargetCalls.Answer tagged = calls.send("tagMember", Map.of("hash", hash), body);
            if (tagged.refused()) {
                return Optional.of(new Delivery.Refused(event.id(), tagged.refusal()));
            }
        }
        ids.save(destination.id(), new IdMap.Entry(MEMBER, localId, hash, KeyHashes.of(data), state));
        return Optional.empty();
    }

    private Optional<Delivery.Refused> order(Destination destination, TargetCalls calls, BusEvent event)
            throws TargetUnavailableException {
        OutboundMapper.Outbound mapped = mapper.map("mailchimp", "order", event.data(), calls.params());
        if (mapped instanceof OutboundMapper.Outbound.Rejected r) {
            return Optional.of(new Delivery.Refused(event.id(), r.reason()));
        }
        JsonNode order = ((OutboundMapper.Outbound.Mapped) mapped).item();
        String localId = Subjects.recordKey(event);
        String orderId = order.path("id").asText();
        String state = KeyHashes.sha256(order.toString());
        Optional<IdMap.Entry> known = ids.find(destination.id(), ORDER, localId);
        if (known.isPresent() && state.equals(known.get().stateHash())) {
            return Optional.empty();
        }
        TargetCalls.Answer answer;
        if (known.isEmpty()) {
            answer = calls.send("createOrder", Map.of(), order);
            if (!answer.refused() && answer.result().status() == 400) {
                if (!answer.json().path("detail").asText().contains("already exists")) {
                    return Optional.of(new Delivery.Refused(event.id(), "mailchimp: HTTP 400 from createOrder: "
                            + problem(answer.json())));
                }
                answer = calls.send("updateOrder", Map.of("id", orderId), order); // created before a crash lost its row
            }
        } else {
            answer = calls.send("updateOrder", Map.of("id", orderId), order);
        }
        if (answer.refused()) {
            return Optional.of(new Delivery.Refused(event.id(), answer.refusal()));
        }
        ids.save(destination.id(), new IdMap.Entry(ORDER, localId, orderId, KeyHashes.of(event.data()), state));
        String customerId = order.path("customer").path("id").asText();
        ids.save(destination.id(), new IdMap.Entry(CUSTOMER, customerId, customerId, KeyHashes.of(event.data()), null));
        return Optional.empty();
    }

    /** Mailchimp's problem title, detail and field errors, which name what is wrong without echoing the body. */
    private static String problem(JsonNode body) {
        StringBuilder text = new StringBuilder(body.path("title").asText("refused")).append(": ")
                .append(body.path("detail").asText(""));
        body.path("errors").forEach(e -> text.append(" ").append(e.path("field").asText()).append(": ")
                .append(e.path("message").asText()).append(";"));
        return text.toString().strip();
    }

    /** Deletes the person's members permanently and the store's customers; orders lose their customer with them. */
    private Optional<Delivery.Refused> erase(Destination destination, TargetCalls calls, BusEvent erasure)
            throws TargetUnavailableException {
        for (IdMap.Entry entry : ids.withKeys(destination.id(), KeyHashes.ofErasure(erasure.data()))) {
            TargetCalls.Answer answer = switch (entry.kind()) {
                case MEMBER -> calls.send("deleteMember", Map.of("hash", entry.targetId()), null);
                case CUSTOMER -> calls.send("deleteCustomer", Map.of("id", entry.targetId()), null);
                default -> null;
            };
            if (answer != null && answer.refused()) {
                return Optional.of(new Delivery.Refused(erasure.id(), answer.refusal()));
            }
            ids.remove(destination.id(), entry.kind(), entry.localId());
        }
        return Optional.empty();
    }
}
