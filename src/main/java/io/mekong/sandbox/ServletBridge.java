package io.mekong.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Hands a request the hub received under a simulator's mount to that simulator, as {@link SandboxHttpServer} does
 * outside the hub: the path without the mount (what clients sign as the api path) with the raw query, headers matched
 * case-insensitively, the body's bytes.
 */
public final class ServletBridge {

    private ServletBridge() {
    }

    public static ResponseEntity<byte[]> forward(HttpSimulator simulator, String mount, HttpServletRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        String path = request.getRequestURI().substring(mount.length());
        String query = request.getQueryString();
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        SimulatorResponse response = simulator.handle(request.getMethod(), path + (query == null ? "" : "?" + query), headers, body);
        HttpHeaders out = new HttpHeaders();
        response.headers().forEach(out::add);
        return ResponseEntity.status(response.status()).headers(out).body(response.body());
    }
}
