package io.mekong.connector.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
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

    public ConnectorSpec load(Path file) {
        String fileName = file.toString();
        ConnectorSpec spec;
        try {
            spec = yaml.readValue(file.toFile(), ConnectorSpec.class);
        } catch (JsonMappingException e) {
            throw translate(fileName, e);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidSpecException(fileName, line, "", "is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidSpecException(fileName, 0, "", "cannot be read: " + e.getMessage(), e);
        }
        if (spec == null) {
            throw new InvalidSpecException(fileName, 0, "", "is empty", null);
        }
        String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!spec.name().equals(expected)) {
            throw new InvalidSpecException(fileName, 0, "name", "must match the file name '" + expected + "' (was '" + spec.name() + "')", null);
        }
        return spec;
    }

    private static InvalidSpecException translate(String file, JsonMappingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
                .collect(Collectors.joining("."));
        SpecProblem problem = specProblem(e);
        if (problem != null) {
            return new InvalidSpecException(file, line, join(path, problem.option()), problem.getMessage(), e);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new InvalidSpecException(file, line, path, "unknown option (known here: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList() + ")", e);
        }
        if (e instanceof InvalidTypeIdException t) {
            Matcher known = KNOWN_TYPE_IDS.matcher(e.getOriginalMessage());
            String reason = t.getTypeId() == null ? "is required" : "unknown type '" + t.getTypeId() + "'";
            return new InvalidSpecException(file, line, join(path, "type"),
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
