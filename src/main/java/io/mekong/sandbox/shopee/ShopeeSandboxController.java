package io.mekong.sandbox.shopee;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SimulatorResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the Shopee simulator inside the hub: a connection's base URL is {@code http://localhost:{port}/sandbox/shopee}.
 * The simulator sees the path without the mount, which is the api path clients sign (see the signers' ApiPath).
 */
@RestController
@ConditionalOnSandbox
public class ShopeeSandboxController {

    private final ShopeeSimulator simulator;

    public ShopeeSandboxController(ShopeeSimulator simulator) {
        this.simulator = simulator;
    }

    @RequestMapping(path = ShopeeSandboxConfiguration.MOUNT + "/api/v2/**", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<byte[]> api(HttpServletRequest request) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        String path = request.getRequestURI().substring(ShopeeSandboxConfiguration.MOUNT.length());
        String query = request.getQueryString();
        SimulatorResponse response = simulator.handle(request.getMethod(), path + (query == null ? "" : "?" + query),
                headers, request.getInputStream().readAllBytes());
        HttpHeaders out = new HttpHeaders();
        response.headers().forEach(out::add);
        return ResponseEntity.status(response.status()).headers(out).body(response.body());
    }
}
