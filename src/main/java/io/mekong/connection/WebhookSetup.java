package io.mekong.connection;

import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.spec.ConnectorSpec;
import io.mekong.connector.spec.WebhookSpec;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What a merchant pastes into the vendor's admin so that its webhooks reach a connection: the address, and which of
 * the connection's secrets signs the deliveries. The signing secret comes from the vendor (Shopify's app client
 * secret, a webhook secret the vendor generates): the merchant copies it from there into the connection, never the other way.
 */
@Component
public class WebhookSetup {

    private static final Pattern SECRET_REFERENCE = Pattern.compile("\\{\\{\\s*secrets\\.([A-Za-z0-9_]+)\\s*}}");

    /**
     * @param url            where the vendor sends the connection's webhooks
     * @param signingSecrets the names of the connection's secrets the signature is checked with
     */
    public record Setup(String url, List<String> signingSecrets) {
    }

    private final ConnectorRegistry connectors;

    public WebhookSetup(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    /**
     * The setup of a connection whose connector receives webhooks, with the address of the current request's host.
     * The address names the workspace; the older {@code /webhooks/{connector}/{global id}} keeps working.
     */
    public Optional<Setup> of(Connection connection) {
        return connectors.find(connection.connector()).map(ConnectorSpec::webhooks).map(webhooks -> new Setup(
                ServletUriComponentsBuilder.fromCurrentContextPath()
                        .pathSegment("webhooks", connection.connector(), connection.workspaceId(), connection.apiId())
                        .encode().toUriString(),
                signingSecrets(webhooks)));
    }

    private static List<String> signingSecrets(WebhookSpec webhooks) {
        TreeSet<String> names = new TreeSet<>();
        for (String template : webhooks.signature().templates().values()) {
            Matcher reference = SECRET_REFERENCE.matcher(template);
            while (reference.find()) {
                names.add(reference.group(1));
            }
        }
        return List.copyOf(names);
    }
}
