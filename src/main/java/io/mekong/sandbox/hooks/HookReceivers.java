package io.mekong.sandbox.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.targets.Invalid;
import io.mekong.sandbox.targets.Json;
import io.mekong.sandbox.targets.Outage;
import io.mekong.sandbox.targets.TargetRequest;
import io.mekong.sandbox.targets.TargetSimulator;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The webhook receivers of the sandbox, each at {@code /sandbox/hooks/<name>}: a stand-in for a merchant's own
 * endpoint or a Zapier/n8n hook. A receiver takes {@code POST} JSON signed with {@link MekongSignature} under its own
 * secret (401 otherwise) and records every body it accepts, duplicates included: a delivery sent twice shows twice,
 * and deliveries whose event id ({@code Mekong-Event-Id}, else the body's {@code id}) was seen before are counted as
 * duplicates. The last
 * {@code retain} bodies per receiver are kept; the counts cover them all.
 */
public final class HookReceivers extends TargetSimulator {

    /** One accepted delivery. */
    public record Delivery(String receivedAt, JsonNode body) {
    }

    private static final class Inbox {
        volatile HookReceiver receiver;
        final Outage outage;
        final Deque<Delivery> recent = new ArrayDeque<>();
        final Map<String, Integer> timesById = new HashMap<>();
        long received;
        long duplicates;

        Inbox(HookReceiver receiver, Clock clock) {
            this.receiver = receiver;
            this.outage = new Outage(clock);
        }
    }

    /** The header the hub names an event's id in; without it, the body's top-level {@code id} (a CloudEvent's). */
    static final String EVENT_ID = "Mekong-Event-Id";

    private final Map<String, Inbox> inboxes = new LinkedHashMap<>();
    private final int retain;

    public HookReceivers(Collection<HookReceiver> receivers, int retain, Clock clock) {
        super(clock);
        if (retain < 1) {
            throw new IllegalArgumentException("a hook receiver retains at least 1 body, was " + retain);
        }
        this.retain = retain;
        for (HookReceiver r : receivers) {
            if (inboxes.put(r.name(), new Inbox(r, clock)) != null) {
                throw new IllegalArgumentException("two hook receivers named " + r.name());
            }
        }
        route("POST", "/{name}", this::receive);
    }

    @Override
    public String name() {
        return "hooks";
    }

    public List<HookReceiver> receivers() {
        return inboxes.values().stream().map(i -> i.receiver).toList();
    }

    public HookReceiver receiver(String name) {
        Inbox inbox = inboxes.get(name);
        return inbox == null ? null : inbox.receiver;
    }

    /** From now on this secret signs for the receiver (the demo hands back the secret its connection stored). */
    public void useSecret(String name, String secret) {
        Inbox inbox = require(name);
        inbox.receiver = new HookReceiver(name, secret);
    }

    /** One receiver's own outage (the simulator's {@link #outage()} takes every receiver down at once). */
    public Outage outage(String name) {
        return require(name).outage;
    }

    /** The bodies a receiver kept, oldest first. */
    public List<Delivery> deliveries(String name) {
        Inbox inbox = require(name);
        synchronized (inbox) {
            return new ArrayList<>(inbox.recent);
        }
    }

    /** Bodies a receiver accepted, all of them, duplicates included. */
    public long received(String name) {
        Inbox inbox = require(name);
        synchronized (inbox) {
            return inbox.received;
        }
    }

    /** Bodies a receiver accepted whose id it had already seen. */
    public long duplicates(String name) {
        Inbox inbox = require(name);
        synchronized (inbox) {
            return inbox.duplicates;
        }
    }

    private Inbox require(String name) {
        Inbox inbox = inboxes.get(name);
        if (inbox == null) {
            throw new IllegalArgumentException("no hook receiver named " + name + "; there are " + inboxes.keySet());
        }
        return inbox;
    }

    @Override
    protected ObjectNode state() {
        ObjectNode state = Json.object();
        ObjectNode receivers = state.putObject("receivers");
        for (Inbox inbox : inboxes.values()) {
            synchronized (inbox) {
                ObjectNode r = receivers.putObject(inbox.receiver.name()).put("received", inbox.received)
                        .put("duplicates", inbox.duplicates);
                ObjectNode repeated = r.putObject("duplicateIds");
                new TreeMap<>(inbox.timesById).forEach((id, n) -> {
                    if (n > 1) {
                        repeated.put(id, n);
                    }
                });
                ArrayNode bodies = r.putArray("deliveries");
                inbox.recent.forEach(d -> bodies.addObject().put("receivedAt", d.receivedAt()).set("body", d.body()));
            }
        }
        return state;
    }

    private SimulatorResponse receive(TargetRequest request) {
        Inbox inbox = inboxes.get(request.param(0));
        if (inbox == null) {
            return error(404, "unknown_receiver", "There is no hook receiver named '" + request.param(0) + "'.");
        }
        Optional<Outage.Active> down = inbox.outage.current();
        if (down.isPresent()) {
            SimulatorResponse response = outageAnswer(down.get().status());
            return down.get().saysRetryAfter()
                    ? response.withHeader("Retry-After", String.valueOf(down.get().retryAfterSeconds(clock.instant())))
                    : response;
        }
        String refusal = MekongSignature.refusal(request.header(MekongSignature.HEADER), inbox.receiver.secret(),
                request.body(), clock.instant());
        if (refusal != null) {
            return error(401, "invalid_signature", refusal);
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw new Invalid("body", "The body is not valid JSON.");
        }
        if (body == null || !body.isContainerNode()) {
            throw new Invalid("body", "The body must be a JSON object or array.");
        }
        String id = request.header(EVENT_ID) != null ? request.header(EVENT_ID)
                : body.path("id").isValueNode() ? body.get("id").asText() : null;
        synchronized (inbox) {
            inbox.received++;
            if (id != null && inbox.timesById.merge(id, 1, Integer::sum) > 1) {
                inbox.duplicates++;
            }
            inbox.recent.addLast(new Delivery(clock.instant().toString(), body));
            if (inbox.recent.size() > retain) {
                inbox.recent.removeFirst();
            }
        }
        return SimulatorResponse.json(200, "{\"received\":true}");
    }

    @Override
    protected SimulatorResponse admit(TargetRequest request, Supplier<SimulatorResponse> call) {
        return call.get();
    }

    @Override
    protected SimulatorResponse outageAnswer(int status) {
        return error(status, "unavailable", "The receiver is down; retry later.");
    }

    @Override
    protected SimulatorResponse notFound(TargetRequest request) {
        return error(404, "not_found", "Hooks are received at POST /sandbox/hooks/<name>; not " + request.path() + ".");
    }

    @Override
    protected SimulatorResponse methodNotAllowed(TargetRequest request, Set<String> allowed) {
        return error(405, "method_not_allowed", "A hook receiver takes POST only.");
    }

    @Override
    protected SimulatorResponse invalid(Invalid invalid) {
        return error(400, "invalid_body", invalid.getMessage());
    }

    private static SimulatorResponse error(int status, String error, String detail) {
        return SimulatorResponse.json(status, Json.write(Json.object().put("error", error).put("detail", detail)));
    }
}
