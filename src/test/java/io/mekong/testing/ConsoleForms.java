package io.mekong.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Console pages fetched and forms posted over plain HTTP, as a signed-in person (HTTP Basic: a request that carries
 * its credentials needs no CSRF token), for checks that need no browser: who may see and change what, and how bad
 * input is answered. Redirects are not followed, so that a test sees where a form sends the person.
 */
public final class ConsoleForms {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final HttpClient http;
    private final int port;
    private final String user;
    private final String password;
    private String language = "en";

    public ConsoleForms(int port, String user, String password) {
        this(port, user, password, HTTP);
    }

    private ConsoleForms(int port, String user, String password, HttpClient http) {
        this.http = http;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The same person reading the pages in {@code language} ({@code vi}, {@code en}). */
    public ConsoleForms in(String language) {
        ConsoleForms other = new ConsoleForms(port, user, password);
        other.language = language;
        return other;
    }

    /**
     * The same person keeping the cookies they are given, as a browser does: what a page hands over to the next one
     * through the session (a flash attribute after a redirect) reaches it.
     */
    public ConsoleForms keepingCookies() {
        ConsoleForms other = new ConsoleForms(port, user, password, HttpClient.newBuilder()
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build());
        other.language = language;
        return other;
    }

    public HttpResponse<String> get(String path) {
        return send(http, request(path).GET());
    }

    /** A page as a browser asks for it ({@code Accept: text/html}): a refusal is then a page too, not JSON. */
    public HttpResponse<String> page(String path) {
        return send(http, request(path).header("Accept", "text/html").GET());
    }

    /** Posts a form; a field given a list is sent once per value. */
    public HttpResponse<String> post(String path, Map<String, ?> fields) {
        String body = fields.entrySet().stream()
                .flatMap(e -> (e.getValue() instanceof List<?> values ? values : List.of(e.getValue())).stream()
                        .map(v -> encode(e.getKey()) + "=" + encode(String.valueOf(v))))
                .collect(Collectors.joining("&"));
        return send(http, request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Language", language)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Any request as it is, with no one's credentials added (a simulator's API, someone not signed in). */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(HTTP, request);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
