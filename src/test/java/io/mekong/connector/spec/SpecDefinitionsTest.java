package io.mekong.connector.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code definitions} with {@code $ref}, and YAML anchors, aliases and merge keys, in spec files. */
class SpecDefinitionsTest {

    private static final String HEAD = """
            name: shop
            connection:
              type: object
              properties:
                token: {type: string, secret: true}
            auth: {type: bearer, token: "{{secrets.token}}"}
            requester:
              baseUrl: "https://shop.example.vn"
            """;

    @TempDir
    Path dir;

    private final ConnectorSpecLoader loader = new ConnectorSpecLoader();

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("shop.yaml"), HEAD + yaml);
    }

    @Test
    void aRefTakesTheDefinitionAndItsOwnKeysOverrideItDeeply() throws IOException {
        ConnectorSpec spec = loader.load(write("""
                definitions:
                  pagedList:
                    request: {pageSize: 50, params: {status: any}}
                    recordSelector: /items
                    paginator: {type: linkHeader}
                    cursor: {field: updated_at, filterParam: updated_at_min, filter: "{{cursor}}", lookback: 5m}
                streams:
                  orders:
                    $ref: "#/definitions/pagedList"
                    entity: order
                    request: {path: /orders.json, params: {fields: id}}
                  customers:
                    $ref: "#/definitions/pagedList"
                    entity: customer
                    request: {path: /customers.json}
                    cursor: {lookback: 1h}
                """));

        StreamSpec orders = spec.stream("orders");
        assertThat(orders.request().path()).isEqualTo("/orders.json");
        assertThat(orders.request().pageSize()).as("from the definition").isEqualTo(50);
        assertThat(orders.request().params()).as("objects merge deeply").containsExactly(
                java.util.Map.entry("status", "any"), java.util.Map.entry("fields", "id"));
        assertThat(orders.recordSelector()).isEqualTo("/items");
        assertThat(orders.cursor().lookback()).isEqualTo(Duration.ofMinutes(5));
        StreamSpec customers = spec.stream("customers");
        assertThat(customers.cursor().lookback()).as("its own key wins").isEqualTo(Duration.ofHours(1));
        assertThat(customers.cursor().field()).as("the rest of the definition's block stays").isEqualTo("updated_at");
    }

    @Test
    void aRefToAMissingDefinitionIsRefusedWithFileLineAndPath() throws IOException {
        Path file = write("""
                definitions:
                  pagedList: {recordSelector: /items, paginator: {type: linkHeader}}
                streams:
                  orders:
                    entity: order
                    $ref: "#/definitions/pagedLists"
                    request: {path: /orders.json}
                """);

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("Invalid connector spec " + file + " (line 14), option 'streams.orders.$ref': refers to "
                        + "#/definitions/pagedLists, which this file does not define (definitions: [pagedList])");
    }

    @Test
    void aCycleOfDefinitionsIsRefused() throws IOException {
        Path file = write("""
                definitions:
                  a: {$ref: "#/definitions/b", recordSelector: /items}
                  b: {$ref: "#/definitions/a", paginator: {type: linkHeader}}
                streams:
                  orders: {$ref: "#/definitions/a", entity: order, request: {path: /orders.json}}
                """);

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("option 'definitions.b.$ref': refers to #/definitions/a, which refers back to itself");
    }

    @Test
    void anErrorInsideAReferredBlockNamesTheLineWhereTheDefinitionWritesIt() throws IOException {
        Path file = write("""
                definitions:
                  pagedList:
                    recordSelector: /items
                    paginator: {type: linkHeader}
                    cursor: {field: updated_at, filterParam: updated_at_min, filter: "{{cursor}}", lookback: soon}
                streams:
                  orders: {$ref: "#/definitions/pagedList", entity: order, request: {path: /orders.json}}
                """);

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("(line 13), option 'streams.orders.cursor.lookback'")
                .hasMessageContaining("must be a duration");
    }

    @Test
    void anchorsAliasesAndMergeKeysWork() throws IOException {
        ConnectorSpec spec = loader.load(write("""
                definitions:
                  list: &list
                    recordSelector: /items
                    paginator: {type: linkHeader}
                  keyed: &keyed {primaryKey: email, recordSelector: /unused}
                streams:
                  orders:
                    <<: *list
                    entity: order
                    request: &orders {path: /orders.json}
                    recordSelector: /orders
                  customers:
                    <<: [*list, *keyed]
                    entity: customer
                    request: {path: /customers.json}
                  drafts:
                    <<: *list
                    entity: order
                    request: *orders
                """));

        assertThat(spec.stream("orders").recordSelector()).as("own keys override merged ones").isEqualTo("/orders");
        assertThat(spec.stream("orders").paginator()).isInstanceOf(PaginatorSpec.LinkHeader.class);
        assertThat(spec.stream("customers").recordSelector()).as("an earlier merged map wins").isEqualTo("/items");
        assertThat(spec.stream("customers").primaryKey()).isEqualTo("email");
        assertThat(spec.stream("drafts").request().path()).as("an alias").isEqualTo("/orders.json");
    }

    @Test
    void yamlIsReadAsYaml12SoWordsAndDatesStayText() throws IOException {
        ConnectorSpec spec = loader.load(write("""
                streams:
                  orders:
                    entity: order
                    request: {path: /orders.json, params: {paid: yes, since: 2024-01-01, at: 10:30}}
                    recordSelector: /orders
                    paginator: {type: linkHeader}
                """));

        assertThat(spec.stream("orders").request().params()).containsEntry("paid", "yes")
                .containsEntry("since", "2024-01-01").containsEntry("at", "10:30");
    }

    @Test
    void aKeyGivenTwiceIsRefused() throws IOException {
        Path file = write("""
                streams:
                  orders:
                    entity: order
                    entity: customer
                """);

        assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("(line 12), option 'streams.orders.entity': is given twice");
    }

    @Test
    void theStripeSpecReadsAsIfEveryStreamWroteItsListBlockOut() throws IOException {
        ConnectorSpec stripe = loader.load(Path.of("connectors/stripe.yaml"));

        assertThat(stripe.streams()).hasSize(5).allSatisfy((name, stream) -> {
            assertThat(stream.recordSelector()).isEqualTo("/data");
            assertThat(stream.paginator()).isInstanceOf(PaginatorSpec.StartingAfter.class);
            assertThat(stream.request().pageSize()).isEqualTo(100);
            assertThat(stream.cursor().field()).isEqualTo("created");
            assertThat(stream.cursor().ascending()).isFalse();
            assertThat(stream.cursor().lookback()).isEqualTo(Duration.ofMinutes(10));
        });
        assertThat(stripe.stream("payment_intents").request().params()).containsEntry("expand[]", "data.latest_charge");
        assertThat(stripe.stream("charges").request().path()).isEqualTo("/charges");
    }
}
