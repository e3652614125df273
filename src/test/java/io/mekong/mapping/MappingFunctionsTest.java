package io.mekong.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dashjoin.jsonata.Jsonata;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingFunctionsTest {

    @Test
    void minorUsesTheCurrencysDecimalPlacesExactly() {
        assertThat(MappingFunctions.minor("1250000", "VND")).isEqualTo(1_250_000L);
        assertThat(MappingFunctions.minor("1250000.0", "VND")).isEqualTo(1_250_000L);
        assertThat(MappingFunctions.minor("403.00", "USD")).isEqualTo(40_300L);
        assertThat(MappingFunctions.minor("0.1", "USD")).isEqualTo(10L);
        assertThat(MappingFunctions.minor("12.345", "KWD")).isEqualTo(12_345L);
        assertThat(MappingFunctions.minor(19.99, "USD")).isEqualTo(1_999L);
        assertThat(MappingFunctions.minor(7, "JPY")).isEqualTo(7L);
        assertThat(MappingFunctions.minor(null, "USD")).isNull();
    }

    @Test
    void minorUnitsKeepsAnAmountAlreadyInMinorUnitsExactlyWhateverTheCurrencysDecimals() {
        assertThat(MappingFunctions.minorUnits(150000, "VND")).as("Stripe sends VND in whole dong").isEqualTo(150_000L);
        assertThat(MappingFunctions.minorUnits(1099, "USD")).as("and USD in cents").isEqualTo(1_099L);
        assertThat(MappingFunctions.minorUnits("12345", "KWD")).isEqualTo(12_345L);
        assertThat(MappingFunctions.minorUnits(-5000.0, "VND")).isEqualTo(-5_000L);
        assertThat(MappingFunctions.minorUnits(null, "VND")).isNull();
    }

    @Test
    void minorUnitsRejectsFractionsUnknownOrMissingCurrencies() {
        assertThatThrownBy(() -> MappingFunctions.minorUnits(150000.5, "VND"))
                .hasMessage("$minorUnits: '150000.5' is not a whole number of VND minor units");
        assertThatThrownBy(() -> MappingFunctions.minorUnits(100, "vnd"))
                .hasMessage("$minorUnits: 'vnd' is not an ISO 4217 currency code");
        assertThatThrownBy(() -> MappingFunctions.minorUnits(100, "XXX")).hasMessage("$minorUnits: XXX has no minor unit");
        assertThatThrownBy(() -> MappingFunctions.minorUnits(100, null)).hasMessage("$minorUnits: no currency for amount 100");
        assertThatThrownBy(() -> MappingFunctions.minorUnits("ten", "USD")).hasMessageContaining("not a whole number");
    }

    @Test
    void minorRejectsMorePrecisionThanTheCurrencyHasAndUnknownCurrencies() {
        assertThatThrownBy(() -> MappingFunctions.minor("1250000.50", "VND"))
                .hasMessage("$minor: 1250000.50 has more decimals than VND allows (0)");
        assertThatThrownBy(() -> MappingFunctions.minor("1.005", "USD")).hasMessageContaining("USD allows (2)");
        assertThatThrownBy(() -> MappingFunctions.minor("1.00", "XYZ")).hasMessageContaining("'XYZ' is not an ISO 4217");
        assertThatThrownBy(() -> MappingFunctions.minor("1.00", null)).hasMessageContaining("no currency");
        assertThatThrownBy(() -> MappingFunctions.minor("abc", "USD")).hasMessageContaining("not a decimal amount");
    }

    @Test
    void e164ReadsLocalNumbersInTheDefaultRegion() {
        assertThat(MappingFunctions.e164("0912 345 678", null)).isEqualTo("+84912345678");
        assertThat(MappingFunctions.e164("0912.345.678", "VN")).isEqualTo("+84912345678");
        assertThat(MappingFunctions.e164("+84 912 345 678", "US")).isEqualTo("+84912345678");
        assertThat(MappingFunctions.e164("(415) 555-0132", "US")).isEqualTo("+14155550132");
        assertThat(MappingFunctions.e164("  ", null)).isNull();
        assertThat(MappingFunctions.e164(null, "VN")).isNull();
    }

    @Test
    void e164RejectsWhatIsNotAPhoneNumber() {
        assertThatThrownBy(() -> MappingFunctions.e164("call me", "VN")).hasMessageContaining("'call me' is not a phone number (region VN)");
        assertThatThrownBy(() -> MappingFunctions.e164("12", "VN")).hasMessageContaining("not a possible phone number");
    }

    @Test
    void instantConvertsToUtcAndLegacyIdReadsTheGid() {
        assertThat(MappingFunctions.instant("2025-03-04T10:15:30+07:00")).isEqualTo("2025-03-04T03:15:30Z");
        assertThat(MappingFunctions.instant("2025-03-04T03:15:30Z")).isEqualTo("2025-03-04T03:15:30Z");
        assertThatThrownBy(() -> MappingFunctions.instant("2025-03-04 10:15")).hasMessageContaining("with offset");
        assertThat(MappingFunctions.instant("2025-03-04 10:15:30 +0700", "yyyy-MM-dd HH:mm:ss Z"))
                .as("a pattern with an offset reads it (Lazada)").isEqualTo("2025-03-04T03:15:30Z");
        assertThat(MappingFunctions.instant("2025-03-04 10:15:30", "yyyy-MM-dd HH:mm:ss"))
                .as("a pattern without one is UTC (Magento)").isEqualTo("2025-03-04T10:15:30Z");
        assertThatThrownBy(() -> MappingFunctions.instant("2025-03-04T10:15:30+07:00", "yyyy-MM-dd HH:mm:ss Z"))
                .hasMessageContaining("is not a time in the pattern yyyy-MM-dd HH:mm:ss Z");
        assertThat(MappingFunctions.legacyId("gid://shopify/Order/450789469")).isEqualTo("450789469");
        assertThat(MappingFunctions.legacyId("gid://shopify/LineItem/466157049?x=1")).isEqualTo("466157049");
        assertThatThrownBy(() -> MappingFunctions.legacyId("450789469")).hasMessageContaining("not a global id");
    }

    @Test
    void functionsAreCallableFromJsonataWithTheConnectionBound() {
        Jsonata expression = Jsonata.jsonata("{\"p\": $minor(price, $connection.currency), \"t\": $e164(tel, $connection.defaultRegion), "
                + "\"none\": $minor(missing, 'USD')}");
        MappingFunctions.registerOn(expression);
        Jsonata.Frame frame = expression.createFrame();
        frame.bind(CompiledMapping.CONNECTION_VARIABLE, Map.of("currency", "KWD", "defaultRegion", "US"));

        Object result = expression.evaluate(Map.of("price", "1.5", "tel", "415-555-0132"), frame);

        assertThat(result).isEqualTo(Map.of("p", 1500L, "t", "+14155550132"));
    }
}
