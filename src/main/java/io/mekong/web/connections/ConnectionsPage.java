package io.mekong.web.connections;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionDraft;
import io.mekong.connection.ConnectionService;
import io.mekong.connection.ConnectionTests;
import io.mekong.connection.InvalidConnectionException;
import io.mekong.connection.VisibleConnections;
import io.mekong.connection.WebhookSetup;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.spec.ConnectionSchema;
import io.mekong.connector.spec.ConnectorSpec;
import io.mekong.web.PageNotFound;
import io.mekong.web.Refusals;
import io.mekong.web.TryItLink;
import io.mekong.ops.WorkspaceScope;
import io.mekong.sync.SyncJobService;
import io.mekong.sync.SyncRun;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Connections in the console: the list with each one's health, the form generated from the connector's schema to create
 * or edit one, "test connection", and the webhook address to give the vendor. Everything goes through the same
 * services as {@code /api/connections}, confined to the signed-in person's workspace.
 */
@Controller
class ConnectionsPage {

    /**
     * A connection in the list.
     *
     * @param system   the connector's title in the reader's language
     * @param lastTest the outcome of its last "test connection", null when never tested
     * @param lastRun  its latest sync run, null when it never ran
     * @param lastSync when a run of it last succeeded, null when none did
     */
    record Row(Connection connection, String system, ConnectionTests.LastTest lastTest, SyncRun lastRun, Instant lastSync) {
    }

    private final VisibleConnections visible;
    private final ConnectionService connections;
    private final ConnectionTests tests;
    private final WebhookSetup webhooks;
    private final SyncJobService syncs;
    private final ConnectorRegistry connectors;
    private final WorkspaceScope scope;
    private final MessageSource messages;
    private final ObjectProvider<TryItLink> tryIt;
    private final Refusals refusals;

    ConnectionsPage(VisibleConnections visible, ConnectionService connections, ConnectionTests tests,
                    WebhookSetup webhooks, SyncJobService syncs, ConnectorRegistry connectors, WorkspaceScope scope,
                    MessageSource messages, ObjectProvider<TryItLink> tryIt, Refusals refusals) {
        this.visible = visible;
        this.connections = connections;
        this.tests = tests;
        this.webhooks = webhooks;
        this.syncs = syncs;
        this.connectors = connectors;
        this.scope = scope;
        this.messages = messages;
        this.tryIt = tryIt;
        this.refusals = refusals;
    }

    @GetMapping("/console/connections")
    String list(Model model, Locale locale) {
        model.addAttribute("rows", visible.list(null).stream().map(c -> new Row(c, spec(c.connector()).title(locale), tests.last(c).orElse(null),
                syncs.lastRunOf(c).orElse(null), syncs.lastSyncOf(c).orElse(null))).toList());
        return "console/connections/list";
    }

    /** Without a connector: which system to connect. With one: its form. */
    @GetMapping("/console/connections/new")
    String newConnection(@RequestParam(required = false) String connector, Model model, Locale locale) {
        if (connector == null || connector.isBlank()) {
            model.addAttribute("connectors", connectors.names().stream().sorted().map(connectors::get).toList());
            model.addAttribute("tryIt", tryIt.getIfAvailable());
            return "console/connections/choose";
        }
        return form(model, spec(connector), null, null, Map.of(), null, locale);
    }

    @PostMapping("/console/connections/new")
    String create(@RequestParam String connector, @RequestParam Map<String, String> submitted, Model model,
                  HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
        ConnectorSpec spec = spec(connector);
        ConnectionForm.Values values = ConnectionForm.read(spec, null, submitted);
        Map<String, String> errors = unreadable(values, locale);
        if (errors.isEmpty()) {
            try {
                Connection created = connections.create(new ConnectionDraft(submitted.get("id"),
                        scope.workspaceForNewRow(blankToNull(submitted.get("workspace"))), connector,
                        submitted.get("name"), values.params(), values.secrets()));
                redirect.addFlashAttribute("saved", true);
                return "redirect:" + path(created);
            } catch (InvalidConnectionException e) {
                errors.putAll(problems(e.problems(), locale));
                model.addAttribute("formError", refusals.text(e));
            } catch (IllegalArgumentException e) {
                // the id or workspace: about the whole form
                model.addAttribute("formError", refusals.text(e));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(model, spec, null, submitted, errors, null, locale);
    }

    @GetMapping("/console/connections/{workspace}/{id}")
    String show(@PathVariable String workspace, @PathVariable String id, Model model, Locale locale) {
        Connection connection = visible.get(workspace, id);
        return form(model, spec(connection.connector()), connection, null, Map.of(), connection, locale);
    }

    @PostMapping("/console/connections/{workspace}/{id}")
    String update(@PathVariable String workspace, @PathVariable String id, @RequestParam Map<String, String> submitted,
                  Model model, HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
        Connection existing = visible.get(workspace, id);
        ConnectorSpec spec = spec(existing.connector());
        ConnectionForm.Values values = ConnectionForm.read(spec, existing, submitted);
        Map<String, String> errors = unreadable(values, locale);
        if (errors.isEmpty()) {
            try {
                Connection saved = connections.update(existing, new ConnectionDraft(existing.apiId(), existing.workspaceId(),
                        existing.connector(), submitted.get("name"), values.params(), values.secrets()));
                redirect.addFlashAttribute("saved", true);
                return "redirect:" + path(saved);
            } catch (InvalidConnectionException e) {
                errors.putAll(problems(e.problems(), locale));
                model.addAttribute("formError", refusals.text(e));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(model, spec, existing, submitted, errors, existing, locale);
    }

    /** htmx: reaches the system with the stored credentials; the answer replaces the button's result area. */
    @PostMapping("/console/connections/{workspace}/{id}/test")
    String test(@PathVariable String workspace, @PathVariable String id, Model model) {
        model.addAttribute("result", tests.test(visible.get(workspace, id)));
        return "console/connections/detail :: test-result";
    }

    private String form(Model model, ConnectorSpec spec, Connection existing, Map<String, String> submitted,
                        Map<String, String> errors, Connection shown, Locale locale) {
        model.addAttribute("spec", spec);
        model.addAttribute("fields", ConnectionForm.fields(spec, existing, submitted, errors, locale));
        model.addAttribute("submitted", submitted == null ? Map.of() : submitted);
        if (shown == null) {
            return "console/connections/new";
        }
        model.addAttribute("connection", shown);
        model.addAttribute("path", path(shown));
        model.addAttribute("lastTest", tests.last(shown).orElse(null));
        model.addAttribute("webhooks", webhooks.of(shown).orElse(null));
        model.addAttribute("jobs", syncs.forConnection(shown));
        return "console/connections/detail";
    }

    private ConnectorSpec spec(String connector) {
        return connectors.find(connector).orElseThrow(() -> new PageNotFound("console.missing.connector", connector));
    }

    /** Field → message, for values the form could not read as their type. */
    private Map<String, String> unreadable(ConnectionForm.Values values, Locale locale) {
        Map<String, String> errors = new HashMap<>();
        values.unreadable().forEach(u -> errors.put(u.field(), messages.getMessage(u.messageKey(), null, locale)));
        return errors;
    }

    /** The schema's problems in the reader's language, the English message where we have no words for its kind. */
    private Map<String, String> problems(List<ConnectionSchema.Problem> problems, Locale locale) {
        Map<String, String> errors = new HashMap<>();
        for (ConnectionSchema.Problem problem : problems) {
            errors.merge(problem.field(), messages.getMessage("connections.problem." + problem.code(), null,
                    problem.message(), locale), (a, b) -> a + " " + b);
        }
        return errors;
    }

    static String path(Connection connection) {
        return "/console/connections/" + UriUtils.encodePathSegment(connection.workspaceId(), "UTF-8") + "/"
                + UriUtils.encodePathSegment(connection.apiId(), "UTF-8");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
