package io.mekong.sink.targets;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HubSpot (docs/targets.md): profiles become contacts upserted by email in batches of 100, orders become deals named
 * with the order number and associated with their contact, erasures GDPR-delete the person's contacts. Everyone with an
 * email goes to the CRM, whatever their marketing consent.
 */
public final class HubSpotTarget extends ConnectorTarget {

    static final String CONTACT = "contact";
    static final String DEAL = "deal";
    /** HubSpot's association type of a deal to a contact (HUBSPOT_DEFINED). */
    static final int DEAL_TO_CONTACT = 3;
    /** HubSpot's 409: "Contact already exists. Existing ID: 12345". */
    private static final Pattern EXISTING_ID = Pattern.compile("Existing ID: (\\d+)");

    /** @param connections opens a connection by its global id (ConnectionService::context) */
    public HubSpotTarget(ConnectorEngine engine, OutboundMapper mapper, IdMap ids,
            Function<String, ConnectionContext> connections) {
        super("hubspot", engine, mapper, ids, connections);
    }

    @Override
    public Delivery write(Destination destination, List<BusEvent> events) throws TargetUnavailableException {
        TargetCalls calls = calls(destination);
        List<Delivery.Refused> refused = new ArrayList<>();
        if (destination.deliver().contains("profiles")) {
            contacts(destination, calls, Subjects.latest(events, "io.mekong.profile.changed"), refused);
        }
        if (destination.deliver().contains("orders")) {
            deals(destination, calls, Subjects.latest(events, "io.mekong.order.changed"), refused);
        }
        if (destination.deliver().contains("erasures")) {
            for (BusEvent erasure : Subjects.latest(events, "io.mekong.erasure.requested")) {
                erase(destination, calls, erasure).ifPresent(refused::add);
            }
        }
        return new Delivery(refused);
    }

    private record Pending(BusEvent event, JsonNode item, String stateHash) {
    }

    private void contacts(Destination destination, TargetCalls calls, List<BusEvent> profiles, List<Delivery.Refused> refused)
            throws TargetUnavailableException {
        List<Pending> pending = new ArrayList<>();
        for (BusEvent event : profiles) {
            if (!event.data().hasNonNull("email")) {
                continue; // HubSpot keys contacts by email: a profile without one has no contact to write
            }
            OutboundMapper.Outbound mapped = mapper.map("hubspot", "contact", event.data(), calls.params());
            if (mapped instanceof OutboundMapper.Outbound.Rejected r) {
                refused.add(new Delivery.Refused(event.id(), r.reason()));
                continue;
            }
            JsonNode item = ((OutboundMapper.Outbound.Mapped) mapped).item();
            String state = KeyHashes.sha256(item.toString());
            Optional<IdMap.Entry> known = ids.find(destination.id(), CONTACT, localId(event));
            if (known.isPresent() && state.equals(known.get().stateHash())) {
                continue;
            }
            boolean emailChanged = known.isPresent() && known.get().targetId() != null
                    && !known.get().keyHashes().contains(KeyHashes.email(item.path("id").asText()));
            if (!emailChanged || !updateContact(destination, calls, new Pending(event, item, state), known.get(), refused)) {
                pending.add(new Pending(event, item, state));
            }
        }
        List<TargetCalls.Answer> answers = calls.sendBatched("upsertContacts", pending.stream().map(Pending::item).toList());
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            TargetCalls.Answer answer = answers.get(i);
            String email = p.item().path("id").asText();
            if (answer.refused()) {
                refused.add(new Delivery.Refused(p.event().id(), answer.refusal()));
                continue;
            }
            Optional<String> error = batchError(answer.json(), email);
            if (error.isPresent()) {
                refused.add(new Delivery.Refused(p.event().id(), "hubspot: " + error.get()));
                continue;
            }
            String contactId = contactId(answer.json(), email);
            ids.save(destination.id(), new IdMap.Entry(CONTACT, localId(p.event()), contactId,
                    KeyHashes.of(p.event().data()), p.stateHash()));
        }
    }

    /**
     * Updates the contact of a profile whose email changed, by its id. A 409 names the contact that already holds the
     * new email, which is recorded instead (never retried). Returns false when HubSpot no longer has the contact, so
     * that the batch upsert writes a new one.
     */
    private boolean updateContact(Destination destination, TargetCalls calls, Pending contact, IdMap.Entry known,
                                  List<Delivery.Refused> refused) throws TargetUnavailableException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("properties", contact.item().path("properties"));
        TargetCalls.Answer answer = calls.send("updateContact", Map.of("id", known.targetId()), body);
        if (answer.refused()) {
            refused.add(new Delivery.Refused(contact.event().id(), answer.refusal()));
            return true;
        }
        if (answer.result().status() == 404) {
            return false;
        }
        String contactId = known.targetId();
        if (answer.result().status() == 409) {
            Matcher existing = EXISTING_ID.matcher(answer.json().path("message").asText());
            contactId = existing.find() ? existing.group(1) : null;
        }
        ids.save(destination.id(), new IdMap.Entry(CONTACT, localId(contact.event()), contactId,
                KeyHashes.of(contact.event().data()), contact.stateHash()));
        return true;
    }

    /** The id of the contact with this email in a batch answer's results. */
    private static String contactId(JsonNode answer, String email) {
        for (JsonNode result : answer.path("results")) {
            if (result.path("properties").path("email").asText().toLowerCase(Locale.ROOT).equals(email)) {
                return result.path("id").asText();
            }
        }
        return null;
    }

    /** The message of a batch answer's error about this id (a 207: the others were written). */
    private static Optional<String> batchError(JsonNode answer, String id) {
        for (JsonNode error : answer.path("errors")) {
            for (JsonNode errorId : error.path("context").path("ids")) {
                if (errorId.asText().equalsIgnoreCase(id)) {
                    return Optional.of(error.path("message").asText("refused"));
                }
            }
        }
        return Optional.empty();
    }

    private void deals(Destination destination, TargetCalls calls, List<BusEvent> orders, List<Delivery.Refused> refused)
            throws TargetUnavailableException {
        List<Pending> creates = new ArrayList<>();
        List<Pending> updates = new ArrayList<>();
        for (BusEvent event : orders) {
            OutboundMapper.Outbound mapped = mapper.map("hubspot", "deal", event.data(), calls.params());
            if (mapped instanceof OutboundMapper.Outbound.Rejected r) {
                refused.add(new Delivery.Refused(event.id(), r.reason()));
                continue;
            }
            ObjectNode item = ((ObjectNode) ((OutboundMapper.Outbound.Mapped) mapped).item()).deepCopy();
            String state = KeyHashes.sha256(item.toString());
            Optional<IdMap.Entry> known = ids.find(destination.id(), DEAL, Subjects.recordKey(event));
            if (known.isPresent() && state.equals(known.get().stateHash())) {
                continue;
            }
            if (known.isPresent()) {
                item.put("id", known.get().targetId());
                updates.add(new Pending(event, item, state));
            } else {
                associate(destination, event, item);
                creates.add(new Pending(event, item, state));
            }
        }
        List<TargetCalls.Answer> created = calls.sendBatched("createDeals", creates.stream().map(Pending::item).toList());
        record(destination, creates, created, refused, true);
        List<TargetCalls.Answer> updated = calls.sendBatched("updateDeals", updates.stream().map(Pending::item).toList());
        record(destination, updates, updated, refused, false);
    }

    /** The deal is associated with the contact written for the order's profile, when there is one. */
    private void associate(Destination destination, BusEvent order, ObjectNode deal) {
        if (!order.data().hasNonNull("profileId")) {
            return;
        }
        ids.find(destination.id(), CONTACT, order.data().get("profileId").asText()).map(IdMap.Entry::targetId)
                .ifPresent(contactId -> {
                    ObjectNode association = deal.putArray("associations").addObject();
                    association.putObject("to").put("id", contactId);
                    association.putArray("types").addObject().put("associationCategory", "HUBSPOT_DEFINED")
                            .put("associationTypeId", DEAL_TO_CONTACT);
                });
    }

    /** Records each written deal; a batch create answers its deals in input order, an update names them by id. */
    private void record(Destination destination, List<Pending> written, List<TargetCalls.Answer> answers,
                        List<Delivery.Refused> refused, boolean created) {
        Map<TargetCalls.Answer, Integer> positions = new HashMap<>();
        for (int i = 0; i < written.size(); i++) {
            Pending p = written.get(i);
            TargetCalls.Answer answer = answers.get(i);
            int position = positions.merge(answer, 1, Integer::sum) - 1;
            if (answer.refused()) {
                refused.add(new Delivery.Refused(p.event().id(), answer.refusal()));
                continue;
            }
            String dealId = created ? answer.json().path("results").path(position).path("id").asText(null)
                    : p.item().path("id").asText();
            Optional<String> error = created ? Optional.empty() : batchError(answer.json(), dealId);
            if (error.isPresent()) {
                refused.add(new Delivery.Refused(p.event().id(), "hubspot: " + error.get()));
                continue;
            }
            ids.save(destination.id(), new IdMap.Entry(DEAL, Subjects.recordKey(p.event()), dealId,
                    KeyHashes.of(p.event().data()), p.stateHash()));
        }
    }

    /** GDPR-deletes every contact written with the person's email or phone; deals lose their contact with it. */
    private Optional<Delivery.Refused> erase(Destination destination, TargetCalls calls, BusEvent erasure)
            throws TargetUnavailableException {
        Set<String> keys = KeyHashes.ofErasure(erasure.data());
        for (IdMap.Entry entry : ids.withKeys(destination.id(), keys)) {
            if (entry.kind().equals(CONTACT) && entry.targetId() != null) {
                ObjectNode body = Json.MAPPER.createObjectNode().put("objectId", entry.targetId());
                TargetCalls.Answer answer = calls.send("gdprDelete", Map.of(), body);
                if (answer.refused()) {
                    return Optional.of(new Delivery.Refused(erasure.id(), answer.refusal()));
                }
            }
            ids.remove(destination.id(), entry.kind(), entry.localId());
        }
        return Optional.empty();
    }

    private static String localId(BusEvent profile) {
        return profile.data().path("profileId").asText();
    }
}
