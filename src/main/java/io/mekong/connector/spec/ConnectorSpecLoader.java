package io.mekong.connector.spec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@code connectors/*.yaml} into typed {@link ConnectorSpec}s. Every problem is reported as an
 * {@link InvalidSpecException} naming the file, the line, the option path and the reason.
 */
public final class ConnectorSpecLoader {

    private static final Pattern KNOWN_TYPE_IDS = Pattern.compile("known type ids = \\[([^]]*)]");

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new Durations()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Loads every {@code *.yaml} file of a directory, in file name order. */
    public List<ConnectorSpec> loadAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<ConnectorSpec> specs = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                specs.add(load(file));
            }
            return specs;
        } catch (IOException e) {
            throw new InvalidSpecException(directory.toString(), 0, "", "directory cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one spec: YAML (anchors, aliases and merge keys included) into a tree, {@code definitions} and
     * {@code $ref} resolved, then bound to the typed model; errors carry the line of the option they name.
     */
    public ConnectorSpec load(Path file) {
        String fileName = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidSpecException(fileName, 0, "", "cannot be read: " + e.getMessage(), e);
        }
        SpecYaml.Parsed parsed = Definitions.resolve(fileName, SpecYaml.parse(fileName, text));
        if (parsed.root() == null || parsed.root().isNull()) {
            throw new InvalidSpecException(fileName, 0, "", "is empty", null);
        }
        ConnectorSpec spec;
        try {
            spec = mapper.treeToValue(parsed.root(), ConnectorSpec.class);
        } catch (JsonMappingException e) {
            throw translate(fileName, parsed, e);
        } catch (IOException e) {
            throw new InvalidSpecException(fileName, 0, "", "cannot be read: " + e.getMessage(), e);
        }
        String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!spec.name().equals(expected)) {
            throw new InvalidSpecException(fileName, parsed.lineOf("name"), "name", "must match the file name '" + expected + "' (was '" + spec.name() + "')", null);
        }
        return spec;
    }

    private static InvalidSpecException translate(String file, SpecYaml.Parsed parsed, JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
                .collect(Collectors.joining("."));
        SpecProblem problem = specProblem(e);
        if (problem != null) {
            String option = join(path, problem.option());
            return new InvalidSpecException(file, parsed.lineOf(option), option, problem.getMessage(), e);
        }
        int line = parsed.lineOf(path);
        if (e instanceof UnrecognizedPropertyException u) {
            return new InvalidSpecException(file, line, path, "unknown option (known here: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList() + ")", e);
        }
        if (e instanceof InvalidTypeIdException t) {
            Matcher known = KNOWN_TYPE_IDS.matcher(e.getOriginalMessage());
            String reason = t.getTypeId() == null ? "is required" : "unknown type '" + t.getTypeId() + "'";
            String option = join(path, "type");
            return new InvalidSpecException(file, parsed.lineOf(option), option,
                    reason + (known.find() ? " (known: " + known.group(1) + ")" : ""), e);
        }
        return new InvalidSpecException(file, line, path, e.getOriginalMessage(), e);
    }

    private static SpecProblem specProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SpecProblem p) {
                return p;
            }
        }
        return null;
    }

    private static String join(String path, String option) {
        return path.isEmpty() ? option : path + "." + option;
    }
}
