package io.mekong.demo;

import io.mekong.ops.AdminBootstrap;
import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.hubspot.HubSpotAccount;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.klaviyo.KlaviyoAccount;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.sandbox.mailchimp.MailchimpAccount;
import io.mekong.sandbox.mailchimp.MailchimpSimulator;
import io.mekong.sink.Destinations;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The default run's targets: a destination for the simulated Klaviyo account, Mailchimp audience, HubSpot portal and
 * the merchant's own webhook endpoint, so that every change the demo syncs fans out (docs/destinations.md). Each
 * simulator takes back the key its demo connection stored before anything can call it.
 */
@Component
@ConditionalOnSandbox
@ConditionalOnProperty(name = "mekong.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoDestinations implements SmartInitializingSingleton {

    private static final String KLAVIYO = "demo-klaviyo";
    private static final String MAILCHIMP = "demo-mailchimp";
    private static final String HUBSPOT = "demo-hubspot";
    private static final String HOOK = "demo-merchant-hook";
    private static final String HOOK_RECEIVER = "merchant";

    private final KlaviyoSimulator klaviyo;
    private final MailchimpSimulator mailchimp;
    private final HubSpotSimulator hubspot;
    private final HookReceivers hooks;
    private final Destinations destinations;
    private final DemoConnections connections;

    DemoDestinations(KlaviyoSimulator klaviyo, MailchimpSimulator mailchimp, HubSpotSimulator hubspot,
                     HookReceivers hooks, Destinations destinations, DemoConnections connections) {
        this.klaviyo = klaviyo;
        this.mailchimp = mailchimp;
        this.hubspot = hubspot;
        this.hooks = hooks;
        this.destinations = destinations;
        this.connections = connections;
    }

    @Override
    public void afterSingletonsInstantiated() {
        KlaviyoAccount k = klaviyo.account();
        klaviyo.use(new KlaviyoAccount(connections.secrets(KLAVIYO, Map.of("apiKey", k.apiKey()), "apiKey").get("apiKey"),
                k.burstPerSecond(), k.steadyPerMinute()));
        mailchimp.useApiKey(connections.secrets(MAILCHIMP, Map.of("apiKey", mailchimp.account().apiKey()), "apiKey")
                .get("apiKey"));
        HubSpotAccount h = hubspot.account();
        hubspot.use(new HubSpotAccount(connections.secrets(HUBSPOT, Map.of("accessToken", h.token()), "accessToken")
                .get("accessToken"), h.portalId(), h.requestsPerTenSeconds()));
        hooks.useSecret(HOOK_RECEIVER, connections.secrets(HOOK,
                Map.of("signingSecret", hooks.receiver(HOOK_RECEIVER).secret()), "signingSecret").get("signingSecret"));
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    void start() {
        destination(KLAVIYO, "klaviyo", "Klaviyo demo account", connections.local("/sandbox/klaviyo"), Map.of(),
                Set.of("profiles", "consent", "events", "erasures"));
        MailchimpAccount m = mailchimp.account();
        destination(MAILCHIMP, "mailchimp", "Mailchimp demo audience", connections.local("/sandbox/mailchimp/3.0"),
                Map.of("dataCenter", m.dc(), "listId", m.listId(), "storeId", m.storeId()),
                Set.of("profiles", "consent", "orders", "erasures"));
        destination(HUBSPOT, "hubspot", "HubSpot demo portal", connections.local("/sandbox/hubspot"), Map.of(),
                Set.of("profiles", "orders", "erasures"));
        destination(HOOK, "webhook", "The merchant's own endpoint", null,
                Map.of("url", connections.local("/sandbox/hooks/" + HOOK_RECEIVER)), Set.of("orders", "erasures"));
    }

    /** A demo target connection and its destination (the connection's id is the destination's). */
    private void destination(String id, String connector, String name, String baseUrl, Map<String, Object> params,
                             Set<String> deliver) {
        String globalId = connections.connection(id, connector, name, baseUrl, params);
        if (destinations.find(AdminBootstrap.DEFAULT_WORKSPACE, id).isEmpty()) {
            destinations.create(AdminBootstrap.DEFAULT_WORKSPACE, id, globalId, deliver, true);
        }
    }
}
