package io.mekong.sandbox.woocommerce;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.ServletBridge;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the WooCommerce simulator inside the hub: a connection's base URL is {@code http://localhost:{port}/sandbox/woocommerce}. */
@RestController
@ConditionalOnSandbox
public class WooCommerceSandboxController {

    private final WooCommerceSimulator simulator;

    public WooCommerceSandboxController(WooCommerceSimulator simulator) {
        this.simulator = simulator;
    }

    @RequestMapping(WooCommerceSandboxConfiguration.MOUNT + WooCommerceSimulator.API + "/**")
    public ResponseEntity<byte[]> api(HttpServletRequest request) {
        return ServletBridge.forward(simulator, WooCommerceSandboxConfiguration.MOUNT, request);
    }
}
