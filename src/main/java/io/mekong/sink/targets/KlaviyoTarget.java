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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Klaviyo (docs/targets.md): profiles imported in bulk jobs (the job's profiles name their Klaviyo ids, which the ID
 * map keeps; its import errors are refusals), external_id the Mekong profile id; an order's events (Placed Order,
 * Ordered Product per line, Fulfilled Order once fulfilled) and abandoned checkouts' Started Checkout sent in bulk jobs, each with a unique_id so Klaviyo keeps one;
 * email and SMS subscriptions from the profile's consents (subscribed subscribes, unsubscribed unsubscribes, nothing
 * else is sent); a data-privacy deletion per profile of an erased person.
 */
public final class KlaviyoTarget extends ConnectorTarget {

    static final String PROFILE = "profile";
    private static final Map<String, String> CHANNEL_IDENTIFIER = Map.of("email", "email", "sms", "phone_number");

    /** @param connections opens a connection by its global id (ConnectionService::context) */
    public KlaviyoTarget(ConnectorEngine engine, OutboundMapper mapper, IdMap ids,
            Function<String, ConnectionContext> connections) {
        super("klaviyo", engine, mapper, ids, connections);
    }

    @Override
    public Delivery write(Destination destination, List<BusEvent> events) throws TargetUnavailableException {
        TargetCalls calls = calls(destination);
        List<Delivery.Refused> refused = new ArrayList<>();
        List<BusEvent> profiles = Subjects.latest(events, "io.mekong.profile.changed");
        if (destination.deliver().contains("profiles")) {
            importProfiles(destination, calls, profiles, refused);
            for (Merge merge : merges(destination, PROFILE, events)) {
                ObjectNode body = Json.MAPPER.createObjectNode();
                ObjectNode data = body.putObject("data").put("type", "profile-merge").put("id", merge.survivor().targetId());
                data.putObject("relationships").putObject("profiles").putArray("data").addObject().put("type", "profile")
                        .put("id", merge.gone().targetId());
                merged(destination, merge, calls.send("mergeProfiles", Map.of(), body)).ifPresent(refused::add);
            }
        }
        if (destination.deliver().contains("consent")) {
            subscriptions(calls, profiles, refused);
        }
        List<Pending> groups = new ArrayList<>();
        if (destination.deliver().contains("events")) { // Klaviyo keeps no orders, only their events (docs/destinations.md)
            for (BusEvent order : Subjects.latest(events, "io.mekong.order.changed")) {
                orderEvents(calls, order, refused).ifPresent(groups::add);
            }
            for (BusEvent checkout : Subjects.latest(events, "io.mekong.checkout.abandoned")) {
                group(calls, checkout, List.of(mapped(calls, "started-checkout", checkout.data())), refused)
                        .ifPresent(groups::add);
            }
        }
        List<TargetCalls.Answer> answers = calls.sendBatched("createEvents", groups.stream().map(Pending::item).toList());
        for (int i = 0; i < groups.size(); i++) {
            if (answers.get(i).refused()) {
                refused.add(new Delivery.Refused(groups.get(i).event().id(), answers.get(i).refusal()));
            }
        }
        if (destination.deliver().contains("erasures")) {
            for (BusEvent erasure : Subjects.latest(events, "io.mekong.erasure.requested")) {
                erase(destination, calls, erasure).ifPresent(refused::add);
            }
        }
        return new Delivery(refused);
    }

    private record Pending(BusEvent event, JsonNode item) {
    }

    /** A profile to import, with the hash of what is sent (an unchanged profile is not sent again). */
    private record Changed(BusEvent event, KlaviyoProfileImport.Profile profile, String state) {
    }

    /**
     * Klaviyo holds a phone number on one profile only, and an import with a phone another profile holds updates that
     * profile instead (or is refused): people the hub keeps apart who share a phone (a household's, a shop's landline)
     * would overwrite each other. A phone that the ID map shows on another profile's Klaviyo profile, or that an
     * earlier profile of this delivery carries, is sent as the property {@code mekong_phone} instead.
     */
    private List<Changed> sharedPhonesAsProperties(Destination destination, List<Changed> changed) {
        Map<String, String> phoneHashes = new LinkedHashMap<>();
        for (Changed c : changed) {
            JsonNode phone = c.profile().item().at(KlaviyoProfileImport.PHONE);
            if (phone.isTextual()) {
                phoneHashes.put(c.profile().localId(), KeyHashes.phone(phone.asText()));
            }
        }
        if (phoneHashes.isEmpty()) {
            return changed;
        }
        Map<String, String> holders = new java.util.HashMap<>();
        for (IdMap.Entry entry : ids.withKeys(destination.id(), new java.util.HashSet<>(phoneHashes.values()))) {
            if (entry.kind().equals(PROFILE)) {
                entry.keyHashes().forEach(hash -> holders.putIfAbsent(hash, entry.localId()));
            }
        }
        List<Changed> sent = new ArrayList<>();
        for (Changed c : changed) {
            String localId = c.profile().localId();
            String hash = phoneHashes.get(localId);
            if (hash != null && !holders.computeIfAbsent(hash, h -> localId).equals(localId)) {
                sent.add(new Changed(c.event(), KlaviyoProfileImport.withoutPhone(c.profile()), c.state()));
            } else {
                sent.add(c);
            }
        }
        return sent;
    }

    /**
     * The changed profiles in bulk import jobs (KlaviyoProfileImport); each imported one goes to the ID map with its
     * Klaviyo id (the one known before when the job's profiles were not read), each one Klaviyo refused is refused.
     */
    private void importProfiles(Destination destination, TargetCalls calls, List<BusEvent> events,
                                List<Delivery.Refused> refused) throws TargetUnavailableException {
        List<Changed> changed = new ArrayList<>();
        Map<String, IdMap.Entry> known = new LinkedHashMap<>();
        Map<String, IdMap.Entry> entries = ids.findAll(destination.id(), PROFILE,
                events.stream().map(e -> e.data().path("profileId").asText()).toList());
        for (BusEvent event : events) {
            OutboundMapper.Outbound mapped = mapper.map("klaviyo", "profile", event.data(), calls.params());
            if (mapped instanceof OutboundMapper.Outbound.Rejected r) {
                refused.add(new Delivery.Refused(event.id(), r.reason()));
                continue;
            }
            JsonNode item = ((OutboundMapper.Outbound.Mapped) mapped).item();
            String state = KeyHashes.sha256(item.toString());
            String localId = event.data().path("profileId").asText();
            Optional<IdMap.Entry> entry = Optional.ofNullable(entries.get(localId));
            if (entry.map(e -> state.equals(e.stateHash())).orElse(false)) {
                continue;
            }
            entry.ifPresent(e -> known.put(localId, e));
            changed.add(new Changed(event, new KlaviyoProfileImport.Profile(localId, item), state));
        }
        if (changed.isEmpty()) {
            return;
        }
        changed = sharedPhonesAsProperties(destination, changed);
        boolean needIds = changed.stream().anyMatch(c -> known.get(c.profile().localId()) == null
                || known.get(c.profile().localId()).targetId() == null);
        KlaviyoProfileImport.Outcome outcome = new KlaviyoProfileImport(calls, engine.sleeper(),
                engine.action("klaviyo", "importProfiles")).run(changed.stream().map(Changed::profile).toList(), needIds);
        List<IdMap.Entry> imported = new ArrayList<>();
        for (Changed c : changed) {
            String localId = c.profile().localId();
            String refusal = outcome.refused().get(localId);
            if (refusal != null) {
                refused.add(new Delivery.Refused(c.event().id(), refusal));
                continue;
            }
            IdMap.Entry before = known.get(localId);
            String klaviyoId = outcome.klaviyoIds().getOrDefault(localId, before == null ? null : before.targetId());
            imported.add(new IdMap.Entry(PROFILE, localId, klaviyoId, KeyHashes.of(c.event().data()), c.state()));
        }
        ids.saveAll(destination.id(), imported);
    }

    /**
     * Marketing consent per channel: only {@code subscribed} subscribes and only {@code unsubscribed} unsubscribes;
     * pending, not_subscribed and a channel never asked about send nothing.
     */
    private void subscriptions(TargetCalls calls, List<BusEvent> profiles, List<Delivery.Refused> refused)
            throws TargetUnavailableException {
        Map<String, List<Pending>> jobs = new LinkedHashMap<>();
        jobs.put("subscribe", new ArrayList<>());
        jobs.put("unsubscribe", new ArrayList<>());
        for (BusEvent event : profiles) {
            for (Map.Entry<String, String> channel : CHANNEL_IDENTIFIER.entrySet()) {
                String status = event.data().path("consents").path(channel.getKey()).path("status").asText("");
                String identifier = event.data().path(channel.getKey().equals("email") ? "email" : "phone").asText("");
                if (identifier.isBlank() || !status.equals("subscribed") && !status.equals("unsubscribed")) {
                    continue;
                }
                ObjectNode item = Json.MAPPER.createObjectNode().put("type", "profile");
                ObjectNode attributes = item.putObject("attributes").put(channel.getValue(), identifier.trim());
                attributes.putObject("subscriptions").putObject(channel.getKey()).putObject("marketing")
                        .put("consent", status.toUpperCase(java.util.Locale.ROOT));
                jobs.get(status.equals("subscribed") ? "subscribe" : "unsubscribe").add(new Pending(event, item));
            }
        }
        for (Map.Entry<String, List<Pending>> job : jobs.entrySet()) {
            List<TargetCalls.Answer> answers = calls.sendBatched(job.getKey(),
                    job.getValue().stream().map(Pending::item).toList());
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i).refused()) {
                    refused.add(new Delivery.Refused(job.getValue().get(i).event().id(), answers.get(i).refusal()));
                }
            }
        }
    }

    /** Placed Order, Ordered Product per line and, once fulfilled, Fulfilled Order: one bulk item for the person. */
    private Optional<Pending> orderEvents(TargetCalls calls, BusEvent order, List<Delivery.Refused> refused) {
        JsonNode data = order.data();
        List<OutboundMapper.Outbound> events = new ArrayList<>();
        events.add(mapped(calls, "placed-order", data));
        for (JsonNode line : data.path("lines")) {
            ObjectNode withLine = ((ObjectNode) data).deepCopy();
            withLine.set("line", line);
            events.add(mapped(calls, "ordered-product", withLine));
        }
        if ("fulfilled".equals(data.path("fulfillmentStatus").asText())) {
            events.add(mapped(calls, "fulfilled-order", data));
        }
        return group(calls, order, events, refused);
    }

    private OutboundMapper.Outbound mapped(TargetCalls calls, String name, JsonNode data) {
        return mapper.map("klaviyo", name, data, calls.params());
    }

    /** The bulk item of one subject's events, for its person (external_id, else email); refused when one fails. */
    private static Optional<Pending> group(TargetCalls calls, BusEvent subject, List<OutboundMapper.Outbound> events,
                                           List<Delivery.Refused> refused) {
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (OutboundMapper.Outbound event : events) {
            if (event instanceof OutboundMapper.Outbound.Rejected r) {
                refused.add(new Delivery.Refused(subject.id(), r.reason()));
                return Optional.empty();
            }
            data.add(((OutboundMapper.Outbound.Mapped) event).item());
        }
        ObjectNode person = Json.MAPPER.createObjectNode();
        JsonNode source = subject.data();
        if (source.hasNonNull("profileId")) {
            person.put("external_id", source.get("profileId").asText());
        } else if (source.hasNonNull("email")) {
            person.put("email", source.get("email").asText().trim());
        } else {
            return Optional.empty(); // nobody to attribute the events to: Klaviyo's events belong to a profile
        }
        ObjectNode item = Json.MAPPER.createObjectNode().put("type", "event-bulk-create");
        ObjectNode attributes = item.putObject("attributes");
        attributes.putObject("profile").putObject("data").put("type", "profile").set("attributes", person);
        attributes.putObject("events").set("data", data);
        return Optional.of(new Pending(subject, item));
    }

    /** A data-privacy deletion of every Klaviyo profile written with the person's email or phone. */
    private Optional<Delivery.Refused> erase(Destination destination, TargetCalls calls, BusEvent erasure)
            throws TargetUnavailableException {
        for (IdMap.Entry entry : ids.withKeys(destination.id(), KeyHashes.ofErasure(erasure.data()))) {
            if (entry.targetId() != null) {
                ObjectNode body = Json.MAPPER.createObjectNode();
                body.putObject("data").put("type", "data-privacy-deletion-job").putObject("attributes")
                        .putObject("profile").putObject("data").put("type", "profile").put("id", entry.targetId());
                TargetCalls.Answer answer = calls.send("deleteProfile", Map.of(), body);
                if (answer.refused()) {
                    return Optional.of(new Delivery.Refused(erasure.id(), answer.refusal()));
                }
            }
            ids.remove(destination.id(), entry.kind(), entry.localId());
        }
        return Optional.empty();
    }
}
