package io.mekong.sandbox.mailchimp;

import java.util.regex.Pattern;

/**
 * The simulated Mailchimp account: its API key ({@code <32 hex>-<dc>}, the data center after the dash), its one list
 * (audience) and its one e-commerce store, connected to that list, selling in {@code storeCurrency}.
 */
public record MailchimpAccount(String apiKey, String dc, String listId, String storeId, String storeCurrency) {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}-[a-z]+[0-9]+");

    public MailchimpAccount {
        if (apiKey == null || !KEY.matcher(apiKey).matches() || !apiKey.endsWith("-" + dc)) {
            throw new IllegalArgumentException("a Mailchimp API key is 32 hex digits, a dash and the data center (" + dc + ")");
        }
        if (listId == null || listId.isBlank() || storeId == null || storeId.isBlank()) {
            throw new IllegalArgumentException("the Mailchimp list id and store id are required");
        }
    }

    /** The key stays out of logs and toString. */
    @Override
    public String toString() {
        return "MailchimpAccount[dc=" + dc + ", listId=" + listId + ", storeId=" + storeId + ", storeCurrency="
                + storeCurrency + "]";
    }
}
