package io.mekong.sandbox.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.hooks.MekongSignature;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.sandbox.mailchimp.MailchimpSimulator;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The target simulators as the hub serves them at {@code /sandbox/<name>} (no hub login: each checks its vendor's
 * credentials), with the credentials their beans made at start, and their controls beside them.
 */
class TargetSimulatorsHubTest extends HubIntegrationTest {

    @Autowired
    KlaviyoSimulator klaviyo;
    @Autowired
    MailchimpSimulator mailchimp;
    @Autowired
    HubSpotSimulator hubspot;
    @Autowired
    HookReceivers hooks;

    private final HttpClient client = HttpClient.newHttpClient();

    /** Not {@code send}: HubIntegrationTest has one, signing in as a hub user. */
    private HttpResponse<String> call(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    @Test
    void eachTargetAnswersAtItsMountWithTheCredentialsItsBeanMade() {
        String email = "hub-target-" + System.nanoTime() + "@example.com";

        HttpResponse<String> klaviyoImport = call("POST", "/sandbox/klaviyo/api/profile-import",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}",
                "Authorization", "Klaviyo-API-Key " + klaviyo.account().apiKey(), "revision", "2024-10-15",
                "Content-Type", "application/vnd.api+json");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("mekong:" + mailchimp.account().apiKey())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> mailchimpPut = call("PUT", "/sandbox/mailchimp/3.0/lists/" + mailchimp.account().listId()
                + "/members/" + md5(email), "{\"email_address\":\"" + email + "\",\"status_if_new\":\"subscribed\"}",
                "Authorization", basic, "Content-Type", "application/json");
        HttpResponse<String> hubspotUpsert = call("POST", "/sandbox/hubspot/crm/objects/2026-03/contacts/batch/upsert",
                "{\"inputs\":[{\"idProperty\":\"email\",\"id\":\"" + email + "\",\"properties\":{\"firstname\":\"Hub\"}}]}",
                "Authorization", "Bearer " + hubspot.account().token(), "Content-Type", "application/json");
        String hook = "{\"id\":\"evt_" + email + "\"}";
        HttpResponse<String> delivered = call("POST", "/sandbox/hooks/merchant", hook, "Content-Type", "application/json",
                MekongSignature.HEADER, MekongSignature.sign(hooks.receiver("merchant").secret(),
                        hook.getBytes(StandardCharsets.UTF_8), Instant.now()));

        assertThat(klaviyoImport.statusCode()).isEqualTo(201);
        assertThat(mailchimpPut.statusCode()).isEqualTo(200);
        assertThat(hubspotUpsert.statusCode()).isEqualTo(200);
        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(klaviyo.profile("email", email)).isNotNull();
        assertThat(mailchimp.member(email)).isNotNull();
        assertThat(hubspot.contactByEmail(email)).isNotNull();
        assertThat(json(call("GET", "/sandbox/hooks/_state", null)).at("/receivers/merchant/received").asLong()).isPositive();
        assertThat(call("GET", "/sandbox/klaviyo/api/profiles", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theControlsStartAndEndAnOutageThroughTheHub() {
        HttpResponse<String> started = call("POST", "/sandbox/hubspot/_control/outage", "{\"status\":503,\"seconds\":60}",
                "Content-Type", "application/json");
        HttpResponse<String> down = call("GET", "/sandbox/hubspot/crm/v3/objects/contacts/1", null,
                "Authorization", "Bearer " + hubspot.account().token());
        HttpResponse<String> ended = call("DELETE", "/sandbox/hubspot/_control/outage", null);
        HttpResponse<String> up = call("GET", "/sandbox/hubspot/crm/v3/objects/contacts/1", null,
                "Authorization", "Bearer " + hubspot.account().token());

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(ended.statusCode()).isEqualTo(204);
        assertThat(up.statusCode()).isEqualTo(404);
        assertThat(json(call("GET", "/sandbox/mailchimp/_state", null)).get("listId").asText())
                .isEqualTo(mailchimp.account().listId());
    }

    private static String md5(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
