package io.mekong.connector.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case file that cannot be replayed is refused on loading, naming the file and what is wrong. */
class ContractCaseTest {

    private static final String CASE = """
            now: 2025-06-01T00:00:00Z
            connection: {params: {baseUrl: "{{server}}"}, secrets: {}}
            call: {operation: fetch, stream: orders}
            exchanges:
            - request: {method: GET, path: /orders, query: {page: "1"}}
              response: {status: 200, body: {orders: []}}
            expect: {pages: [{records: [], nextPageToken: null, checkpoint: null}]}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = Files.createDirectories(dir.resolve("shop.tests")).resolve("bad.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void anUnknownOperationIsNamed() throws IOException {
        Path file = write(CASE.replace("operation: fetch", "operation: read"));

        assertThatThrownBy(() -> ContractCase.read(file)).hasMessage(file
                + ": call.operation must be fetch, lookup or keys, not 'read'");
    }

    @Test
    void aRuleThatIsNeitherAValueNorPresentNorMatchesIsNamed() throws IOException {
        Path file = write(CASE.replace("page: \"1\"", "page: {equals: \"1\"}"));

        assertThatThrownBy(() -> ContractCase.read(file)).hasMessage(file + ": query page of GET /orders: a rule is a value,"
                + " {present: true|false} or {matches: REGEX}, not {\"equals\":\"1\"}");
    }

    @Test
    void aMissingPartIsNamed() throws IOException {
        Path file = write(CASE.replace("now: 2025-06-01T00:00:00Z\n", ""));

        assertThatThrownBy(() -> ContractCase.read(file)).hasMessage(file + ": 'now' is missing");
    }
}
