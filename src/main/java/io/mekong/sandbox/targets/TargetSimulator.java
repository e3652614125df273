package io.mekong.sandbox.targets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.Refusal;
import io.mekong.sandbox.SimulatorResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A simulated delivery target (Klaviyo, Mailchimp, HubSpot, a webhook receiver): what every one does around its own
 * endpoints. A call is routed by its path template; during an {@link Outage} it gets the outage's status; else the
 * target admits it (credentials, rate limits) and its endpoint answers, a malformed body becoming the target's own
 * 400. Every answer is counted by endpoint and status. The state lives in the subclass, in memory, safe for the many
 * threads deliveries arrive on.
 */
public abstract class TargetSimulator implements HttpSimulator {

    private final Routes routes = new Routes();
    private final Outage outage;
    private final CallCounts calls = new CallCounts();
    protected final Clock clock;

    protected TargetSimulator(Clock clock) {
        this.clock = clock;
        this.outage = new Outage(clock);
    }

    /** The name under {@code /sandbox/}: {@code klaviyo}, {@code mailchimp}, {@code hubspot}, {@code hooks}. */
    public abstract String name();

    /** Where the vendor's API starts under the mount ({@code /3.0} for Mailchimp), empty when at the mount itself. */
    public String apiPrefix() {
        return "";
    }

    /** Where the API answers on the hub, e.g. {@code /sandbox/mailchimp/3.0}: a connection's base URL after the host. */
    public String apiPath() {
        return TargetSandboxController.PREFIX + name() + apiPrefix();
    }

    public Outage outage() {
        return outage;
    }

    public CallCounts calls() {
        return calls;
    }

    /** The target's records and the call counts, as {@code GET /sandbox/<name>/_state} shows them. */
    public final ObjectNode snapshot() {
        ObjectNode state = state();
        state.set("calls", calls.toJson());
        outage.current().ifPresentOrElse(
                o -> state.putObject("outage").put("status", o.status()).put("until", o.until().toString()),
                () -> state.putNull("outage"));
        return state;
    }

    /** The target's records as JSON (a fresh object: the caller adds to it). */
    protected abstract ObjectNode state();

    /** Adds an endpoint; called from the subclass's constructor, before any call. */
    protected final void route(String method, String template, TargetEndpoint handler) {
        routes.add(method, template, handler);
    }

    /** A path as routed: e.g. HubSpot's date-versioned paths as their {@code v3} twins. */
    protected String canonicalPath(String path) {
        return path;
    }

    /** Checks the caller may call now (credentials, limits): a refusal, or the endpoint's answer from {@code call}. */
    protected abstract SimulatorResponse admit(TargetRequest request, Supplier<SimulatorResponse> call);

    protected abstract SimulatorResponse outageAnswer(int status);

    protected abstract SimulatorResponse notFound(TargetRequest request);

    protected abstract SimulatorResponse methodNotAllowed(TargetRequest request, Set<String> allowed);

    protected abstract SimulatorResponse invalid(Invalid invalid);

    @Override
    public final SimulatorResponse handle(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        path = canonicalPath(path);
        Routes.Match match = routes.match(method, path);
        TargetRequest request = new TargetRequest(method, path, q < 0 ? "" : pathAndQuery.substring(q + 1), h, body,
                match.params());
        SimulatorResponse response = answer(request, match);
        calls.count(match.endpoint(), response.status());
        return response;
    }

    private SimulatorResponse answer(TargetRequest request, Routes.Match match) {
        Optional<Outage.Active> down = outage.current();
        if (down.isPresent()) {
            SimulatorResponse response = outageAnswer(down.get().status());
            return down.get().saysRetryAfter()
                    ? response.withHeader("Retry-After", String.valueOf(down.get().retryAfterSeconds(clock.instant())))
                    : response;
        }
        if (match.handler() == null) {
            return match.allowed().isEmpty() ? notFound(request)
                    : methodNotAllowed(request, match.allowed()).withHeader("Allow", String.join(", ", match.allowed()));
        }
        return admit(request, () -> {
            try {
                return match.handler().handle(request);
            } catch (Invalid e) {
                return invalid(e);
            } catch (Refusal e) {
                return e.response();
            }
        });
    }

    /** A JSON answer with the given content type. */
    protected static SimulatorResponse json(int status, String contentType, String body) {
        return SimulatorResponse.json(status, body).withHeader("Content-Type", contentType);
    }

    protected static SimulatorResponse empty(int status) {
        return new SimulatorResponse(status, Map.of(), new byte[0]);
    }
}
