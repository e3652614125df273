package io.mekong.sink.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.bus.BusEvent;
import io.mekong.config.Json;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.spec.ActionSpec;
import io.mekong.mapping.OutboundMapper;
import io.mekong.sink.Delivery;
import io.mekong.sink.Destination;
import io.mekong.sink.TargetUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Mailchimp (docs/targets.md): a profile whose email consent is subscribed becomes a list member, written in batch
 * subscribe requests of up to 500 members (created or updated), with merge fields and tags; a member written before is
 * unsubscribed when the consent no longer says subscribed, and takes the new email when the profile's changes; nobody
 * else is sent. Orders go to the store as e-commerce orders (POST when the ID map knows none, PATCH
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
            members(destination, calls, Subjects.latest(events, "io.mekong.profile.changed"), refused);
            // Mailchimp cannot merge members: the merged-away person's member is archived (its history kept) and stays
            // in the ID map, so that an erasure of the person still deletes it for good
            for (Merge merge : merges(destination, MEMBER, events)) {
                TargetCalls.Answer archived = calls.send("archiveMember", Map.of("hash", merge.gone().targetId()), null);
                if (archived.refused()) {
                    refused.add(new Delivery.Refused(merge.event().id(), archived.refusal()));
                }
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

    /**
     * A member to write: its event, its batch item, the subscriber hash it had (null when new), the hashes of what is
     * sent and of its tags (the ID map keeps both, {@code member/tags}), and whether its tags changed since written.
     */
    private record Member(BusEvent event, JsonNode item, String oldHash, String memberState, String tagState,
                          boolean tagsChanged) {
        String localId() {
            return event.data().path("profileId").asText();
        }

        String hash() {
            return KeyHashes.subscriberHash(item.path("email_address").asText());
        }

        String state() {
            return memberState + "/" + tagState;
        }
    }

    /**
     * The profiles' members in batch subscribe requests (POST /lists/{id}, up to 500, update_existing); a member whose
     * email changed first takes its new email by its old hash, so the list keeps one member per person. Each member
     * Mailchimp names in {@code errors} is refused; the others go to the ID map and, when their tags changed, are
     * tagged.
     */
    private void members(Destination destination, TargetCalls calls, List<BusEvent> profiles,
                         List<Delivery.Refused> refused) throws TargetUnavailableException {
        List<Member> batch = new ArrayList<>();
        Map<String, IdMap.Entry> members = ids.findAll(destination.id(), MEMBER,
                profiles.stream().map(e -> e.data().path("profileId").asText()).toList());
        for (BusEvent event : profiles) {
            member(calls, event, Optional.ofNullable(members.get(event.data().path("profileId").asText())), refused)
                    .ifPresent(batch::add);
        }
        ActionSpec action = engine.action("mailchimp", "batchMembers");
        for (int from = 0; from < batch.size(); from += action.batch()) {
            List<Member> chunk = batch.subList(from, Math.min(batch.size(), from + action.batch()));
            ArrayNode items = Json.MAPPER.createArrayNode();
            chunk.forEach(m -> items.add(m.item()));
            TargetCalls.Answer answer = calls.send("batchMembers", Map.of(), action.wrap(items));
            if (answer.refused()) {
                chunk.forEach(m -> refused.add(new Delivery.Refused(m.event().id(), answer.refusal())));
                continue;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            for (JsonNode error : answer.json().path("errors")) {
                errors.merge(KeyHashes.subscriberHash(error.path("email_address").asText("")), "mailchimp: "
                        + error.path("error_code").asText("ERROR") + ": " + error.path("error").asText(""),
                        (a, b) -> a + "; " + b);
            }
            for (Member m : chunk) {
                String error = errors.get(m.hash());
                if (error != null) {
                    refused.add(new Delivery.Refused(m.event().id(), error));
                } else {
                    written(destination, calls, m).ifPresent(refused::add);
                }
            }
        }
    }

    /**
     * The profile's member to write, or none: nobody without email consent joins (docs/targets.md, "Consent"), an
     * unchanged member is not sent again. A member whose email changed takes the new one now (PATCH by old hash).
     */
    private Optional<Member> member(TargetCalls calls, BusEvent event, Optional<IdMap.Entry> known,
                                    List<Delivery.Refused> refused) throws TargetUnavailableException {
        JsonNode data = event.data();
        boolean subscribed = "subscribed".equals(data.path("consents").path("email").path("status").asText());
        if (!data.hasNonNull("email") || !subscribed && known.isEmpty()) {
            return Optional.empty(); // a marketing audience holds only people who said yes (docs/targets.md, "Consent")
        }
        OutboundMapper.Outbound mapped = mapper.map("mailchimp", "member", data, calls.params());
        if (mapped instanceof OutboundMapper.Outbound.Rejected r) {
            refused.add(new Delivery.Refused(event.id(), r.reason()));
            return Optional.empty();
        }
        JsonNode item = ((OutboundMapper.Outbound.Mapped) mapped).item();
        String tagState = KeyHashes.sha256(data.path("tags").toString());
        Member member = new Member(event, item, known.map(IdMap.Entry::targetId).orElse(null),
                KeyHashes.sha256(item.toString()), tagState,
                known.map(e -> !String.valueOf(e.stateHash()).endsWith("/" + tagState)).orElse(true));
        if (known.isPresent() && member.state().equals(known.get().stateHash())) {
            return Optional.empty();
        }
        if (member.oldHash() != null && !member.oldHash().equals(member.hash())) {
            ObjectNode change = Json.MAPPER.createObjectNode().put("email_address", item.path("email_address").asText());
            TargetCalls.Answer answer = calls.send("updateMember", Map.of("hash", member.oldHash()), change);
            if (answer.refused()) {
                refused.add(new Delivery.Refused(event.id(), answer.refusal()));
                return Optional.empty();
            }
            if (answer.result().status() == 400 && "Member Exists".equals(answer.json().path("title").asText())) {
                // the new email is already a member: the profile is written to that one, and the old member, whose
                // email nobody has now, is archived (Mailchimp cannot merge members; an archive keeps its history)
                TargetCalls.Answer archived = calls.send("archiveMember", Map.of("hash", member.oldHash()), null);
                if (archived.refused()) {
                    refused.add(new Delivery.Refused(event.id(), archived.refusal()));
                    return Optional.empty();
                }
            } else if (answer.result().status() == 400) { // the new email was deleted for good: it cannot come back
                refused.add(new Delivery.Refused(event.id(), "mailchimp: HTTP 400 from updateMember: "
                        + problem(answer.json())));
                return Optional.empty();
            }
        }
        return Optional.of(member);
    }

    /** Tags the member written when its tags changed, then records it in the ID map. */
    private Optional<Delivery.Refused> written(Destination destination, TargetCalls calls, Member member)
            throws TargetUnavailableException {
        JsonNode data = member.event().data();
        if (member.tagsChanged() && data.path("tags").size() > 0) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode tags = body.putArray("tags");
            data.path("tags").forEach(tag -> tags.addObject().put("name", tag.asText()).put("status", "active"));
            TargetCalls.Answer tagged = calls.send("tagMember", Map.of("hash", member.hash()), body);
            if (tagged.refused()) {
                return Optional.of(new Delivery.Refused(member.event().id(), tagged.refusal()));
            }
        }
        ids.save(destination.id(), new IdMap.Entry(MEMBER, member.localId(), member.hash(), KeyHashes.of(data),
                member.state()));
        return Optional.empty();
    }

    private Optional<Delivery.Refused> order(Destination destination, TargetCalls calls, BusEvent event)
            throws TargetUnavailableException {
        OutboundMapper.Outbound mapped = mapper.map("mailchimp", "order", event.data(), calls.params());
        if (mapped instanceof OutboundMapper.Outbound.Rejected r) {
            return Optional.of(new Delivery.Refused(event.id(), r.reason()));
        }
        JsonNode order = ((OutboundMapper.Outbound.Mapped) mapped).item();
        String customerId = order.path("customer").path("id").asText();
        if (order.path("customer").path("email_address").asText("").isBlank()
                && ids.find(destination.id(), CUSTOMER, customerId).isEmpty()) {
            // Mailchimp's store creates an order's new customer only with an email (its customers are list
            // contacts); a buyer without one (a marketplace's masked buyer, a guest by phone) has no place there
            return Optional.empty();
        }
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
