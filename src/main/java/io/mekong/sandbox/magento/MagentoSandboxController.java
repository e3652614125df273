package io.mekong.sandbox.magento;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SimulatorResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the Magento simulator inside the hub: a store's base URL is {@code http://localhost:{port}/sandbox/magento}.
 * The OAuth 1.0a signature is checked by the simulator, over the URL the client called.
 */
@RestController
@ConditionalOnSandbox
public class MagentoSandboxController {

    private final MagentoSimulator simulator;

    public MagentoSandboxController(MagentoSimulator simulator) {
        this.simulator = simulator;
    }

    @GetMapping(MagentoSandboxConfiguration.MOUNT + "/rest/**")
    public ResponseEntity<byte[]> rest(HttpServletRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        String path = request.getRequestURI().substring(MagentoSandboxConfiguration.MOUNT.length());
        String query = request.getQueryString();
        SimulatorResponse response = simulator.handle("GET", path + (query == null ? "" : "?" + query), headers, new byte[0]);
        HttpHeaders out = new HttpHeaders();
        response.headers().forEach(out::add);
        return ResponseEntity.status(response.status()).headers(out).body(response.body());
    }
}
