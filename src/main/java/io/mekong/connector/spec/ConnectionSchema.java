package io.mekong.connector.spec;

import io.mekong.config.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code connection} block: a JSON Schema object describing the parameters and secrets of a connection.
 * Validates a connection's values against it and supplies defaults.
 */
public record ConnectionSchema(String type, List<String> required, Map<String, ParamSpec> properties) {

    /** Part of every connector's schema, so its texts are written as a connector file writes them. */
    private static final ParamSpec IMPLICIT_BASE_URL = new ParamSpec("string", "Base URL override",
            "Replaces requester.baseUrl (sandboxes, proxies, tests).", null, "uri", null, null, false, false,
            new Translations(Map.of("vi", new Translations.Text("URL gốc thay thế",
                    "Dùng thay cho requester.baseUrl (sandbox, proxy, kiểm thử)."))));
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    public ConnectionSchema {
        if (type != null && !type.equals("object")) {
            throw new SpecProblem("type", "must be 'object' (was '" + type + "')");
        }
        type = "object";
        required = required == null ? List.of() : List.copyOf(required);
        properties = OrderedMaps.copy(properties);
        for (String name : required) {
            if (!properties.containsKey(name)) {
                throw new SpecProblem("required", "names '" + name + "', which is not declared under properties");
            }
        }
    }

    /** Names of the parameters marked {@code secret: true}. */
    public Set<String> secretKeys() {
        Set<String> keys = new TreeSet<>();
        properties.forEach((name, p) -> {
            if (p.secret()) {
                keys.add(name);
            }
        });
        return keys;
    }

    /** A declared parameter; every connection also accepts {@code baseUrl} (an absolute http(s) URI). */
    public ParamSpec param(String name) {
        ParamSpec p = properties.get(name);
        return p == null && ConnectorSpec.BASE_URL_PARAM.equals(name) ? IMPLICIT_BASE_URL : p;
    }

    /** The connection's params with declared defaults filled in where a value is missing. */
    public Map<String, Object> withDefaults(Map<String, Object> params) {
        Map<String, Object> result = new LinkedHashMap<>();
        properties.forEach((name, p) -> {
            if (!p.secret() && p.defaultValue() != null) {
                result.put(name, Json.MAPPER.convertValue(p.defaultValue(), Object.class));
            }
        });
        params.forEach((k, v) -> {
            if (v != null) {
                result.put(k, v);
            }
        });
        return result;
    }

    /**
     * One problem with a connection's values.
     *
     * @param field   the parameter or secret it is about, null when it is about none in particular
     * @param code    what kind of problem, for callers that say it in their reader's language: {@code required},
     *                {@code undeclared}, {@code notSecret}, {@code secretForm}, {@code type}, {@code pattern},
     *                {@code enum}, {@code uri}, {@code email}
     * @param message the problem in English, naming the field; never contains a secret value
     */
    public record Problem(String field, String code, String message) {
    }

    /**
     * Checks a connection's values; secrets are expected in {@code secrets}, everything else in {@code params}.
     *
     * @return one readable message per problem, empty when the connection is valid; never contains secret values
     */
    public List<String> validate(Map<String, Object> params, Map<String, String> secrets) {
        return problems(params, secrets).stream().map(Problem::message).toList();
    }

    /** {@link #validate} with each problem's field and kind. */
    public List<Problem> problems(Map<String, Object> params, Map<String, String> secrets) {
        List<Problem> problems = new ArrayList<>();
        for (String name : required) {
            boolean secret = properties.get(name).secret();
            Object value = secret ? secrets.get(name) : params.get(name);
            if (value == null || value.toString().isBlank()) {
                problems.add(new Problem(name, "required", (secret ? "secret '" : "parameter '") + name + "' is required"));
            }
        }
        params.forEach((name, value) -> {
            ParamSpec p = param(name);
            if (p == null) {
                problems.add(new Problem(name, "undeclared", "parameter '" + name
                        + "' is not declared by this connector (known: " + new TreeSet<>(properties.keySet()) + ")"));
            } else if (p.secret()) {
                problems.add(new Problem(name, "notSecret", "'" + name + "' is a secret: pass it under secrets, not params"));
            } else if (value != null) {
                checkValue(name, p, value, problems);
            }
        });
        secrets.forEach((name, value) -> {
            ParamSpec p = properties.get(name);
            if (p == null || !p.secret()) {
                problems.add(new Problem(name, "undeclared", "secret '" + name
                        + "' is not a secret declared by this connector (secrets: " + secretKeys() + ")"));
            } else if (value != null && p.pattern() != null && !Pattern.compile(p.pattern()).matcher(value).find()) {
                problems.add(new Problem(name, "secretForm", "secret '" + name + "' does not have the expected form"));
            }
        });
        return problems;
    }

    private static void checkValue(String name, ParamSpec p, Object value, List<Problem> problems) {
        JsonNode node = Json.MAPPER.valueToTree(value);
        if (!ParamSpec.matchesType(node, p.type())) {
            problems.add(new Problem(name, "type", "parameter '" + name + "' must be of type " + p.type() + " (was " + node + ")"));
            return;
        }
        String text = node.asText();
        if (p.pattern() != null && !Pattern.compile(p.pattern()).matcher(text).find()) {
            problems.add(new Problem(name, "pattern", "parameter '" + name + "' must match " + p.pattern() + " (was '" + text + "')"));
        }
        if (!p.allowed().isEmpty() && !p.allowed().contains(text)) {
            problems.add(new Problem(name, "enum", "parameter '" + name + "' must be one of " + p.allowed() + " (was '" + text + "')"));
        }
        if ("uri".equals(p.format())) {
            String problem = httpUriProblem(text);
            if (problem != null) {
                problems.add(new Problem(name, "uri", "parameter '" + name + "' " + problem));
            }
        }
        if ("email".equals(p.format()) && !EMAIL.matcher(text).matches()) {
            problems.add(new Problem(name, "email", "parameter '" + name + "' must be an email address (was '" + text + "')"));
        }
    }

    /**
     * Why a text is not a base address requests can be built on, or null. A query or fragment would swallow the
     * paths appended to it, and credentials in the address would be sent to the host unsealed.
     */
    private static String httpUriProblem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            return "must be an absolute http(s) URI (was '" + text + "')";
        }
        if (uri.getRawQuery() != null) {
            return "must not have a query ('?'): the connector appends its own paths and parameters";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment ('#'): the connector appends its own paths and parameters";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials (user@host): give them as the connection's secrets";
        }
        return null;
    }
}
