package io.mekong.mapping.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a mapping may declare as consent: the small vocabulary, one statement per channel. */
class ConsentModelTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void twoStatementsOnOneChannelAreRefusedNamingTheChannels() {
        Consent optIn = new Consent("email", "subscribed", "a", T, Map.of());
        Consent optOut = new Consent("email", "unsubscribed", "b", T, Map.of());

        assertThatThrownBy(() -> customer(List.of(optIn, optOut)))
                .hasMessage("consents: at most one statement per channel, got channels [email, email]");
    }

    @Test
    void aStatusOrChannelOutsideTheVocabularyAndAMissingFieldAreNamed() {
        CanonicalCustomer customer = customer(List.of(new Consent("whatsapp", "SUBSCRIBED", " ", null, null)));

        assertThat(VALIDATOR.validate(customer)).extracting(v -> v.getPropertyPath() + ": " + v.getMessage())
                .containsExactlyInAnyOrder("consents[0].channel: must be email or sms",
                        "consents[0].status: must be subscribed, unsubscribed, pending or not_subscribed",
                        "consents[0].field: must not be blank");
    }

    @Test
    void theRecordsWordPerChannelAndAnAbsentEvidenceIsEmpty() {
        CanonicalCustomer customer = customer(List.of(new Consent("sms", "pending", "smsMarketingConsent", T, null)));

        assertThat(customer.consentStatus("sms")).isEqualTo("pending");
        assertThat(customer.consentStatus("email")).isNull();
        assertThat(customer.consents().get(0).evidence()).isEmpty();
        assertThat(VALIDATOR.validate(customer)).extracting(ConstraintViolation::getMessage).isEmpty();
    }

    private static CanonicalCustomer customer(List<Consent> consents) {
        return new CanonicalCustomer("1", null, null, null, null, "Nguyễn Văn An", null, null, List.of(), null, consents,
                null, null, T, T, false);
    }
}
