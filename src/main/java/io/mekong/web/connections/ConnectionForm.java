package io.mekong.web.connections;

import io.mekong.connection.Connection;
import io.mekong.connector.spec.ConnectionSchema;
import io.mekong.connector.spec.ConnectorSpec;
import io.mekong.connector.spec.ParamSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The create and edit form of a connection, generated from its connector's {@code connection} schema: one input per
 * declared parameter (text, number, checkbox, or a select for an enum), required ones marked, the schema's title and
 * description in the reader's language as label and help, defaults filled in. A deprecated parameter is left out unless
 * the connection being edited has a value for it. Secrets are password inputs that never carry a value back: a
 * stored one shows as "set", and left empty on an edit it stays as stored. Every connection also takes {@code baseUrl}
 * (sandboxes, proxies), listed last when the connector does not declare it.
 */
final class ConnectionForm {

    static final String PARAM = "param.";
    static final String SECRET = "secret.";

    /**
     * One input.
     *
     * @param input     text, url, email, number, checkbox, select or password
     * @param step      for a number input: 1 for integers, any for numbers
     * @param value     what the input shows; always empty for a secret
     * @param secretSet a secret the connection holds already
     * @param error     what is wrong with it, in the reader's language where the words are ours
     */
    record Field(String name, String inputName, String label, String help, String input, String step, boolean required,
                 boolean secret, List<String> options, String value, boolean secretSet, String error) {

        boolean checked() {
            return "true".equals(value);
        }
    }

    /** A value the form could not turn into the parameter's type; the message key says what it should be. */
    record Unreadable(String field, String messageKey) {
    }

    /** The form's values as the connection service takes them, and what could not be read. */
    record Values(Map<String, Object> params, Map<String, String> secrets, List<Unreadable> unreadable) {
    }

    private ConnectionForm() {
    }

    /**
     * @param existing  the connection being edited, null for a new one
     * @param submitted the values sent (input name → text), null when the form is first shown
     * @param errors    field → what is wrong with it
     * @param reader    the language of the labels and help
     */
    static List<Field> fields(ConnectorSpec spec, Connection existing, Map<String, String> submitted,
                              Map<String, String> errors, Locale reader) {
        ConnectionSchema schema = spec.connection();
        List<Field> fields = new ArrayList<>();
        offered(schema, existing).forEach((name, p) -> {
            String inputName = (p.secret() ? SECRET : PARAM) + name;
            String value = p.secret() ? "" : submitted != null ? submitted.getOrDefault(inputName, "")
                    : existing != null ? text(existing.params().get(name)) : text(p.defaultValue() == null ? null
                    : p.defaultValue().isTextual() ? p.defaultValue().asText() : p.defaultValue().toString());
            String title = p.title(reader);
            fields.add(new Field(name, inputName, title == null ? name : title, p.description(reader), input(p),
                    "integer".equals(p.type()) ? "1" : "any", schema.required().contains(name), p.secret(), p.allowed(),
                    value, existing != null && existing.secretKeys().contains(name), errors.get(name)));
        });
        return fields;
    }

    /**
     * The schema's parameters in the spec's order, with the implicit {@code baseUrl} last when it is not declared. A
     * deprecated one only when the connection being edited holds a value for it: a newcomer has no use for it, and
     * whoever set it must still be able to see and clear it.
     */
    private static Map<String, ParamSpec> offered(ConnectionSchema schema, Connection existing) {
        Map<String, ParamSpec> offered = new LinkedHashMap<>();
        schema.properties().forEach((name, p) -> {
            if (!p.deprecated() || holds(existing, name)) {
                offered.put(name, p);
            }
        });
        if (!schema.properties().containsKey(ConnectorSpec.BASE_URL_PARAM)) {
            offered.put(ConnectorSpec.BASE_URL_PARAM, schema.param(ConnectorSpec.BASE_URL_PARAM));
        }
        return offered;
    }

    private static boolean holds(Connection existing, String name) {
        return existing != null && (existing.params().get(name) != null || existing.secretKeys().contains(name));
    }

    private static String input(ParamSpec p) {
        if (p.secret()) {
            return "password";
        }
        if (!p.allowed().isEmpty()) {
            return "select";
        }
        return switch (p.type()) {
            case "integer", "number" -> "number";
            case "boolean" -> "checkbox";
            default -> "uri".equals(p.format()) ? "url" : "email".equals(p.format()) ? "email" : "text";
        };
    }

    /**
     * Reads the submitted form: empty inputs are left out (a secret left empty keeps the stored one), numbers become
     * numbers and checkboxes booleans, as the API's JSON would carry them. Only the inputs {@link #fields} offers for
     * {@code existing} (null for a new connection) are read.
     */
    static Values read(ConnectorSpec spec, Connection existing, Map<String, String> submitted) {
        Map<String, Object> params = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        List<Unreadable> unreadable = new ArrayList<>();
        offered(spec.connection(), existing).forEach((name, p) -> {
            if (p.secret()) {
                String value = submitted.get(SECRET + name);
                if (value != null && !value.isEmpty()) {
                    secrets.put(name, value);
                }
                return;
            }
            String text = submitted.get(PARAM + name);
            if ("boolean".equals(p.type())) {
                params.put(name, "true".equals(text));
                return;
            }
            if (text == null || text.isBlank()) {
                return;
            }
            String value = text.strip();
            try {
                params.put(name, switch (p.type()) {
                    case "integer" -> new BigDecimal(value).longValueExact();
                    case "number" -> new BigDecimal(value);
                    default -> value;
                });
            } catch (NumberFormatException | ArithmeticException e) {
                unreadable.add(new Unreadable(name, "connections.error." + p.type()));
            }
        });
        return new Values(params, secrets, unreadable);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
