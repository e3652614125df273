package io.mekong.connector.spec;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec's string templates: {@code {{params.x}}}, {@code {{secrets.x}}}, {@code {{apiVersion}}} and
 * {@code {{cursor}}} are replaced by plain values. Deliberately no expressions, functions or escaping rules:
 * a spec is configuration, not code.
 */
public final class Template {

    public static final String PARAMS = "params.";
    public static final String SECRETS = "secrets.";
    public static final String API_VERSION = "apiVersion";
    public static final String CURSOR = "cursor";

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");

    private Template() {
    }

    /** The variable names a template refers to, in order of appearance. */
    public static Set<String> variables(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Replaces every variable by {@code values.apply(name)}.
     *
     * @throws IllegalArgumentException naming the first variable without a value (never a value itself)
     */
    public static String render(String template, Function<String, String> values) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
