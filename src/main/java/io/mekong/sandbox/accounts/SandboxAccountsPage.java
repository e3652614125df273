package io.mekong.sandbox.accounts;

import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.spec.ConnectorSpec;
import io.mekong.connector.spec.ParamSpec;
import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.web.ConsolePage;
import io.mekong.web.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * {@code /sandbox}: the simulators' accounts for someone trying the hub, with the values to paste into the console's
 * connection form, each named as the form names it (the connector's schema titles). For those who may create
 * connections; a viewer is refused here (the hub's own security chain serves this page and signs people in for it:
 * {@code SandboxSecurityConfiguration}).
 */
@Controller
@ConditionalOnSandbox
@ConsolePage
public class SandboxAccountsPage {

    /** The page; {@code PATH + "/"} is the same page. */
    public static final String PATH = "/sandbox";

    /** One value of the form: its field's label, the parameter it fills, and the value the simulator accepts. */
    record Field(String id, String label, String value, boolean secret) {
    }

    record Account(String id, String name, List<Field> fields, boolean tokensRotate) {
    }

    /** A simulator: the connector that reads it and its accounts. */
    record Simulator(String connector, String title, List<Account> accounts) {
    }

    private final SimulatedAccounts accounts;
    private final ConnectorRegistry connectors;

    SandboxAccountsPage(SimulatedAccounts accounts, ConnectorRegistry connectors) {
        this.accounts = accounts;
        this.connectors = connectors;
    }

    @GetMapping({PATH, PATH + "/"})
    String accounts(@ModelAttribute("me") ConsoleUser me, HttpServletRequest request, Model model) {
        if (!me.canWrite()) {
            throw new AccessDeniedException("The simulated accounts are for those who may create connections");
        }
        // the hub calls its in-process simulators on its own port, as the demo's connections do
        model.addAttribute("simulators", simulators(accounts.on("http://localhost:" + request.getLocalPort())));
        return "sandbox/accounts";
    }

    private List<Simulator> simulators(List<SimulatedAccount> all) {
        Map<String, List<Account>> byConnector = new LinkedHashMap<>();
        for (SimulatedAccount account : all) {
            List<Account> ofConnector = byConnector.computeIfAbsent(account.connector(), c -> new ArrayList<>());
            ofConnector.add(account(account.connector() + "-" + (ofConnector.size() + 1), account));
        }
        return byConnector.entrySet().stream()
                .map(e -> new Simulator(e.getKey(), connectors.get(e.getKey()).title(), e.getValue())).toList();
    }

    private Account account(String id, SimulatedAccount account) {
        ConnectorSpec spec = connectors.get(account.connector());
        List<Field> fields = account.values().entrySet().stream().map(value -> {
            ParamSpec param = spec.connection().param(value.getKey());
            if (param == null) {
                throw new IllegalStateException(spec.name() + "'s connection form has no field " + value.getKey());
            }
            return new Field(id + "-" + value.getKey(), param.title() == null ? value.getKey() : param.title(),
                    value.getValue(), param.secret());
        }).toList();
        return new Account(id, account.name(), fields, account.tokensRotate());
    }
}
