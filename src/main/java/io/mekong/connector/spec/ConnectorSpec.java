package io.mekong.connector.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One connector spec file ({@code connectors/<name>.yaml}): everything the engine needs to read a system,
 * typed and validated when loaded. The vocabulary is documented in docs/connectors.md.
 *
 * @param i18n      the title and description in the console's other languages (the ones beside it are English)
 * @param auth      optional (public APIs)
 * @param rateLimit optional (no budget beyond retries on 429)
 * @param test      optional; without it a connection test only validates parameters
 * @param webhooks  optional; without it the connector receives no webhooks
 * @param kind      {@code source} (the default: a system records are read from) or {@code target} (a system the bus
 *                  delivers to: Klaviyo, an HTTP endpoint); a target needs no streams
 * @param actions   a target's HTTP operations by name, which its writer calls (a route-driven target such as the
 *                  webhook has none); only a target has them
 */
public record ConnectorSpec(String name, String kind, String title, String description, Translations i18n, Integer version,
                            ConnectionSchema connection, AuthSpec auth, RequesterSpec requester,
                            RateLimitSpec rateLimit, TestSpec test, Map<String, StreamSpec> streams,
                            WebhookSpec webhooks, Map<String, ActionSpec> actions) {

    /** The connection parameter that replaces {@code requester.baseUrl} for one connection. */
    public static final String BASE_URL_PARAM = "baseUrl";

    public static final String SOURCE = "source";
    public static final String TARGET = "target";

    public ConnectorSpec {
        SpecProblem.require(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new SpecProblem("name", "must be lower-case letters, digits and dashes (was '" + name + "')");
        }
        kind = kind == null ? SOURCE : kind;
        if (!kind.equals(SOURCE) && !kind.equals(TARGET)) {
            throw new SpecProblem("kind", "must be " + SOURCE + " or " + TARGET + " (was '" + kind + "')");
        }
        title = title == null ? name : title;
        i18n = i18n == null ? Translations.NONE : i18n;
        version = version == null ? 1 : version;
        connection = connection == null ? new ConnectionSchema(null, null, null) : connection;
        SpecProblem.require(requester, "requester");
        streams = streams == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(streams));
        actions = actions == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(actions));
        if (streams.isEmpty() && kind.equals(SOURCE)) {
            throw new SpecProblem("streams", "must declare at least one stream (a target, kind: target, needs none)");
        }
        if (kind.equals(SOURCE) && !actions.isEmpty()) {
            throw new SpecProblem("actions", "only a target has actions: set kind: target");
        }
        checkTemplates(connection, auth, requester, streams);
        checkActions(connection, actions, requester.apiVersion() != null);
        checkRenewedSecrets(connection, auth);
        if (webhooks != null) {
            ConnectionSchema schema = connection;
            boolean versioned = requester.apiVersion() != null;
            webhooks.signature().templates().forEach((option, template) -> checkTemplate(schema,
                    "webhooks.signature." + option, template, versioned, false));
            checkTopics(webhooks, streams);
        }
    }

    /** The title in the reader's language, else the English one. */
    public String title(Locale reader) {
        return i18n.title(reader, title);
    }

    /** The description in the reader's language, else the English one; null when the spec gives none. */
    public String description(Locale reader) {
        return i18n.description(reader, description);
    }

    public boolean isTarget() {
        return kind.equals(TARGET);
    }

    public StreamSpec stream(String stream) {
        return streams.get(stream);
    }

    /** An action's path may name the item it is sent for ({{item.x}}); the rest as anywhere. */
    private static void checkActions(ConnectionSchema connection, Map<String, ActionSpec> actions, boolean versioned) {
        actions.forEach((name, action) -> {
            String withoutItem = Template.render(action.path(), variable -> variable.startsWith(ActionSpec.ITEM)
                    && variable.length() > ActionSpec.ITEM.length() ? "" : "{{" + variable + "}}");
            checkTemplate(connection, "actions." + name + ".path", withoutItem, versioned, false);
            if (Template.variables(action.path()).stream().anyMatch(v -> v.startsWith(Template.SECRETS))) {
                throw new SpecProblem("actions." + name + ".path", "refers to a secret: a path is logged and shown in"
                        + " errors, so secrets go in auth");
            }
            if (action.perItem() && action.batch() > 1) {
                throw new SpecProblem("actions." + name + ".batch", "a path that names the item ({{item.x}}) sends one"
                        + " item per request: drop batch or the item variable");
            }
        });
    }

    /** The secrets a token renewal writes must be declared, or the first renewal could not be stored. */
    private static void checkRenewedSecrets(ConnectionSchema connection, AuthSpec auth) {
        TokenRenewal renewal = auth == null ? null : auth.renewal();
        if (renewal == null) {
            return;
        }
        List<String> written = new ArrayList<>(List.of(renewal.accessTokenSecret()));
        if (renewal.refreshToken() != null) {
            written.add(renewal.refreshTokenSecret());
        }
        if (renewal.expiresIn() != null) {
            written.add(TokenRenewal.EXPIRES_AT_SECRET);
        }
        for (String name : written) {
            ParamSpec declared = connection.properties().get(name);
            if (declared == null || !declared.secret()) {
                throw new SpecProblem(auth instanceof AuthSpec.OAuth2 ? "auth" : "auth.refresh", "stores the renewed token in the secret '" + name
                        + "': declare it under connection.properties with secret: true");
            }
        }
    }

    /** A topic read again by key, or a deletion confirmed by key, names a stream of its entity that can look records up. */
    private static void checkTopics(WebhookSpec webhooks, Map<String, StreamSpec> streams) {
        webhooks.topics().forEach((topic, t) -> {
            String name = t.fetch() != null ? t.fetch().stream() : t.delete() != null ? t.delete().stream() : null;
            if (name == null) {
                return;
            }
            StreamSpec stream = streams.get(name);
            String option = "webhooks.topics." + topic + (t.fetch() != null ? ".fetch" : ".delete") + ".stream";
            if (stream == null) {
                throw new SpecProblem(option, "names no stream (streams: " + streams.keySet() + ")");
            }
            if (!stream.entity().equals(t.entity())) {
                throw new SpecProblem(option, "stream " + name + " reads " + stream.entity() + ", not " + t.entity());
            }
            if (!stream.canLookUp()) {
                throw new SpecProblem(option, "stream " + name + " cannot read records by key: give it a lookup");
            }
        });
    }

    private static void checkTemplates(ConnectionSchema connection, AuthSpec auth, RequesterSpec requester,
                                       Map<String, StreamSpec> streams) {
        boolean versioned = requester.apiVersion() != null;
        checkTemplate(connection, "requester.baseUrl", requester.baseUrl(), versioned, false);
        checkTemplate(connection, "requester.path", requester.path(), versioned, false);
        requester.headers().forEach((h, v) -> checkTemplate(connection, "requester.headers." + h, v, versioned, false));
        if (auth != null) {
            auth.templates().forEach((option, template) -> checkTemplate(connection, "auth." + option, template, versioned, false));
        }
        streams.forEach((name, s) -> {
            for (int i = 0; i < s.children().size(); i++) {
                ChildSpec child = s.children().get(i);
                String option = "streams." + name + ".children." + i + ".request.";
                checkChildTemplate(connection, option + "path", child.request().path(), versioned);
                child.request().params().forEach((p, v) -> checkChildTemplate(connection, option + "params." + p, v, versioned));
            }
            if (s.cursor() != null) {
                checkTemplate(connection, "streams." + name + ".cursor.filter", s.cursor().filter(), versioned, true);
                if (s.cursor().start() != null) {
                    checkTemplate(connection, "streams." + name + ".cursor.start", s.cursor().start(), versioned, false);
                }
            }
        });
    }

    /** A child request's template, where {{record.<field>}} names the record it is sent for; the rest as anywhere. */
    private static void checkChildTemplate(ConnectionSchema connection, String option, String template, boolean versioned) {
        String withoutRecord = Template.render(template, variable -> variable.startsWith(ChildSpec.RECORD)
                && variable.length() > ChildSpec.RECORD.length() ? "" : "{{" + variable + "}}");
        checkTemplate(connection, option, withoutRecord, versioned, false);
    }

    private static void checkTemplate(ConnectionSchema connection, String option, String template,
                                      boolean versioned, boolean cursorAllowed) {
        for (String variable : Template.variables(template)) {
            String problem = null;
            if (variable.startsWith(Template.PARAMS) || variable.startsWith(Template.SECRETS)) {
                boolean secret = variable.startsWith(Template.SECRETS);
                String key = variable.substring(secret ? Template.SECRETS.length() : Template.PARAMS.length());
                ParamSpec p = connection.properties().get(key);
                if (p == null) {
                    problem = "refers to {{" + variable + "}}, but connection.properties declares no '" + key + "'";
                } else if (p.secret() != secret) {
                    problem = "refers to {{" + variable + "}}, but '" + key + "' is " + (p.secret() ? "a secret: use {{secrets." : "not a secret: use {{params.") + key + "}}";
                }
            } else if (variable.equals(Template.API_VERSION)) {
                problem = versioned ? null : "refers to {{apiVersion}}, but requester.apiVersion is not set";
            } else if (variable.equals(Template.CURSOR)) {
                problem = cursorAllowed ? null : "refers to {{cursor}}, which only a cursor filter may use";
            } else {
                problem = "refers to unknown variable {{" + variable + "}} (use params.x, secrets.x, apiVersion, cursor"
                        + " or, in a child request, record.x, in an action's path, item.x)";
            }
            if (problem != null) {
                throw new SpecProblem(option, problem);
            }
        }
    }
}
