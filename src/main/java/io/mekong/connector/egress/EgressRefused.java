package io.mekong.connector.egress;

import java.net.UnknownHostException;

/**
 * A connection the egress guard refused. An {@link UnknownHostException} because that is what a resolver may throw
 * (and to the caller the host is indeed not reachable); never retried.
 */
public final class EgressRefused extends UnknownHostException {

    public EgressRefused(String host, String kind) {
        super(host + " resolves to " + withArticle(kind) + " address; an admin may allow it with " + EgressGuard.ALLOW_ENV);
    }

    private static String withArticle(String kind) {
        return kind.startsWith("the ") ? kind : ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }
}
