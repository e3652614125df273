package io.mekong.connector.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One outgoing request, fully built (address, headers, body). Headers added by an authenticator are marked
 * secret so that {@link #toString()} masks them.
 *
 * @param signAgain makes this request again with a fresh signature (null: it has none to renew): a retry must not
 *                  resend a timestamp that expires (Shopee allows 5 minutes) or a nonce already spent (OAuth 1.0a)
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, String body, Set<String> secretHeaders,
                       Supplier<HttpCall> signAgain) {

    /** A body is JSON unless this header says otherwise (a form POST). */
    public static final String CONTENT_TYPE = "Content-Type";

    public HttpCall {
        headers = Map.copyOf(headers);
        secretHeaders = Set.copyOf(secretHeaders);
    }

    public HttpCall(String method, URI uri, Map<String, String> headers, String body, Set<String> secretHeaders) {
        this(method, uri, headers, body, secretHeaders, null);
    }

    /** This call, which {@code signer} can make again with a fresh signature. */
    public HttpCall signedBy(Supplier<HttpCall> signer) {
        return new HttpCall(method, uri, headers, body, secretHeaders, signer);
    }

    /** The call to send for another attempt: signed anew when it is signed at all. */
    public HttpCall signedAgain() {
        return signAgain == null ? this : signAgain.get();
    }

    public HttpCall withHeader(String name, String value, boolean secret) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        Set<String> s = new TreeSet<>(secretHeaders);
        if (secret) {
            s.add(name);
        }
        return new HttpCall(method, uri, h, body, s);
    }

    /** The query's name/value pairs, decoded, in order. */
    public List<Map.Entry<String, String>> query() {
        return QueryString.parse(uri.getRawQuery());
    }

    /** This call with {@code name=value} appended to its query (RFC 3986 encoded). */
    public HttpCall withQueryParam(String name, String value) {
        String pair = QueryString.encode(name) + "=" + QueryString.encode(value);
        String raw = uri.getRawQuery();
        String base = uri.toString();
        int fragment = base.indexOf('#');
        String withoutFragment = fragment < 0 ? base : base.substring(0, fragment);
        URI extended = URI.create(withoutFragment + (raw == null ? "?" : raw.isEmpty() ? "" : "&") + pair);
        return new HttpCall(method, extended, headers, body, secretHeaders);
    }

    /** "POST /admin/api/2025-10/graphql.json": safe to log and to show (no host, no query string). */
    public String describe() {
        return method + " " + uri.getRawPath();
    }

    @Override
    public String toString() {
        Map<String, String> masked = new LinkedHashMap<>();
        headers.forEach((k, v) -> masked.put(k, secretHeaders.contains(k) ? "****" : v));
        return "HttpCall[" + describe() + ", headers=" + masked + "]";
    }
}
