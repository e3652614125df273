package io.mekong.sandbox.lazada;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.ServletBridge;
import jakarta.servlet.http.HttpServletRequest;
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
    public ResponseEntity<byte[]> api(HttpServletRequest request) {
        return ServletBridge.forward(simulator, LazadaSandboxConfiguration.MOUNT, request);
    }
}
