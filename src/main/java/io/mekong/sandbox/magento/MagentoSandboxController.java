package io.mekong.sandbox.magento;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.ServletBridge;
import jakarta.servlet.http.HttpServletRequest;
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
        return ServletBridge.forward(simulator, MagentoSandboxConfiguration.MOUNT, request);
    }
}
