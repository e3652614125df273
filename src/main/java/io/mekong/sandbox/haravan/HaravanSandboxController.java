package io.mekong.sandbox.haravan;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.ServletBridge;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the Haravan simulator inside the hub: both the API base URL and the accounts (token) URL of a connection are
 * {@code http://localhost:{port}/sandbox/haravan}.
 */
@RestController
@ConditionalOnSandbox
public class HaravanSandboxController {

    private final HaravanSimulator simulator;

    public HaravanSandboxController(HaravanSimulator simulator) {
        this.simulator = simulator;
    }

    @RequestMapping({HaravanSandboxConfiguration.MOUNT + "/com/**", HaravanSandboxConfiguration.MOUNT + "/connect/token"})
    public ResponseEntity<byte[]> api(HttpServletRequest request) {
        return ServletBridge.forward(simulator, HaravanSandboxConfiguration.MOUNT, request);
    }
}
