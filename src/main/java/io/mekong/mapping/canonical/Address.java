package io.mekong.mapping.canonical;

import jakarta.validation.constraints.Pattern;

public record Address(
        String name,
        String company,
        String line1,
        String line2,
        String city,
        String province,
        String provinceCode,
        String country,
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String countryCode,
        String zip,
        String phone) {
}
