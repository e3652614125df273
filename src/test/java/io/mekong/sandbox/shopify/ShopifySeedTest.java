package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopifySeedTest {

    static final String ALL_ORDERS = "{ orders(first: 80, sortKey: ID) { nodes { id name email phone createdAt "
            + "updatedAt displayFinancialStatus totalPriceSet { shopMoney { amount } presentmentMoney { amount currencyCode } } "
            + "customer { id firstName lastName email phone } lineItems(first: 3) { nodes { sku quantity } } } } }";

    @Test
    void sameSeedGivesByteIdenticalDataAndAnotherSeedDoesNot() {
        assertThat(serve(7)).isEqualTo(serve(7)).isNotEqualTo(serve(8));
    }

    @Test
    void demoShopsHaveTheirSizesAndLocalFlavour() {
        ShopifySimulator simulator = ShopifySimulator.demo(42, new MutableClock(Instant.parse("2025-10-01T00:00:00Z")));
        ShopifyShop vn = simulator.shop(ShopSettings.VN_DOMAIN);
        assertThat(vn.customerCount()).isEqualTo(500);
        assertThat(vn.orderCount()).isEqualTo(2000);
        assertThat(vn.productCount()).isEqualTo(200);
        assertThat(simulator.shop(ShopSettings.US_DOMAIN).orderCount()).isEqualTo(200);
        vn.read(() -> {
            assertThat(vn.customers()).anyMatch(c -> "Nguyễn".equals(c.lastName))
                    .anyMatch(c -> c.email == null && c.phone != null && c.phone.startsWith("+84"));
            assertThat(vn.orders()).allMatch(o -> !o.updatedAt.isBefore(o.createdAt))
                    .anyMatch(o -> o.customerId == null && o.phone != null && o.phone.startsWith("0"))
                    .anyMatch(o -> o.email != null && !o.email.equals(o.email.toLowerCase()))
                    .allMatch(o -> o.totalPriceSet.shopMoney().amount().scale() == 0);
            return null;
        });
    }

    private static String serve(long seed) {
        ShopifyShop shop = new ShopifyShop(ShopSettings.demoVietnam(), new MutableClock(Instant.parse("2025-10-01T00:00:00Z")));
        ShopifySeed.populate(shop, seed, new SeedSize(40, 80, 15));
        ShopifyClient client = new ShopifyClient(new ShopifySimulator(new ShopifyGraphQL(1000, 200),
                java.util.List.of(shop)), ShopSettings.VN_DOMAIN, shop.settings().accessToken());
        return client.post(ALL_ORDERS, Map.of()).bodyText()
                .replaceAll("\"extensions\".*", "");
    }
}
