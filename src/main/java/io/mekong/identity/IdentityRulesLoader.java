package io.mekong.identity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.mekong.connector.spec.InvalidSpecException;
import io.mekong.connector.spec.SpecYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code identity.yaml} with the YAML reader of the connector specs, so a problem is reported the same way: file,
 * line, option and reason. A top-level {@code golden:} section belongs to the golden record and is only carried.
 */
public final class IdentityRulesLoader {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private IdentityRulesLoader() {
    }

    public static IdentityRules load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidIdentityRulesException(name, 0, "", "cannot be read: " + e, e);
        }
        return parse(name, text);
    }

    /** @param file the name used in error messages */
    public static IdentityRules parse(String file, String text) {
        SpecYaml.Parsed parsed;
        try {
            parsed = SpecYaml.parse(file, text);
        } catch (InvalidSpecException e) {
            throw new InvalidIdentityRulesException(file, e.line(), e.option(), e.reason(), e);
        }
        if (parsed.root() == null || !parsed.root().isObject()) {
            throw new InvalidIdentityRulesException(file, 0, "", "must be a mapping with rules:", null);
        }
        IdentityRules rules;
        try {
            rules = MAPPER.treeToValue(parsed.root(), IdentityRules.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
                    .collect(Collectors.joining("."));
            String reason = e instanceof UnrecognizedPropertyException u ? "unknown option (known here: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList() + ")" : e.getOriginalMessage();
            throw new InvalidIdentityRulesException(file, parsed.lineOf(path), path, reason, e);
        } catch (IOException e) {
            throw new InvalidIdentityRulesException(file, 0, "", "cannot be read: " + e.getMessage(), e);
        }
        check(file, parsed, rules);
        return rules;
    }

    private static void check(String file, SpecYaml.Parsed parsed, IdentityRules rules) {
        Set<String> names = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (int i = 0; i < rules.rules().size(); i++) {
            IdentityRules.Rule rule = rules.rules().get(i);
            String at = "rules." + i;
            if (rule.name() == null || rule.name().isBlank()) {
                throw problem(file, parsed, at + ".name", "is required");
            }
            if (!names.add(rule.name())) {
                throw problem(file, parsed, at + ".name", "'" + rule.name() + "' names two rules");
            }
            if (!IdentityRules.KEY_KINDS.contains(rule.key())) {
                throw problem(file, parsed, at + ".key", "must be one of " + IdentityRules.KEY_KINDS + " (was '" + rule.key() + "')");
            }
            if (!kinds.add(rule.key())) {
                throw problem(file, parsed, at + ".key", "key '" + rule.key() + "' is already joined on by another rule");
            }
            if (!IdentityRules.Rule.NAME_CHECKS.contains(rule.names())) {
                throw problem(file, parsed, at + ".names", "must be one of " + IdentityRules.Rule.NAME_CHECKS
                        + " (was '" + rule.names() + "')");
            }
            if (rule.key().equals("link") == rule.links().isEmpty()) {
                throw problem(file, parsed, at + ".links", rule.key().equals("link")
                        ? "is required by a link rule: which connector's field names which connector's customer"
                        : "belongs to link rules only");
            }
            for (int l = 0; l < rule.links().size(); l++) {
                IdentityRules.Link link = rule.links().get(l);
                for (Map.Entry<String, String> part : Map.of("from", nullToEmpty(link.from()), "field",
                        nullToEmpty(link.field()), "to", nullToEmpty(link.to())).entrySet()) {
                    if (part.getValue().isBlank()) {
                        throw problem(file, parsed, at + ".links." + l + "." + part.getKey(), "is required");
                    }
                }
            }
        }
        if (rules.guards().maxNamesPerKey() < 1) {
            throw problem(file, parsed, "guards.maxNamesPerKey", "must be at least 1 (was " + rules.guards().maxNamesPerKey() + ")");
        }
        for (Map.Entry<String, List<String>> blocked : rules.guards().blocklist().entrySet()) {
            if (!IdentityRules.KEY_KINDS.contains(blocked.getKey())) {
                throw problem(file, parsed, "guards.blocklist." + blocked.getKey(), "is not a key kind; known: " + IdentityRules.KEY_KINDS);
            }
            if (blocked.getValue() == null || blocked.getValue().stream().anyMatch(v -> v == null || v.isBlank())) {
                throw problem(file, parsed, "guards.blocklist." + blocked.getKey(), "must list values or patterns, none blank");
            }
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static InvalidIdentityRulesException problem(String file, SpecYaml.Parsed parsed, String option, String reason) {
        return new InvalidIdentityRulesException(file, parsed.lineOf(option), option, reason, null);
    }
}
