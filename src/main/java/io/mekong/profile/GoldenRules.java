package io.mekong.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the golden record and the RFM scores are made: the {@code golden:} section of {@code identity.yaml} at the
 * MEKONG_HOME root (the file's other sections are the match rules, read elsewhere). Every field has a survivorship
 * rule; a field not named takes {@code default}. An absent file or section gives the defaults below.
 *
 * <pre>
 * golden:
 *   default: most-recent
 *   fields:
 *     email: { rule: source-priority, priority: [shopify, magento, stripe] }
 *     tags: most-frequent
 *   rfm:
 *     recencyDays: [30, 90, 180, 365]
 *     frequency: [2, 3, 5, 10]
 *     monetary: [500000, 2000000, 5000000, 20000000]
 * </pre>
 *
 * @param fields the rule of every golden field, in the order of {@link #FIELDS}
 * @param rfm    the score thresholds
 */
public record GoldenRules(Map<String, FieldRule> fields, RfmThresholds rfm) {

    /** The golden fields, as the golden record names them. */
    public static final List<String> FIELDS =
            List.of("email", "phone", "firstName", "lastName", "fullName", "locale", "address", "tags");

    public static final String FILE = "identity.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public GoldenRules {
        fields = Map.copyOf(fields);
    }

    /** The rules when identity.yaml says nothing: the most recently updated source wins every field. */
    public static GoldenRules defaults() {
        Map<String, FieldRule> fields = new LinkedHashMap<>();
        FIELDS.forEach(field -> fields.put(field, new FieldRule(Rule.MOST_RECENT, List.of())));
        return new GoldenRules(fields, RfmThresholds.DEFAULTS);
    }

    /** @throws InvalidGoldenRulesException naming the file, the option and what is wrong */
    public static GoldenRules load(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static GoldenRules parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidGoldenRulesException("", "is not valid YAML (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        }
        JsonNode golden = root == null || root.isMissingNode() ? null : root.get("golden");
        if (golden == null || golden.isNull()) {
            return defaults();
        }
        requireObject(golden, "golden");
        allowOnly(golden, "golden", List.of("default", "fields", "rfm"));
        FieldRule fallback = golden.has("default") ? fieldRule(golden.get("default"), "golden.default")
                : new FieldRule(Rule.MOST_RECENT, List.of());
        Map<String, FieldRule> fields = new LinkedHashMap<>();
        FIELDS.forEach(field -> fields.put(field, fallback));
        JsonNode named = golden.get("fields");
        if (named != null && !named.isNull()) {
            requireObject(named, "golden.fields");
            allowOnly(named, "golden.fields", FIELDS);
            named.fields().forEachRemaining(e -> fields.put(e.getKey(), fieldRule(e.getValue(), "golden.fields." + e.getKey())));
        }
        return new GoldenRules(fields, RfmThresholds.parse(golden.get("rfm")));
    }

    /** A rule is its name, or {@code {rule: ..., priority: [...]}} (priority: connector names or connection ids). */
    private static FieldRule fieldRule(JsonNode node, String option) {
        if (node.isTextual()) {
            return new FieldRule(Rule.named(node.asText(), option), List.of()).checked(option);
        }
        requireObject(node, option);
        allowOnly(node, option, List.of("rule", "priority"));
        JsonNode rule = node.get("rule");
        if (rule == null || !rule.isTextual()) {
            throw new InvalidGoldenRulesException(option + ".rule", "is required, one of " + Rule.names());
        }
        List<String> priority = new ArrayList<>();
        JsonNode list = node.get("priority");
        if (list != null) {
            if (!list.isArray()) {
                throw new InvalidGoldenRulesException(option + ".priority", "must be a list of connectors or connection ids");
            }
            list.forEach(source -> {
                if (!source.isTextual() || source.asText().isBlank()) {
                    throw new InvalidGoldenRulesException(option + ".priority", "must hold names, found " + source);
                }
                priority.add(source.asText());
            });
        }
        return new FieldRule(Rule.named(rule.asText(), option + ".rule"), priority).checked(option);
    }

    private static void requireObject(JsonNode node, String option) {
        if (!node.isObject()) {
            throw new InvalidGoldenRulesException(option, "must be a mapping, found " + node.getNodeType().name().toLowerCase());
        }
    }

    private static void allowOnly(JsonNode node, String option, List<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidGoldenRulesException(option + "." + name, "is unknown (known here: " + String.join(", ", known) + ")");
            }
        }
    }

    /** The survivorship rules: which source's value of a field the golden record keeps. */
    public enum Rule {
        /** the first source in {@code priority} that has a value; unlisted sources after, most recent first */
        SOURCE_PRIORITY("source-priority"),
        /** the value of the source record updated last */
        MOST_RECENT("most-recent"),
        /** the value most source records carry; ties go to the most recent */
        MOST_FREQUENT("most-frequent"),
        /** the value of the source record created first */
        FIRST_SEEN("first-seen");

        private final String id;

        Rule(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Rule named(String name, String option) {
            for (Rule rule : values()) {
                if (rule.id.equals(name)) {
                    return rule;
                }
            }
            throw new InvalidGoldenRulesException(option, "'" + name + "' is not a rule (one of " + names() + ")");
        }

        static String names() {
            return String.join(", ", java.util.Arrays.stream(values()).map(Rule::id).toList());
        }
    }

    /** @param priority connector names or connection ids, most trusted first; only for {@link Rule#SOURCE_PRIORITY} */
    public record FieldRule(Rule rule, List<String> priority) {

        public FieldRule {
            priority = List.copyOf(priority);
        }

        FieldRule checked(String option) {
            if (rule == Rule.SOURCE_PRIORITY && priority.isEmpty()) {
                throw new InvalidGoldenRulesException(option + ".priority", "is required by source-priority: list connectors or connection ids");
            }
            if (rule != Rule.SOURCE_PRIORITY && !priority.isEmpty()) {
                throw new InvalidGoldenRulesException(option + ".priority", "only applies to source-priority (the rule is " + rule.id + ")");
            }
            return this;
        }
    }

    /**
     * The RFM score thresholds (docs/identity.md): each score is 1 to 5, one more for each threshold reached.
     *
     * @param recencyDays days since the last purchase at which recency drops from 5 to 4, 4 to 3, 3 to 2 and 2 to 1
     * @param frequency   purchases that reach frequency 2, 3, 4 and 5
     * @param monetary    revenue in the reporting currency (major units) that reaches monetary 2, 3, 4 and 5
     */
    public record RfmThresholds(List<Integer> recencyDays, List<Integer> frequency, List<BigDecimal> monetary) {

        static final RfmThresholds DEFAULTS = new RfmThresholds(List.of(30, 90, 180, 365), List.of(2, 3, 5, 10),
                List.of(new BigDecimal(500_000), new BigDecimal(2_000_000), new BigDecimal(5_000_000), new BigDecimal(20_000_000)));

        static RfmThresholds parse(JsonNode rfm) {
            if (rfm == null || rfm.isNull()) {
                return DEFAULTS;
            }
            requireObject(rfm, "golden.rfm");
            allowOnly(rfm, "golden.rfm", List.of("recencyDays", "frequency", "monetary"));
            return new RfmThresholds(
                    rfm.has("recencyDays") ? thresholds(rfm.get("recencyDays"), "golden.rfm.recencyDays").stream().map(BigDecimal::intValueExact).toList() : DEFAULTS.recencyDays,
                    rfm.has("frequency") ? thresholds(rfm.get("frequency"), "golden.rfm.frequency").stream().map(BigDecimal::intValueExact).toList() : DEFAULTS.frequency,
                    rfm.has("monetary") ? thresholds(rfm.get("monetary"), "golden.rfm.monetary") : DEFAULTS.monetary);
        }

        private static List<BigDecimal> thresholds(JsonNode list, String option) {
            if (!list.isArray() || list.size() != 4) {
                throw new InvalidGoldenRulesException(option, "must be a list of 4 ascending numbers, found " + list);
            }
            List<BigDecimal> values = new ArrayList<>();
            for (JsonNode value : list) {
                if (!value.isNumber() || value.decimalValue().signum() <= 0
                        || (!option.endsWith("monetary") && !value.canConvertToExactIntegral())) {
                    throw new InvalidGoldenRulesException(option, "must hold positive " + (option.endsWith("monetary")
                            ? "numbers" : "whole numbers") + ", found " + value);
                }
                if (!values.isEmpty() && value.decimalValue().compareTo(values.get(values.size() - 1)) <= 0) {
                    throw new InvalidGoldenRulesException(option, "must be ascending, found " + list);
                }
                values.add(value.decimalValue());
            }
            return values;
        }
    }

    /** identity.yaml's {@code golden:} section cannot be used; the message names the option and the reason. */
    public static class InvalidGoldenRulesException extends IllegalArgumentException {

        InvalidGoldenRulesException(String option, String reason) {
            super("Invalid " + FILE + (option.isEmpty() ? "" : ", option '" + option + "'") + ": " + reason);
        }
    }
}
