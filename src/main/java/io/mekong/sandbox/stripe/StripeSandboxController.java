package io.mekong.sandbox.stripe;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SimulatorResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the Stripe simulator inside the hub: a connection's base URL is {@code http://localhost:{port}/sandbox/stripe}. */
@RestController
@ConditionalOnSandbox
public class StripeSandboxController {

    private final StripeSimulator simulator;

    public StripeSandboxController(StripeSimulator simulator) {
        this.simulator = simulator;
    }

    @RequestMapping(StripeSandboxConfiguration.MOUNT + "/v1/**")
    public ResponseEntity<byte[]> api(HttpServletRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        String path = request.getRequestURI().substring(StripeSandboxConfiguration.MOUNT.length());
        String query = request.getQueryString();
        SimulatorResponse response = simulator.handle(request.getMethod(), path + (query == null ? "" : "?" + query),
                headers, new byte[0]);
        HttpHeaders out = new HttpHeaders();
        response.headers().forEach(out::add);
        return ResponseEntity.status(response.status()).headers(out).body(response.body());
    }
}
