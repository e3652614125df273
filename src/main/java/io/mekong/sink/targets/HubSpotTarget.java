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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HubSpot (docs/targets.md): profiles become contacts upserted by email in batches of 100, orders become deals named
 * with the order number, upserted by the unique deal property {@code mekong_order_key} and associated with their
 * contact, erasures GDPR-delete the person's contacts. Everyone with an email goes to the CRM, whatever their
 * marketing consent. Both upserts make a write sent again (a poll redelivered after a crash) land on the object the
 * first one made.
 */
public final class HubSpotTarget extends ConnectorTarget {

    static final String CONTACT = "contact";
    static final String DEAL = "deal";
    /** HubSpot's association type of a deal to a contact (HUBSPOT_DEFINED). */
    static final int DEAL_TO_CONTACT = 3;
    /** The deal property holding the order key: unique in the portal, the deals' upsert id. */
    static final String ORDER_KEY = "mekong_order_key";
    /** HubSpot's 409: "Contact already exists. Existing ID: 12345". */
    private static final Pattern EXISTING_ID = Pattern.compile("Existing ID: (\\d+)");

    /** The destinations whose portal has been seen to hold {@link #ORDER_KEY} as a unique property, since start. */
    private final Set<Long> orderKeyReady = ConcurrentHashMap.newKeySet();

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
            for (Merge merge : merges(destination, CONTACT, events)) {
                merged(destination, merge, mergeContacts(calls, merge.survivor().targetId(), merge.gone().targetId()))
                        .ifPresent(refused::add);
            }
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
        Map<String, IdMap.Entry> knownContacts = ids.findAll(destination.id(), CONTACT,
                profiles.stream().map(HubSpotTarget::localId).toList());
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
            // the state names the email the contact holds now: key_hashes keep every email it ever had, and an
            // email given up and taken back later (A, B, A) must update the contact by id, not upsert a second one
            String emailKey = KeyHashes.email(item.path("id").asText()) + ":";
            String state = emailKey + KeyHashes.sha256(item.toString());
            Optional<IdMap.Entry> known = Optional.ofNullable(knownContacts.get(localId(event)));
            if (known.isPresent() && state.equals(known.get().stateHash())) {
                continue;
            }
            boolean emailChanged = known.isPresent() && known.get().targetId() != null
                    && !String.valueOf(known.get().stateHash()).startsWith(emailKey);
            if (!emailChanged || !updateContact(destination, calls, new Pending(event, item, state), known.get(), refused)) {
                pending.add(new Pending(event, item, state));
            }
        }
        List<TargetCalls.Answer> answers = calls.sendBatched("upsertContacts", pending.stream().map(Pending::item).toList());
        List<IdMap.Entry> written = new ArrayList<>();
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
            written.add(new IdMap.Entry(CONTACT, localId(p.event()), contactId, KeyHashes.of(p.event().data()),
                    p.stateHash()));
        }
        ids.saveAll(destination.id(), written);
    }

    /**
     * Updates the contact of a profile whose email changed, by its id. A 409 names the contact that already holds the
     * new email: the old contact is merged into it, and it is recorded instead (never retried). Returns false when HubSpot no longer has the contact, so
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
            if (contactId != null) {
                // no one has the old email any more: its contact (and its history) joins the one holding the new email
                TargetCalls.Answer merged = mergeContacts(calls, contactId, known.targetId());
                if (merged.refused()) {
                    refused.add(new Delivery.Refused(contact.event().id(), merged.refusal()));
                    return true;
                }
            }
        }
        ids.save(destination.id(), new IdMap.Entry(CONTACT, localId(contact.event()), contactId,
                KeyHashes.of(contact.event().data()), contact.stateHash()));
        return true;
    }

    /** Merges one contact into another: the primary keeps its values and takes the other's deals and email. */
    private static TargetCalls.Answer mergeContacts(TargetCalls calls, String primary, String mergedAway)
            throws TargetUnavailableException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("primaryObjectId", primary).put("objectIdToMerge", mergedAway);
        return calls.send("mergeContacts", Map.of(), body);
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

    /** An order's deal to upsert, and the contact to associate it with (null when the ID map knows none). */
    private record Deal(Pending pending, String orderKey, String contactId) {
    }

    private void deals(Destination destination, TargetCalls calls, List<BusEvent> orders, List<Delivery.Refused> refused)
            throws TargetUnavailableException {
        List<Deal> deals = new ArrayList<>();
        Map<String, IdMap.Entry> knownDeals = ids.findAll(destination.id(), DEAL,
                orders.stream().map(Subjects::recordKey).toList());
        Map<String, IdMap.Entry> contacts = ids.findAll(destination.id(), CONTACT, orders.stream()
                .filter(o -> o.data().hasNonNull("profileId")).map(o -> o.data().get("profileId").asText()).toList());
        for (BusEvent event : orders) {
            OutboundMapper.Outbound mapped = mapper.map("hubspot", "deal", event.data(), calls.params());
            if (mapped instanceof OutboundMapper.Outbound.Rejected r) {
                refused.add(new Delivery.Refused(event.id(), r.reason()));
                continue;
            }
            ObjectNode properties = ((ObjectNode) ((OutboundMapper.Outbound.Mapped) mapped).item().path("properties")).deepCopy();
            JsonNode orderKey = properties.remove(ORDER_KEY);
            if (orderKey == null || orderKey.asText().isEmpty()) {
                refused.add(new Delivery.Refused(event.id(), "hubspot: the order has no key for " + ORDER_KEY
                        + " (its connection and external id)"));
                continue;
            }
            ObjectNode item = Json.MAPPER.createObjectNode().put("idProperty", ORDER_KEY).put("id", orderKey.asText());
            item.set("properties", properties);
            // the contact written for the order's profile, when there is one
            IdMap.Entry contact = event.data().hasNonNull("profileId")
                    ? contacts.get(event.data().get("profileId").asText()) : null;
            String contactId = contact == null ? null : contact.targetId();
            // the contact is part of what was written: a contact known later makes the deal written again
            String state = KeyHashes.sha256(item + "|" + contactId);
            Optional<IdMap.Entry> known = Optional.ofNullable(knownDeals.get(Subjects.recordKey(event)));
            if (known.isEmpty() || !state.equals(known.get().stateHash())) {
                deals.add(new Deal(new Pending(event, item, state), orderKey.asText(), contactId));
            }
        }
        if (deals.isEmpty()) {
            return;
        }
        Optional<String> unusable = orderKeyProperty(destination, calls);
        if (unusable.isPresent()) {
            deals.forEach(d -> refused.add(new Delivery.Refused(d.pending().event().id(), unusable.get())));
            return;
        }
        List<TargetCalls.Answer> answers = calls.sendBatched("upsertDeals", deals.stream().map(d -> d.pending().item()).toList());
        Map<Deal, String> written = new LinkedHashMap<>();
        for (int i = 0; i < deals.size(); i++) {
            Deal deal = deals.get(i);
            TargetCalls.Answer answer = answers.get(i);
            Optional<String> error = answer.refused() ? Optional.of(answer.refusal())
                    : batchError(answer.json(), deal.orderKey()).map(message -> "hubspot: " + message);
            String dealId = error.isPresent() ? null : dealId(answer.json(), deal.orderKey());
            if (error.isEmpty() && dealId == null) {
                error = Optional.of("hubspot: the batch upsert answered no deal for " + ORDER_KEY + " " + deal.orderKey());
            }
            if (error.isPresent()) {
                refused.add(new Delivery.Refused(deal.pending().event().id(), error.get()));
            } else {
                written.put(deal, dealId);
            }
        }
        associate(calls, written, refused);
        ids.saveAll(destination.id(), written.entrySet().stream().map(w -> new IdMap.Entry(DEAL,
                Subjects.recordKey(w.getKey().pending().event()), w.getValue(),
                KeyHashes.of(w.getKey().pending().event().data()), w.getKey().pending().stateHash())).toList());
    }

    /**
     * Associates each written deal that has a contact with it (an upsert input carries no associations). A deal whose
     * association is refused is refused and left out of {@code written}, so that it is not recorded as done: sent
     * again, it is upserted onto the same deal and associated then.
     */
    private void associate(TargetCalls calls, Map<Deal, String> written, List<Delivery.Refused> refused)
            throws TargetUnavailableException {
        List<Deal> associated = written.keySet().stream().filter(d -> d.contactId() != null).toList();
        List<JsonNode> inputs = new ArrayList<>();
        for (Deal deal : associated) {
            ObjectNode input = Json.MAPPER.createObjectNode();
            input.putObject("from").put("id", written.get(deal));
            input.putObject("to").put("id", deal.contactId());
            inputs.add(input);
        }
        List<TargetCalls.Answer> answers = calls.sendBatched("associateDeals", inputs);
        for (int i = 0; i < associated.size(); i++) {
            if (answers.get(i).refused()) {
                refused.add(new Delivery.Refused(associated.get(i).pending().event().id(), answers.get(i).refusal()));
                written.remove(associated.get(i));
            }
        }
    }

    /** The id of the deal with this order key in a batch upsert's results (which need not follow the input order). */
    private static String dealId(JsonNode answer, String orderKey) {
        for (JsonNode result : answer.path("results")) {
            if (result.path("properties").path(ORDER_KEY).asText().equals(orderKey)) {
                return result.path("id").asText(null);
            }
        }
        return null;
    }

    /**
     * Makes sure the portal has the unique deal property the deals are upserted by, creating it when missing; once per
     * destination while the hub runs. Returns why deals cannot be written when the property exists without unique
     * values (HubSpot cannot make an existing property unique) or HubSpot refused to create it.
     */
    private Optional<String> orderKeyProperty(Destination destination, TargetCalls calls) throws TargetUnavailableException {
        if (orderKeyReady.contains(destination.id())) {
            return Optional.empty();
        }
        TargetCalls.Answer found = calls.send("getDealProperty", Map.of("name", ORDER_KEY), null);
        if (found.refused()) {
            return Optional.of(found.refusal());
        }
        if (found.result().status() == 404) {
            TargetCalls.Answer created = calls.send("createDealProperty", Map.of(), orderKeyDefinition());
            if (created.refused()) {
                return Optional.of(created.refusal());
            }
        } else if (!found.json().path("hasUniqueValue").asBoolean(false)) {
            return Optional.of("hubspot: the deal property " + ORDER_KEY + " exists without unique values"
                    + " (hasUniqueValue false), so deals cannot be upserted by it; delete it in HubSpot's settings and the"
                    + " hub creates it as it needs it");
        }
        orderKeyReady.add(destination.id());
        return Optional.empty();
    }

    private static ObjectNode orderKeyDefinition() {
        return Json.MAPPER.createObjectNode().put("name", ORDER_KEY).put("label", "Mekong order key")
                .put("description", "The order this deal stands for (connection/order id), written by Mekong.")
                .put("groupName", "dealinformation").put("type", "string").put("fieldType", "text")
                .put("hasUniqueValue", true).put("formField", false);
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
