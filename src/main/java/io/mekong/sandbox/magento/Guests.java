package io.mekong.sandbox.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.PeopleTyping;
import io.mekong.sandbox.shopify.Customer;
import java.util.List;
import java.util.Locale;

/**
 * Who checks out as a guest in the Magento store. One in three is a person with a Shopify account who did not sign
 * in here: their email in another case (now and then with a typo), their name typed without diacritics, their phone
 * in another form. The others are strangers with names of their own; half of them ordered by phone, and the staff
 * typed the shop's hotline for them (the hotline the Shopify shop's phone orders carry too).
 */
final class Guests {

    private static final String[] FAMILY = {"Trịnh", "Lâm", "Quách", "Kiều", "Thái", "Tô", "Mai", "Lưu"};
    private static final String[] GIVEN = {"Thị Hoa", "Văn Tài", "Minh Tuấn", "Thu Trang", "Hữu Phước", "Kim Oanh",
        "Bảo Châu", "Đình Long", "Thanh Mai", "Công Danh"};

    private final List<Customer> everyone;
    private final String hotline;
    private int strangers;

    /** @param everyone the Shopify shop's people who have an email; {@code hotline} the merchant's hotline */
    Guests(List<Customer> everyone, String hotline) {
        this.everyone = everyone;
        this.hotline = hotline;
    }

    /** Makes {@code order}, a guest order, someone's; returns the Shopify person it is, or null for a stranger. */
    Customer checkout(ObjectNode order) {
        long id = order.get("entity_id").asLong();
        ObjectNode billing = (ObjectNode) order.get("billing_address");
        if (id % 3 == 0 && !everyone.isEmpty()) {
            Customer known = everyone.get((int) (id * 7919 % everyone.size()));
            order.put("customer_email", id % 9 == 0 ? PeopleTyping.typo(known.email) : PeopleTyping.email(known.email, id / 3));
            billing.put("firstname", PeopleTyping.withoutDiacritics(known.firstName))
                    .put("lastname", PeopleTyping.withoutDiacritics(known.lastName))
                    .put("telephone", known.phone == null ? ownPhone(id) : PeopleTyping.phone(known.phone, id / 3));
            return known;
        }
        int n = strangers++;
        String given = GIVEN[n % GIVEN.length];
        String family = FAMILY[(n / GIVEN.length) % FAMILY.length];
        order.put("customer_email", PeopleTyping.withoutDiacritics(given.split(" ")[1]).toLowerCase(Locale.ROOT)
                + ".khach" + id + "@example.vn");
        billing.put("firstname", given).put("lastname", family).put("telephone", n % 2 == 0 ? hotline : ownPhone(id));
        return null;
    }

    private static String ownPhone(long id) {
        return String.format("09%08d", id * 104_723L % 100_000_000L);
    }
}
