package io.mekong.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.validation.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every golden example of every mapping; a new mapping is tested by adding files, not code. */
class GoldenExamplesTest {

    private static final ObjectMapper CANONICAL = CanonicalJson.newMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private static MappingEngine engine;
    private static OutboundMapper outbound;
    private static MappingRegistry registry;

    @BeforeAll
    static void loadMappings() {
        registry = new MappingRegistry(MappingRegistry.load(GoldenExamples.MAPPINGS));
        engine = new MappingEngine(registry, Validation.buildDefaultValidatorFactory().getValidator());
        outbound = new OutboundMapper(registry);
    }

    static Stream<GoldenExamples> examples() {
        try {
            return GoldenExamples.all();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void mapsExampleAsExpected(GoldenExamples example) throws JsonProcessingException {
        assertThat(example.expected()).as("expected file of %s", example).exists();
        if (registry.get(example.system(), example.entity()).isOutbound()) {
            mapsOutboundExampleAsExpected(example);
            return;
        }
        MappedPage page = engine.map(example.system(), example.entity(), example.records(), example.connectionParams());
        assertThat(page.results()).hasSize(1);
        MappingResult result = page.results().get(0);
        JsonNode expected = example.expectedJson();

        if (expected.has("rejected")) {
            if (!(result instanceof MappingResult.Rejected rejected)) {
                fail("%s: expected a rejection containing \"%s\" but it mapped to%n%s", example,
                        expected.get("rejected").asText(), pretty(((MappingResult.Mapped) result).record()));
                return;
            }
            assertThat(rejected.reason()).as("rejection reason of %s", example).contains(expected.get("rejected").asText());
            return;
        }
        if (result instanceof MappingResult.Rejected rejected) {
            fail("%s: rejected: %s", example, rejected.reason());
        }
        JsonNode actual = CANONICAL.readTree(CANONICAL.writeValueAsString(((MappingResult.Mapped) result).record()));
        List<String> differences = new ArrayList<>();
        diff("", expected, actual, differences);
        assertThat(pretty(actual))
                .as("%s differs at %s", example, differences)
                .isEqualTo(pretty(expected));
    }

    /** An outbound example's expected file is the target's body item, or {"rejected": "<part of the reason>"}. */
    private static void mapsOutboundExampleAsExpected(GoldenExamples example) throws JsonProcessingException {
        OutboundMapper.Outbound result = outbound.map(example.system(), example.entity(), example.inputJson(),
                example.connectionParams());
        JsonNode expected = example.expectedJson();
        if (expected.has("rejected")) {
            assertThat(result).as("%s is rejected", example).isInstanceOf(OutboundMapper.Outbound.Rejected.class);
            assertThat(((OutboundMapper.Outbound.Rejected) result).reason()).as("rejection reason of %s", example)
                    .contains(expected.get("rejected").asText());
            return;
        }
        if (result instanceof OutboundMapper.Outbound.Rejected rejected) {
            fail("%s: rejected: %s", example, rejected.reason());
        }
        JsonNode actual = CANONICAL.readTree(((OutboundMapper.Outbound.Mapped) result).item().toString());
        List<String> differences = new ArrayList<>();
        diff("", expected, actual, differences);
        assertThat(pretty(actual)).as("%s differs at %s", example, differences).isEqualTo(pretty(expected));
    }

    @Test
    void everyMappingHasExamplesAndEveryExampleItsExpectedFile() throws IOException {
        List<GoldenExamples> examples = GoldenExamples.all().toList();
        for (CompiledMapping mapping : MappingRegistry.load(GoldenExamples.MAPPINGS)) {
            assertThat(examples).as("examples of %s", mapping)
                    .anyMatch(e -> e.system().equals(mapping.system()) && e.entity().equals(mapping.entity()));
        }
        assertThat(examples).allSatisfy(e -> assertThat(Files.exists(e.expected())).as("%s has %s", e, e.expected()).isTrue());
    }

    @Test
    void aReferencedVendorSampleReachesTheMappingCoercedAsTheConnectorWouldGiveIt() {
        GoldenExamples lazada = examples().filter(e -> e.system().equals("lazada") && e.name().startsWith("fixture-"))
                .findFirst().orElseThrow();
        JsonNode order = lazada.inputJson();
        assertThat(order.get("items_count").isIntegralNumber()).as("\"items_count\":\"2\" is a number").isTrue();
        assertThat(order.get("price").decimalValue()).isEqualByComparingTo("106.00");
        assertThat(order.get("gift_option").isBoolean()).as("\"gift_option\":\"false\" is a boolean").isTrue();
        assertThat(order.get("address_updated_at").isNull()).as("\"null\" is null").isTrue();
        assertThat(order.get("order_id").isTextual()).as("ids stay text").isTrue();
    }

    private static String pretty(Object value) throws JsonProcessingException {
        return CANONICAL.writeValueAsString(CANONICAL.convertValue(value, Object.class));
    }

    /** JSON pointers where the two trees differ, to name the fields above the full text diff. */
    private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path + "/" + name, expected.path(name), actual.path(name), out);
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                diff(path + "/" + i, e.next(), a.next(), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + " expected " + expected + " but was " + actual);
        }
    }
}
