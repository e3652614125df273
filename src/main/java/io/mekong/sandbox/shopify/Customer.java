package io.mekong.sandbox.shopify;

import java.time.OffsetDateTime;
import java.util.List;

/** A customer row of the in-memory shop; mutable, guarded by the shop's lock. */
public final class Customer implements Identified {

    public final long id;
    public final OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
    public String firstName;
    public String lastName;
    public String email;
    public String phone;
    public boolean verifiedEmail;
    public String state = "DISABLED";
    public String locale = "en";
    public String note;
    public List<String> tags = List.of();
    public boolean taxExempt;
    public MailingAddress defaultAddress;
    public List<MailingAddress> addresses = List.of();
    public MarketingConsent emailMarketingConsent;
    public MarketingConsent smsMarketingConsent;

    public Customer(long id, OffsetDateTime createdAt) {
        this.id = id;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    @Override
    public long id() {
        return id;
    }

    public String displayName() {
        String name = ShopifyText.join(firstName, lastName);
        if (name != null) {
            return name;
        }
        return email != null ? email : phone != null ? phone : "";
    }
}
