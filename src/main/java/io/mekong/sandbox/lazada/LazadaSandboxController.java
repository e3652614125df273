package io.mekong.sandbox.lazada;

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
 * Serves the Lazada simulator inside the hub: a connection's {@code baseUrl} is
 * {@code http://localhost:{port}/sandbox/lazada/rest} and its {@code authBaseUrl}
 * {@code http://localhost:{port}/sandbox/lazada/auth/rest}. The signers sign the path after those base URLs, as on
 * the real hosts, and the simulator checks the same.
 */
@RestController
@ConditionalOnSandbox
public class LazadaSandboxController {

    private final LazadaSimulator simulator;

    public LazadaSandboxController(LazadaSimulator simulator) {
        this.simulator = simulator;
    }

    @RequestMapping(path = {LazadaSandboxConfiguration.GATEWAY + "/**", LazadaSandboxConfiguration.AUTH_HOST + "/**"},
            method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<byte[]> api(HttpServletRequest request) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        String path = request.getRequestURI().substring(LazadaSandboxConfiguration.MOUNT.length());
        String query = request.getQueryString();
        SimulatorResponse response = simulator.handle(request.getMethod(), path + (query == null ? "" : "?" + query),
                headers, request.getInputStream().readAllBytes());
        HttpHeaders out = new HttpHeaders();
        response.headers().forEach(out::add);
        return ResponseEntity.status(response.status()).headers(out).body(response.body());
    }
}
