package io.mekong.sandbox.shopify;

public record MailingAddress(long id, String firstName, String lastName, String company, String address1,
                             String address2, String city, String province, String provinceCode, String country,
                             String countryCodeV2, String zip, String phone) implements Identified {

    public String name() {
        return ShopifyText.join(firstName, lastName);
    }

    /** The same address given by another person, with their name and phone. */
    public MailingAddress givenBy(String first, String last, String phone) {
        return new MailingAddress(id, first, last, company, address1, address2, city, province, provinceCode, country,
                countryCodeV2, zip, phone);
    }
}
