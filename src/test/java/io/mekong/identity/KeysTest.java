package io.mekong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.mapping.MappingFunctions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeysTest {

    private static final Keys PLAIN = new Keys(new IdentityRules(null, null, null, null));

    @Test
    void everyFormOfAVietnamesePhoneIsOneKeyOnceTheMappingMadeItE164() {
        List<String> forms = List.of("0912345678", "+84 912 345 678", "84912345678", "(+84) 912345678", "0912 345 678");

        assertThat(forms).map(form -> PLAIN.phone(MappingFunctions.e164(form, "VN"))).containsOnly("+84912345678");
    }

    @Test
    void aPhoneThatIsNotE164IsNoKey() {
        assertThat(PLAIN.phone("******64")).as("Shopee's mask").isNull();
        assertThat(PLAIN.phone("+84*****678")).isNull();
        assertThat(PLAIN.phone("0912345678")).as("national form: the mapping did not normalise it").isNull();
        assertThat(PLAIN.phone("+84 912 345 678")).as("spaces: not E.164").isNull();
        assertThat(PLAIN.phone(null)).isNull();
    }

    @Test
    void emailsAreMatchedWithoutCaseOrSpacesAndMaskedOnesAreNoKeys() {
        assertThat(PLAIN.email("  An.Nguyen@Gmail.com ")).isEqualTo("an.nguyen@gmail.com");
        assertThat(PLAIN.email("a****n@gmail.com")).isNull();
        assertThat(PLAIN.email("not-an-address")).isNull();
        assertThat(PLAIN.email("")).isNull();
    }

    @Test
    void gmailRulesIgnoreDotsAndTagsOnlyWhenEnabled() {
        Keys gmail = new Keys(new IdentityRules(new IdentityRules.EmailRules(true, List.of("outlook.com")), null, null, null));

        assertThat(gmail.email("An.Nguyen+shop@Gmail.com")).isEqualTo("annguyen@gmail.com");
        assertThat(gmail.email("annguyen@googlemail.com")).isEqualTo("annguyen@gmail.com");
        assertThat(gmail.email("an.nguyen+news@outlook.com")).as("a configured domain drops the tag only").isEqualTo("an.nguyen@outlook.com");
        assertThat(gmail.email("an.nguyen+news@example.com")).isEqualTo("an.nguyen+news@example.com");
        assertThat(PLAIN.email("An.Nguyen+shop@Gmail.com")).as("off by default").isEqualTo("an.nguyen+shop@gmail.com");
        assertThat(PLAIN.email("annguyen@googlemail.com")).isEqualTo("annguyen@googlemail.com");
    }

    @Test
    void blocklistedValuesAreNoKeys() {
        Keys keys = new Keys(new IdentityRules(null, null,
                new IdentityRules.Guards(3, Map.of("email", List.of("info@*"), "phone", List.of("+84900000000"))), null));

        assertThat(keys.email("Info@Shop.vn")).isNull();
        assertThat(keys.email("an@shop.vn")).isEqualTo("an@shop.vn");
        assertThat(keys.phone("+84900000000")).isNull();
        assertThat(keys.phone("+84912345678")).isEqualTo("+84912345678");
    }

    @Test
    void namesAreFoldedAndJoinPhonesOnlyWhenBothAreKnown() {
        assertThat(Keys.name("Đặng Thị Hồng")).isEqualTo(Keys.name("dang  thi HONG"));
        assertThat(PLAIN.phoneName("+84912345678", Keys.name("Đặng An"))).isEqualTo("+84912345678|dang an");
        assertThat(PLAIN.phoneName("+84912345678", Keys.name("P******n"))).isNull();
        assertThat(PLAIN.link("shopify", "**")).isNull();
        assertThat(PLAIN.link("shopify", " 7001 ")).isEqualTo("shopify:7001");
    }
}
