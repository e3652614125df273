package io.mekong.sandbox.stripe;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.ServletBridge;
import jakarta.servlet.http.HttpServletRequest;
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
        return ServletBridge.forward(simulator, StripeSandboxConfiguration.MOUNT, request);
    }
}
