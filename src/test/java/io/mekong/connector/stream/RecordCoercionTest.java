package io.mekong.connector.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.spec.CoerceSpec;
import io.mekong.testing.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCoercionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void lazadasStringlyTypedOrderBecomesTyped() throws IOException {
        JsonNode order = JSON.readTree(Fixtures.vendor("lazada").resolve("get_orders.response.json").toFile())
                .at("/data/orders/0");

        new RecordCoercion(new CoerceSpec(true, true, List.of("items_count", "price", "shipping_fee"))).apply(order);

        assertThat(order.get("address_updated_at").isNull()).isTrue();
        assertThat(order.get("gift_option").isBoolean()).isTrue();
        assertThat(order.get("gift_option").asBoolean()).isFalse();
        assertThat(order.get("is_cancel_pending").asBoolean()).isTrue();
        assertThat(order.get("items_count").isIntegralNumber()).isTrue();
        assertThat(order.get("items_count").asInt()).isEqualTo(2);
        assertThat(order.get("price").decimalValue()).isEqualTo(new BigDecimal("106.00"));
        assertThat(order.get("price").toString()).as("the scale is kept").isEqualTo("106.00");
        assertThat(order.get("order_id").isTextual()).as("ids are not listed, so they stay text").isTrue();
        assertThat(order.get("voucher").isTextual()).as("a field not listed stays text").isTrue();
    }

    @Test
    void nestedFieldsAndArraysAreCoercedAndNonNumbersLeftAlone() throws IOException {
        JsonNode record = JSON.readTree("{\"items\":[{\"qty\":\"3\",\"note\":\"null\"},{\"qty\":\"three\"}],"
                + "\"code\":\"000000001\",\"flag\":\"TRUE\"}");

        new RecordCoercion(new CoerceSpec(true, true, List.of("qty"))).apply(record);

        assertThat(record.at("/items/0/qty").asInt()).isEqualTo(3);
        assertThat(record.at("/items/0/note").isNull()).isTrue();
        assertThat(record.at("/items/1/qty").asText()).isEqualTo("three");
        assertThat(record.get("code").asText()).isEqualTo("000000001");
        assertThat(record.get("flag").isTextual()).as("only the exact lower-case literals").isTrue();
    }
}
