package io.mekong.sandbox;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The webhook endpoints registered with a simulated vendor, per account (a shop, a Stripe account, a store), as the
 * vendor's admin screen lists them: where each one sends and the secret that signs what it sends.
 *
 * @param <A> the vendor's account; told apart by identity
 */
public final class WebhookEndpoints<A> {

    public record Endpoint(URI address, String signingSecret) {

        @Override
        public String toString() {
            return "Endpoint[" + address + "]";
        }
    }

    private final Map<A, List<Endpoint>> endpoints = new ConcurrentHashMap<>();

    public void add(A account, URI address, String signingSecret) {
        endpoints.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>()).add(new Endpoint(address, signingSecret));
    }

    /** The account's endpoints, oldest first; none when nothing subscribed. */
    public List<Endpoint> of(A account) {
        return List.copyOf(endpoints.getOrDefault(account, List.of()));
    }
}
