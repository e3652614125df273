package io.mekong.sandbox.shopify;

public record MailingAddress(long id, String firstName, String lastName, String company, String address1,
                             String address2, String city, String province, String provinceCode, String country,
                             String countryCodeV2, String zip, String phone) implements Identified {

    public String name() {
        return ShopifyText.join(firstName, lastName);
    }
}
