package io.mekong.sandbox.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.targets.ConnectionLimit;
import io.mekong.sandbox.targets.Invalid;
import io.mekong.sandbox.targets.Json;
import io.mekong.sandbox.targets.TargetRequest;
import io.mekong.sandbox.targets.TargetSimulator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code https://<dc>.api.mailchimp.com/3.0}, the part a delivery writes to: the list's members (upsert by subscriber
 * hash, update by hash (an email change included), tags, batch subscribe, archive, permanent delete) and the
 * e-commerce store's customers and orders. Every call needs HTTP Basic with the API key as the password; at most {@link ConnectionLimit#max()} calls per key may be
 * in progress at once (Mailchimp's 10 simultaneous connections), the next gets 429. Errors are problem+json.
 */
public final class MailchimpSimulator extends TargetSimulator {

    static final int MAX_BATCH_MEMBERS = 500;

    private volatile MailchimpAccount account;
    private final ConnectionLimit connections;
    private final MailchimpMembers members;
    private final MailchimpCommerce commerce;

    public MailchimpSimulator(MailchimpAccount account, ConnectionLimit connections, Clock clock) {
        super(clock);
        this.account = account;
        this.connections = connections;
        this.members = new MailchimpMembers(clock, account.listId());
        this.commerce = new MailchimpCommerce(clock, account, members);
        route("GET", "/lists/{list}/members/{hash}", this::getMember);
        route("PUT", "/lists/{list}/members/{hash}", this::putMember);
        route("PATCH", "/lists/{list}/members/{hash}", this::patchMember);
        route("DELETE", "/lists/{list}/members/{hash}", this::archiveMember);
        route("POST", "/lists/{list}/members/{hash}/tags", this::tagMember);
        route("POST", "/lists/{list}/members/{hash}/actions/delete-permanent", this::deletePermanently);
        route("POST", "/lists/{list}", this::batchSubscribe);
        route("PUT", "/ecommerce/stores/{store}/customers/{id}", this::putCustomer);
        route("DELETE", "/ecommerce/stores/{store}/customers/{id}", this::deleteCustomer);
        route("POST", "/ecommerce/stores/{store}/orders", this::createOrder);
        route("GET", "/ecommerce/stores/{store}/orders/{id}", this::getOrder);
        route("PATCH", "/ecommerce/stores/{store}/orders/{id}", this::patchOrder);
        route("DELETE", "/ecommerce/stores/{store}/orders/{id}", this::deleteOrder);
    }

    @Override
    public String name() {
        return "mailchimp";
    }

    @Override
    public String apiPrefix() {
        return "/3.0";
    }

    public MailchimpAccount account() {
        return account;
    }

    /** From now on only this key opens the simulator (the demo hands back its stored key); list and store stay. */
    public void useApiKey(String apiKey) {
        MailchimpAccount a = account;
        this.account = new MailchimpAccount(apiKey, a.dc(), a.listId(), a.storeId(), a.storeCurrency());
    }

    // ---------- what tests and the demo read ----------

    /** The list member with this email (any status, archived included), or null. */
    public ObjectNode member(String email) {
        return members.get(MailchimpMembers.hash(email));
    }

    public int memberCount() {
        return members.size();
    }

    /** Whether the email was permanently deleted (and so can never be added again). */
    public boolean isForgotten(String email) {
        return members.isForgotten(email);
    }

    public ObjectNode order(String id) {
        return commerce.order(id);
    }

    public int orderCount() {
        return commerce.orderCount();
    }

    @Override
    protected ObjectNode state() {
        ObjectNode state = members.state();
        state.put("listId", account.listId());
        state.set("store", commerce.state());
        return state;
    }

    // ---------- admission ----------

    @Override
    protected SimulatorResponse admit(TargetRequest request, Supplier<SimulatorResponse> call) {
        String key = basicPassword(request.header("Authorization"));
        if (key == null) {
            return MailchimpErrors.problem(401, "API Key Missing", "Your request did not include an API key.");
        }
        if (!MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), account.apiKey().getBytes(StandardCharsets.UTF_8))) {
            return MailchimpErrors.problem(401, "API Key Invalid",
                    "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
        }
        if (!connections.tryOpen(key)) {
            return MailchimpErrors.problem(429, "Too Many Requests", "You have exceeded the limit of "
                    + connections.max() + " simultaneous connections.").withHeader("Retry-After", "1");
        }
        try {
            return call.get();
        } finally {
            connections.close(key);
        }
    }

    /** The password of {@code Basic base64(user:password)}; null when there is none. */
    private static String basicPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 || colon == pair.length() - 1 ? null : pair.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected SimulatorResponse outageAnswer(int status) {
        return MailchimpErrors.problem(status, status == 429 ? "Too Many Requests" : "Service Unavailable",
                "The service is unavailable; retry later.");
    }

    @Override
    protected SimulatorResponse notFound(TargetRequest request) {
        return MailchimpErrors.problem(404, "Resource Not Found", "The requested resource could not be found.");
    }

    @Override
    protected SimulatorResponse methodNotAllowed(TargetRequest request, Set<String> allowed) {
        return MailchimpErrors.problem(405, "Method Not Allowed", "The requested method and resource are not compatible."
                + " See the Allow header for this resource's available methods.");
    }

    @Override
    protected SimulatorResponse invalid(Invalid invalid) {
        return MailchimpErrors.invalidField(invalid.field(), invalid.getMessage());
    }

    // ---------- members ----------

    private void requireList(TargetRequest request) {
        if (!request.param(0).equals(account.listId())) {
            throw MailchimpErrors.notFound();
        }
    }

    private SimulatorResponse getMember(TargetRequest request) {
        requireList(request);
        ObjectNode member = members.get(request.param(1).toLowerCase(Locale.ROOT));
        if (member == null) {
            throw MailchimpErrors.notFound();
        }
        return ok(member);
    }

    private SimulatorResponse putMember(TargetRequest request) {
        requireList(request);
        ObjectNode body = request.json("");
        String email = Json.text(body, "email_address", "email_address");
        String hash = request.param(1).toLowerCase(Locale.ROOT);
        if (email != null && !MailchimpMembers.hash(email).equals(hash)) {
            return MailchimpErrors.problem(400, MailchimpErrors.INVALID_RESOURCE, "The subscriber hash in the URL ("
                    + request.param(1) + ") is not the MD5 hash of the lower-cased email_address in the body.");
        }
        try {
            return ok(members.write(email, Json.text(body, "status", "status"), Json.text(body, "status_if_new", "status_if_new"),
                    Json.objectAt(body, "merge_fields", "merge_fields"), true).member());
        } catch (MailchimpMembers.Rejected e) {
            return rejected(e);
        }
    }

    /** Updates a member by hash; a new {@code email_address} changes its email (and so its hash). 404 when unknown. */
    private SimulatorResponse patchMember(TargetRequest request) {
        requireList(request);
        ObjectNode body = request.json("");
        try {
            ObjectNode member = members.update(request.param(1).toLowerCase(Locale.ROOT),
                    Json.text(body, "email_address", "email_address"), Json.text(body, "status", "status"),
                    body.has("merge_fields") ? Json.objectAt(body, "merge_fields", "merge_fields") : null);
            if (member == null) {
                throw MailchimpErrors.notFound();
            }
            return ok(member);
        } catch (MailchimpMembers.Rejected e) {
            return rejected(e);
        }
    }

    private static SimulatorResponse rejected(MailchimpMembers.Rejected e) {
        return e.title.equals(MailchimpErrors.INVALID_RESOURCE) ? MailchimpErrors.invalidField(e.field, e.getMessage())
                : MailchimpErrors.problem(400, e.title, e.getMessage());
    }

    private SimulatorResponse archiveMember(TargetRequest request) {
        requireList(request);
        if (!members.archive(request.param(1).toLowerCase(Locale.ROOT))) {
            throw MailchimpErrors.notFound();
        }
        return empty(204);
    }

    private SimulatorResponse deletePermanently(TargetRequest request) {
        requireList(request);
        if (!members.deletePermanently(request.param(1).toLowerCase(Locale.ROOT))) {
            throw MailchimpErrors.notFound();
        }
        return empty(204);
    }

    /** {@code {"tags":[{"name":"VIP","status":"active"}]}}: 204, or 404 when there is no such member. */
    private SimulatorResponse tagMember(TargetRequest request) {
        requireList(request);
        ArrayNode tags = Json.arrayAt(request.json(""), "tags", "tags");
        Map<String, Boolean> changes = new LinkedHashMap<>();
        for (JsonNode tag : tags) {
            String name = Json.requiredText(tag, "name", "tags.name");
            if (name.length() > 100) {
                throw new Invalid("tags.name", "A tag name is at most 100 characters.");
            }
            String status = Json.requiredText(tag, "status", "tags.status");
            if (!status.equals("active") && !status.equals("inactive")) {
                throw new Invalid("tags.status", "A tag's status is active or inactive, was '" + status + "'.");
            }
            changes.put(name, status.equals("active"));
        }
        if (!members.tag(request.param(1).toLowerCase(Locale.ROOT), changes)) {
            throw MailchimpErrors.notFound();
        }
        return empty(204);
    }

    /** {@code POST /lists/{id} {"members":[…≤500],"update_existing":bool}}: per member, created, updated or an error. */
    private SimulatorResponse batchSubscribe(TargetRequest request) {
        requireList(request);
        ObjectNode body = request.json("");
        ArrayNode input = Json.arrayAt(body, "members", "members");
        if (input.size() > MAX_BATCH_MEMBERS) {
            throw new Invalid("members", "A batch subscribes at most " + MAX_BATCH_MEMBERS + " members, was " + input.size() + ".");
        }
        boolean updateExisting = body.path("update_existing").asBoolean(false);
        ObjectNode answer = Json.object();
        ArrayNode created = answer.putArray("new_members");
        ArrayNode updated = answer.putArray("updated_members");
        ArrayNode errors = answer.putArray("errors");
        for (JsonNode member : input) {
            String email = member.path("email_address").asText(null);
            try {
                MailchimpMembers.Written written = members.write(email, Json.text(member, "status", "status"),
                        Json.text(member, "status_if_new", "status_if_new"), Json.objectAt(member, "merge_fields",
                                "merge_fields"), updateExisting);
                (written.created() ? created : updated).add(written.member());
            } catch (MailchimpMembers.Rejected e) {
                errors.addObject().put("email_address", email).put("error", e.getMessage()).put("error_code", e.errorCode)
                        .put("field", e.field).put("field_message", e.getMessage());
            }
        }
        answer.put("total_created", created.size()).put("total_updated", updated.size()).put("error_count", errors.size());
        return ok(answer);
    }

    // ---------- e-commerce ----------

    private void requireStore(TargetRequest request) {
        if (!request.param(0).equals(account.storeId())) {
            throw MailchimpErrors.notFound();
        }
    }

    private SimulatorResponse putCustomer(TargetRequest request) {
        requireStore(request);
        return ok(commerce.putCustomer(request.param(1), request.json("")));
    }

    private SimulatorResponse deleteCustomer(TargetRequest request) {
        requireStore(request);
        if (!commerce.deleteCustomer(request.param(1))) {
            throw MailchimpErrors.notFound();
        }
        return empty(204);
    }

    private SimulatorResponse createOrder(TargetRequest request) {
        requireStore(request);
        return ok(commerce.createOrder(request.json("")));
    }

    private SimulatorResponse getOrder(TargetRequest request) {
        requireStore(request);
        ObjectNode order = commerce.order(request.param(1));
        if (order == null) {
            throw MailchimpErrors.notFound();
        }
        return ok(order);
    }

    private SimulatorResponse patchOrder(TargetRequest request) {
        requireStore(request);
        return ok(commerce.patchOrder(request.param(1), request.json("")));
    }

    private SimulatorResponse deleteOrder(TargetRequest request) {
        requireStore(request);
        if (!commerce.deleteOrder(request.param(1))) {
            throw MailchimpErrors.notFound();
        }
        return empty(204);
    }

    private static SimulatorResponse ok(ObjectNode body) {
        return SimulatorResponse.json(200, Json.write(body));
    }
}
