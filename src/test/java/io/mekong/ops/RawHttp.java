package io.mekong.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange over a plain socket, for what an HTTP client library will not do: sign in from a chosen
 * address of 127.0.0.0/8 (the address the hub sees), or send a chunked body of a chosen size.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** A response as read off the wire; the body as sent (chunk sizes included). */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /** @param chunked send the body with {@code Transfer-Encoding: chunked} instead of a {@code Content-Length} */
    static Answer exchange(int port, String clientAddress, String method, String path, Map<String, String> headers,
                           byte[] body, boolean chunked) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(clientAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (chunked) {
                for (int at = 0; at < body.length; at += 8192) {
                    int length = Math.min(8192, body.length - at);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, at, length);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write(body);
            }
            out.flush();
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Posts the login form as a browser would, from {@code clientAddress}: GETs {@code /login} first for the CSRF
     * cookie and field, then posts {@code fields} with the field appended.
     */
    static Answer postLoginForm(int port, String clientAddress, String fields, boolean chunked) {
        Answer form = exchange(port, clientAddress, "GET", "/login", Map.of(), new byte[0], false);
        String cookie = form.header("Set-Cookie").split(";")[0];
        String csrf = form.body().replaceFirst("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        String body = "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&" + fields;
        return exchange(port, clientAddress, "POST", "/login", Map.of("Cookie", cookie,
                "Content-Type", "application/x-www-form-urlencoded"), body.getBytes(StandardCharsets.UTF_8), chunked);
    }

    private static Answer parse(String response) {
        int end = response.indexOf("\r\n\r\n");
        String[] lines = response.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(end + 4));
    }
}
