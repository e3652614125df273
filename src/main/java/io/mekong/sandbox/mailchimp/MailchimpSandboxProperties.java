package io.mekong.sandbox.mailchimp;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mekong.sandbox.mailchimp.*}: the simulated Mailchimp account.
 *
 * @param dc            the data center, the API key's suffix
 * @param listId        the id of its one list (audience), whose merge fields are FNAME, LNAME and PHONE
 * @param storeId       the id of its one e-commerce store, connected to that list
 * @param storeCurrency the store's currency
 * @param connections   calls in progress at once per API key (Mailchimp: 10)
 */
@ConfigurationProperties("mekong.sandbox.mailchimp")
@Validated
public record MailchimpSandboxProperties(
        @DefaultValue("us21") @Pattern(regexp = "[a-z]+[0-9]+", message = "must be a data center such as us21") String dc,
        @DefaultValue("5e1a2b3c4d") @NotBlank String listId,
        @DefaultValue("mekong-demo-store") @NotBlank String storeId,
        @DefaultValue("VND") @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as VND") String storeCurrency,
        @DefaultValue("10") @Min(1) int connections) {
}
