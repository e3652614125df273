package io.mekong.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.identity.Names;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.MailingAddress;
import io.mekong.sandbox.shopify.Order;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the privacy tests share: a person made unique in the shared Shopify simulator (so that no other test's
 * connection holds them), connections that receive signed webhooks, and the single customer view rows that identity
 * resolution writes as the records are stored (read, never written, here). Each test keeps its people in a workspace of
 * its own: two connections of the shared shop in one workspace join every customer (source-link, same email), so a
 * workspace shared with other tests' connections would join their copies of the person too.
 */
abstract class PrivacyFixture extends HubIntegrationTest {

    static final String SHOPIFY_SECRET = "shpss_privacy_secret";
    static final String STRIPE_SECRET = "whsec_privacy_secret";

    /** A person as the tests search for them: every form of their email, phone and name that is stored. */
    record Person(String first, String last, String email, String e164, String local, long customerId, List<Long> orderIds) {

        String name() {
            return first + " " + last;
        }

        /** The strings no table may hold after an erasure. */
        List<String> needles() {
            return List.of(email, email.toLowerCase(), e164, local, local.replace(" ", ""), first, last, name(),
                    Names.fold(name()));
        }
    }

    /**
     * Gives the {@code skip}-th customer of the simulated shop that has orders a unique name, email and phone (E.164 on
     * the customer and order, the local form on the addresses), on the customer and all their orders.
     */
    Person uniquePerson(int skip, String first, String last, String email, String e164, String local) {
        Customer customer = shop().read(() -> shop().customers().stream()
                .filter(c -> shop().orders().stream().anyMatch(o -> Long.valueOf(c.id).equals(o.customerId)))
                .skip(skip).findFirst().orElseThrow());
        MailingAddress address = new MailingAddress(900_000 + customer.id, first, last, null, "12 Hàng Bạc", null,
                "Hà Nội", "Hà Nội", "HN", "Vietnam", "VN", "100000", local);
        shop().updateCustomer(customer.id, c -> {
            c.firstName = first;
            c.lastName = last;
            c.email = email;
            c.phone = e164;
            c.defaultAddress = address;
            c.addresses = List.of(address);
            c.note = "Gọi " + first + " trước khi giao";
        });
        List<Long> orders = new ArrayList<>();
        for (Order order : shop().read(() -> shop().orders().stream().filter(o -> Long.valueOf(customer.id).equals(o.customerId)).toList())) {
            shop().updateOrder(order.id, o -> {
                o.email = email;
                o.phone = e164;
                o.billingAddress = address;
                o.shippingAddress = address;
                o.note = "Giao cho " + first + " " + last;
            });
            orders.add(order.id);
        }
        return new Person(first, last, email, e164, local, customer.id, orders);
    }

    /** A Shopify connection to the shared shop that receives signed webhooks; its customers, orders and checkouts synced. */
    void syncedShop(String id, String workspace) {
        call("POST", "/api/connections", Map.of("id", id, "workspace", workspace, "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN, "webhookSecret", SHOPIFY_SECRET)), 201);
        long sync = call("POST", "/api/syncs", Map.of("connection", id, "workspace", workspace,
                "streams", List.of("customers", "orders", "checkouts")), 201).get("id").asLong();
        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");
    }

    void stripeConnection(String id, String workspace) {
        call("POST", "/api/connections", Map.of("id", id, "workspace", workspace, "connector", "stripe", "params", Map.of(),
                "secrets", Map.of("secretKey", "sk_test_privacy", "webhookSecret", STRIPE_SECRET)), 201);
    }

    /** A Stripe customer event for {@code person}, as customer {@code stripeId}, stored through the webhook path. */
    void stripeCustomer(String connection, String stripeId, Person person, String eventId) {
        String customer = "{\"id\":\"" + stripeId + "\",\"object\":\"customer\",\"created\":1746100000,\"email\":\""
                + person.email().toLowerCase() + "\",\"name\":\"" + person.name() + "\",\"phone\":\""
                + person.local().replace(" ", "") + "\",\"address\":null,\"deleted\":false,\"metadata\":{}}";
        assertThat(stripe(connection, "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"customer.updated\","
                + "\"created\":1746100500,\"data\":{\"object\":" + customer + "}}")).isEqualTo(200);
    }

    int stripe(String connection, String body) {
        long t = Instant.now().getEpochSecond();
        String v1 = HexFormat.of().formatHex(hmac(STRIPE_SECRET, (t + "." + body).getBytes(StandardCharsets.UTF_8)));
        return post("/webhooks/stripe/" + connection, body, Map.of("Stripe-Signature", "t=" + t + ",v1=" + v1));
    }

    int shopify(String connection, String topic, String eventId, String body) {
        return post("/webhooks/shopify/" + connection, body, Map.of("X-Shopify-Topic", topic, "X-Shopify-Event-Id", eventId,
                "X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(hmac(SHOPIFY_SECRET,
                        body.getBytes(StandardCharsets.UTF_8)))));
    }

    private int post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The field of each element of a JSON array (not of nested objects, as findValuesAsText would). */
    static List<String> each(com.fasterxml.jackson.databind.JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values;
    }

    // ---- the single customer view rows, as identity resolution wrote them when the records were stored ----

    /** The profile resolution put the {@code kind} identity of {@code externalId} of {@code connection} in. */
    long profileOf(String connection, String kind, String externalId) {
        return jdbc.queryForObject("select profile_id from identity where connection_id = ? and kind = ? and external_id = ?",
                Long.class, connection, kind, externalId);
    }

    /** The id of the {@code kind} identity of {@code externalId} of {@code connection}. */
    long identityOf(String connection, String kind, String externalId) {
        return jdbc.queryForObject("select id from identity where connection_id = ? and kind = ? and external_id = ?",
                Long.class, connection, kind, externalId);
    }

    /** The rules of the merge ledger's rows of {@code profile}, oldest first. */
    List<String> mergeRules(long profile) {
        return jdbc.queryForList("select rule from profile_merge where profile_id = ? order by id", String.class, profile);
    }

    void workspace(String id) {
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", id, id);
    }

    /**
     * The erasure once it is complete: its reporting part follows from the bus within seconds (the reporting consumer
     * anonymises the star schema), so the request is read until then, for a minute at most.
     */
    protected JsonNode completedErasure(long erasure) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        JsonNode request = call("GET", "/api/erasures/" + erasure, null, 200);
        while (!request.get("status").asText().equals("completed") && java.time.Instant.now().isBefore(deadline)) {
            sleep(200);
            request = call("GET", "/api/erasures/" + erasure, null, 200);
        }
        assertThat(request.get("status").asText()).as(request.toString()).isEqualTo("completed");
        assertThat(request.at("/parts/reporting").asText()).isEqualTo("completed");
        return request;
    }
}
