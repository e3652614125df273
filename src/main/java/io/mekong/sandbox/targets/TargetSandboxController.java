package io.mekong.sandbox.targets;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.ServletBridge;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the target simulators inside the hub, each at {@code /sandbox/<name>}: a Klaviyo connection's base URL is
 * {@code http://localhost:{port}/sandbox/klaviyo}, Mailchimp's {@code .../sandbox/mailchimp/3.0}, HubSpot's
 * {@code .../sandbox/hubspot}, a webhook destination's {@code .../sandbox/hooks/<receiver>}.
 */
@RestController
@ConditionalOnSandbox
public class TargetSandboxController {

    static final String PREFIX = "/sandbox/";

    private final Map<String, TargetSandbox> sandboxes;

    public TargetSandboxController(List<TargetSimulator> targets) {
        this.sandboxes = targets.stream().collect(Collectors.toUnmodifiableMap(TargetSimulator::name,
                target -> new TargetSandbox(target), (a, b) -> {
                    throw new IllegalStateException("two target simulators named " + a.target().name());
                }));
    }

    @RequestMapping({"/sandbox/klaviyo/**", "/sandbox/mailchimp/**", "/sandbox/hubspot/**", "/sandbox/hooks/**"})
    public ResponseEntity<byte[]> serve(HttpServletRequest request) {
        String rest = request.getRequestURI().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        TargetSandbox sandbox = sandboxes.get(name);
        if (sandbox == null) {
            return ResponseEntity.notFound().build();
        }
        return ServletBridge.forward(sandbox, PREFIX + name, request);
    }
}
