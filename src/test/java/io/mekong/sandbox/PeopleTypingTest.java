package io.mekong.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PeopleTypingTest {

    @Test
    void everyFormOfAPhoneIsOneNumber() {
        Set<String> vn = LongStream.range(0, 6).mapToObj(n -> PeopleTyping.phone("+84912345678", n)).collect(Collectors.toSet());
        assertThat(vn).containsExactlyInAnyOrder("+84912345678", "0912 345 678", "+84 912 345 678", "84912345678",
                "(+84) 912345678", "0912345678");
        assertThat(vn.stream().map(p -> SandboxPeople.phone(p, "VN"))).containsOnly("phone:+84912345678");
        Set<String> us = LongStream.range(0, 4).mapToObj(n -> PeopleTyping.phone("+12125551234", n)).collect(Collectors.toSet());
        assertThat(us).hasSize(4);
        assertThat(us.stream().map(p -> SandboxPeople.phone(p, "US"))).containsOnly("phone:+12125551234");
    }

    @Test
    void anEmailInAnyCaseIsOneAddressButATypoIsAnother() {
        Set<String> forms = LongStream.range(0, 3).mapToObj(n -> PeopleTyping.email("an.nguyen@gmail.com", n)).collect(Collectors.toSet());
        assertThat(forms).containsExactlyInAnyOrder("an.nguyen@gmail.com", "AN.NGUYEN@GMAIL.COM", "An.Nguyen@Gmail.Com");
        assertThat(forms.stream().map(SandboxPeople::email)).containsOnly("email:an.nguyen@gmail.com");
        assertThat(PeopleTyping.typo("an.nguyen@gmail.com")).isEqualTo("an.nguyen@gamil.com");
    }

    @Test
    void aNameWithoutDiacriticsKeepsItsLetters() {
        assertThat(PeopleTyping.withoutDiacritics("Đặng Thị Ánh")).isEqualTo("Dang Thi Anh");
    }

    @Test
    void aMaskedPhoneIsNoEvidence() {
        assertThatThrownBy(() -> SandboxPeople.phone("84*******78", "VN")).hasMessageContaining("masked");
    }
}
