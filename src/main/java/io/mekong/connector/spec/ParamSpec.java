package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One connection parameter, in JSON Schema terms (Kamelet style): its type, how a form should label and
 * explain it (in English, and in other languages under {@code i18n}), its default, whether it is a secret (stored
 * encrypted, write-only, never logged), and whether it is deprecated (still accepted, no longer offered to a new
 * connection).
 */
public record ParamSpec(String type, String title, String description,
                        @JsonProperty("default") JsonNode defaultValue,
                        String format, String pattern,
                        @JsonProperty("enum") List<String> allowed,
                        Boolean secret, Boolean deprecated, Translations i18n) {

    static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean");
    static final Set<String> FORMATS = Set.of("uri", "email");

    public ParamSpec {
        type = type == null ? "string" : type;
        if (!TYPES.contains(type)) {
            throw new SpecProblem("type", "must be one of " + TYPES + " (was '" + type + "')");
        }
        if (format != null && !FORMATS.contains(format)) {
            throw new SpecProblem("format", "must be one of " + FORMATS + " (was '" + format + "')");
        }
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new SpecProblem("pattern", "is not a valid regular expression: " + e.getDescription());
            }
        }
        if (defaultValue != null && !matchesType(defaultValue, type)) {
            throw new SpecProblem("default", "must be of type " + type + " (was " + defaultValue + ")");
        }
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        secret = secret != null && secret;
        deprecated = deprecated != null && deprecated;
        i18n = i18n == null ? Translations.NONE : i18n;
    }

    /** The title in the reader's language, else the English one; null when the spec gives none. */
    public String title(Locale reader) {
        return i18n.title(reader, title);
    }

    /** The description in the reader's language, else the English one; null when the spec gives none. */
    public String description(Locale reader) {
        return i18n.description(reader, description);
    }

    static boolean matchesType(JsonNode value, String type) {
        return switch (type) {
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> value.isTextual();
        };
    }
}
