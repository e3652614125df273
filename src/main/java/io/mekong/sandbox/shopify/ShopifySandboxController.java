package io.mekong.sandbox.shopify;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SimulatorResponse;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the simulator inside the hub: a shop's base URL is {@code http://localhost:{port}/sandbox/shopify/{shop}}.
 * Credentials are checked by the simulator, not by Spring Security.
 */
@RestController
@ConditionalOnSandbox
public class ShopifySandboxController {

    private final ShopifySimulator simulator;

    public ShopifySandboxController(ShopifySimulator simulator) {
        this.simulator = simulator;
    }

    @PostMapping(ShopifySandboxConfiguration.MOUNT + "/{shopDomain}/admin/api/{version}/graphql.json")
    public ResponseEntity<byte[]> graphql(@PathVariable String shopDomain, @PathVariable String version,
                                          @RequestHeader HttpHeaders headers,
                                          @RequestBody(required = false) byte[] body) {
        Map<String, String> flat = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> flat.put(name, values.isEmpty() ? "" : values.get(0)));
        SimulatorResponse response = simulator.handle("POST",
                "/" + shopDomain + "/admin/api/" + version + "/graphql.json", flat, body == null ? new byte[0] : body);
        HttpHeaders out = new HttpHeaders();
        response.headers().forEach(out::add);
        return ResponseEntity.status(response.status()).headers(out).body(response.body());
    }
}
