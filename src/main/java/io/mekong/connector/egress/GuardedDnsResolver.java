package io.mekong.connector.egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The HTTP client's resolver, checked by the {@link EgressGuard}: the client connects to exactly the addresses this
 * returns, so a name that resolves elsewhere between a check and the connect (DNS rebinding) is impossible. Refused
 * addresses are left out; when none is left, the connect fails with {@link EgressRefused}.
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final EgressGuard guard;

    public GuardedDnsResolver(EgressGuard guard) {
        this.guard = guard;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        InetAddress[] resolved = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        List<InetSocketAddress> allowed = new ArrayList<>();
        String refusal = null;
        for (InetAddress address : resolved) {
            String kind = guard.refusal(address, port);
            if (kind == null) {
                allowed.add(new InetSocketAddress(address, port));
            } else if (refusal == null) {
                refusal = kind;
            }
        }
        if (allowed.isEmpty() && refusal == null) {
            throw new UnknownHostException(host);
        }
        if (allowed.isEmpty()) {
            throw new EgressRefused(host, refusal);
        }
        return allowed;
    }

    /** Without a port the sandbox's own port cannot be told apart: only what is allowed on every port passes. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return resolve(host, -1).stream().map(InetSocketAddress::getAddress).toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
