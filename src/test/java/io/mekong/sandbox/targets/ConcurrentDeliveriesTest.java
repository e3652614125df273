package io.mekong.sandbox.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.connector.FakeTime;
import io.mekong.sandbox.hubspot.HubSpotAccount;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.klaviyo.KlaviyoAccount;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.sandbox.mailchimp.MailchimpAccount;
import io.mekong.sandbox.mailchimp.MailchimpSimulator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Deliveries arrive from several consumers at once: the same people written by eight threads at the same time still
 * make exactly one record each, and the same event exactly one event.
 */
class ConcurrentDeliveriesTest {

    static final int THREADS = 8;
    static final int PEOPLE = 40;
    static final int ROUNDS = 5;

    private final FakeTime time = new FakeTime();

    /** Each thread sends every person {@link #ROUNDS} times, all threads together; every answer must be a success. */
    private static void together(TargetSimulator target, Delivery delivery) throws Exception {
        try (TargetHttp http = TargetHttp.serve(target)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<List<Integer>>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int offset = t;
                    results.add(pool.submit(() -> {
                        List<Integer> statuses = new ArrayList<>();
                        for (int round = 0; round < ROUNDS; round++) {
                            for (int p = 0; p < PEOPLE; p++) {
                                statuses.add(delivery.send(http, (p + offset) % PEOPLE).status());
                            }
                        }
                        return statuses;
                    }));
                }
                for (Future<List<Integer>> result : results) {
                    assertThat(result.get()).allMatch(status -> status < 300);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    interface Delivery {
        TargetHttp.Reply send(TargetHttp http, int person);
    }

    @Test
    void klaviyoKeepsOneProfilePerEmailAndOneEventPerUniqueId() throws Exception {
        String key = "pk_" + "a".repeat(32);
        KlaviyoSimulator klaviyo = new KlaviyoSimulator(new KlaviyoAccount(key, 100_000, 100_000), time);

        together(klaviyo, (http, p) -> http.send("POST", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{"
                + "\"properties\":{},\"unique_id\":\"order-" + p + "\",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":"
                + "{\"name\":\"Placed Order\"}}},\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"p" + p
                + "@example.com\"}}}}}}", "Authorization", "Klaviyo-API-Key " + key, "revision", "2024-10-15"));

        assertThat(klaviyo.profileCount()).isEqualTo(PEOPLE);
        assertThat(klaviyo.eventCount()).isEqualTo(PEOPLE);
    }

    @Test
    void mailchimpKeepsOneMemberPerEmail() throws Exception {
        String key = "b".repeat(32) + "-us21";
        MailchimpSimulator mailchimp = new MailchimpSimulator(new MailchimpAccount(key, "us21", "list1", "store1", "VND"),
                new ConnectionLimit(THREADS), time);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("u:" + key).getBytes(StandardCharsets.UTF_8));

        together(mailchimp, (http, p) -> http.send("PUT", "/3.0/lists/list1/members/" + md5("p" + p + "@example.com"),
                "{\"email_address\":\"p" + p + "@example.com\",\"status_if_new\":\"subscribed\"}", "Authorization", basic));

        assertThat(mailchimp.memberCount()).isEqualTo(PEOPLE);
    }

    @Test
    void hubspotKeepsOneContactPerEmail() throws Exception {
        String token = "pat-na1-concurrent";
        HubSpotSimulator hubspot = new HubSpotSimulator(new HubSpotAccount(token, 1, 100_000), time);

        together(hubspot, (http, p) -> http.send("POST", "/crm/v3/objects/contacts/batch/upsert", "{\"inputs\":[{"
                + "\"idProperty\":\"email\",\"id\":\"p" + p + "@example.com\",\"properties\":{\"firstname\":\"P\"}}]}",
                "Authorization", "Bearer " + token));

        assertThat(hubspot.contactCount()).isEqualTo(PEOPLE);
    }

    private static String md5(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(email.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
