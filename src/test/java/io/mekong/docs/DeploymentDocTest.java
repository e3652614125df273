package io.mekong.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Compose file of docs/deployment.md stays true to the hub: it parses, holds the database, the broker and two
 * instances, and sets only environment variables application.yaml reads.
 */
class DeploymentDocTest {

    @Test
    void theComposeFileParsesAndSetsOnlyVariablesTheHubReads() throws Exception {
        String doc = Files.readString(Path.of("docs/deployment.md"));
        String yaml = doc.substring(doc.indexOf("```yaml") + 7, doc.indexOf("```", doc.indexOf("```yaml") + 7));
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        assertThat(compose.get("services").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("postgres", "kafka", "hub-1", "hub-2");
        String settings = Files.readString(Path.of("src/main/resources/application.yaml"));
        List<String> variables = new ArrayList<>();
        compose.at("/services/hub-1/environment").fieldNames().forEachRemaining(variables::add);
        assertThat(variables).contains("MEKONG_DB_URL", "MEKONG_KAFKA_BOOTSTRAP", "MEKONG_MASTER_KEY");
        assertThat(variables).allSatisfy(name -> assertThat(settings).as(name).contains("${" + name + ":"));
        assertThat(compose.at("/services/kafka/image").asText()).startsWith("apache/kafka:3.9");
    }
}
