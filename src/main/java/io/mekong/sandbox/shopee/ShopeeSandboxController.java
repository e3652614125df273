package io.mekong.sandbox.shopee;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.ServletBridge;
import jakarta.servlet.http.HttpServletRequest;
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
    public ResponseEntity<byte[]> api(HttpServletRequest request) {
        return ServletBridge.forward(simulator, ShopeeSandboxConfiguration.MOUNT, request);
    }
}
