package io.mekong.sandbox.shopify;

import io.mekong.sandbox.PeopleTyping;
import io.mekong.sandbox.SandboxPeople;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic demo data for a shop: the same seed and size always give the same rows. Vietnamese shops get
 * Vietnamese names, addresses and VND prices; other shops English names and their own currency. The data holds
 * the awkward cases a connector meets in real shops: guest orders, differently cased emails, local and
 * international phone forms, refunds, cancellations and foreign presentment currencies, and phones that several people
 * give (the shop's hotline, a household's phone: {@link SharedPhones}). An email address is one person's.
 */
public final class ShopifySeed {

    /** Seed data lies in the 540 days before this instant, so it does not depend on when it is generated. */
    public static final Instant SEED_EPOCH = Instant.parse("2025-09-30T00:00:00Z");
    private static final long WINDOW_SECONDS = 540L * 24 * 3600;

    private static final String[] VN_FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
            "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
    private static final String[] VN_GIVEN = {"Thị Ánh", "Văn Đức", "Hoàng Yến", "Minh Châu", "Thu Hà", "Quốc Bảo",
            "Ngọc Lan", "Văn Hùng", "Thị Hương", "Đức Anh", "Thanh Tùng", "Bảo Ngọc", "Gia Huy", "Mỹ Linh", "Khánh Vy",
            "Hải Đăng", "Thị Thảo", "Tuấn Kiệt", "Phương Anh", "Quang Vinh"};
    private static final String[] EN_FIRST = {"James", "Mary", "Olivia", "Liam", "Emma", "Noah", "Ava", "Sophia",
            "Mason", "Ethan", "Chloe", "Daniel", "Grace", "Henry"};
    private static final String[] EN_LAST = {"Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore",
            "Clark", "Walker", "Young", "O'Brien", "García"};
    private static final String[][] VN_CITIES = {{"Thành phố Hồ Chí Minh", "Quận 1", "700000"},
            {"Hà Nội", "Quận Hoàn Kiếm", "100000"}, {"Đà Nẵng", "Quận Hải Châu", "550000"},
            {"Hải Phòng", "Quận Lê Chân", "180000"}, {"Cần Thơ", "Quận Ninh Kiều", "900000"}};
    private static final String[] VN_STREETS = {"Nguyễn Huệ", "Lê Lợi", "Trần Hưng Đạo", "Điện Biên Phủ",
            "Hai Bà Trưng", "Lý Thường Kiệt", "Phạm Ngũ Lão"};
    private static final String[][] US_CITIES = {{"New York", "New York", "NY", "10001"},
            {"Brooklyn", "New York", "NY", "11201"}, {"Boston", "Massachusetts", "MA", "02108"},
            {"Philadelphia", "Pennsylvania", "PA", "19103"}, {"Austin", "Texas", "TX", "73301"}};
    private static final String[] US_STREETS = {"Main Street", "Oak Avenue", "Maple Drive", "Broadway", "Elm Street"};
    private static final String[] VN_PRODUCTS = {"Áo dài lụa", "Nón lá", "Cà phê Buôn Ma Thuột", "Nước mắm Phú Quốc",
            "Túi cói", "Gốm Bát Tràng", "Trà Thái Nguyên", "Khăn lụa Vạn Phúc", "Bánh pía Sóc Trăng", "Hạt điều Bình Phước",
            "Tranh sơn mài", "Đũa tre", "Mật ong rừng U Minh", "Chiếu cói", "Nến thơm quế"};
    private static final String[] EN_PRODUCTS = {"Linen Shirt", "Canvas Tote", "Ceramic Mug", "Cold Brew Coffee",
            "Bamboo Chopsticks", "Silk Scarf", "Lacquer Tray", "Jasmine Tea", "Cashew Snack", "Scented Candle"};
    private static final String[] VN_STYLES = {"Cao cấp", "Truyền thống", "Hiện đại", "Đặc biệt", "Mini"};
    private static final String[] EN_STYLES = {"Classic", "Premium", "Everyday", "Limited", "Mini"};
    private static final String[][] VN_OPTIONS = {{"S", "M", "L"}, {"250g", "500g"}, {"Đỏ", "Xanh", "Trắng"}, {}};
    private static final String[][] EN_OPTIONS = {{"S", "M", "L"}, {"8 oz", "16 oz"}, {"Red", "Blue", "White"}, {}};
    private static final String[] MAIL_DOMAINS = {"gmail.com", "yahoo.com.vn", "example.com", "outlook.com"};

    private final ShopifyShop shop;
    private final Random random;
    private final boolean vietnamese;
    private final String currency;
    private final ZoneId zone;
    /** Guest orders placed by a person who also has an account: order id → that customer. */
    private final Map<Long, Customer> guestsKnown = new HashMap<>();
    private final Set<String> takenEmails;

    private ShopifySeed(ShopifyShop shop, long seed, Set<String> takenEmails) {
        this.shop = shop;
        this.takenEmails = takenEmails;
        this.random = new Random(seed);
        this.currency = shop.settings().currencyCode();
        this.vietnamese = currency.equals("VND");
        this.zone = shop.settings().timezone();
    }

    /** Fills {@code shop} with {@code size} rows drawn from {@code seed}. */
    public static void populate(ShopifyShop shop, long seed, SeedSize size) {
        populate(shop, seed, size, new HashSet<>(), SandboxPeople.UNRECORDED);
    }

    /**
     * Fills {@code shop} with {@code size} rows drawn from {@code seed}, and tells {@code people} whose they are.
     *
     * @param takenEmails the addresses the merchant's other shops gave out: an address is one person's, so no
     *                    other person of this shop gets it (Shopify itself keeps them unique within a shop)
     */
    public static void populate(ShopifyShop shop, long seed, SeedSize size, Set<String> takenEmails, SandboxPeople people) {
        ShopifySeed generator = new ShopifySeed(shop, seed, takenEmails);
        List<Product> products = generator.products(size.products());
        products.forEach(shop::add);
        List<Customer> customers = generator.customers(size.customers());
        customers.forEach(shop::add);
        List<Order> orders = generator.orders(size.orders(), customers, products);
        // drawn from a generator of their own, so that the rows above stay what they always were
        new SharedPhones(shop.settings(), seed).apply(orders, customers, generator.guestsKnown);
        orders.forEach(shop::add);
        ShopifyPeople.tell(people, shop.settings(), customers, orders, generator.guestsKnown);
    }

    // ---------- products ----------

    private List<Product> products(int count) {
        List<Long> ids = ids(7_400_000_000_000L, count);
        List<Instant> created = sortedTimes(count, 0, WINDOW_SECONDS / 3);
        Set<String> handles = new HashSet<>();
        List<Product> products = new ArrayList<>();
        long variantId = 41_200_000_000_000L;
        for (int i = 0; i < count; i++) {
            String[] bases = vietnamese ? VN_PRODUCTS : EN_PRODUCTS;
            String[] styles = vietnamese ? VN_STYLES : EN_STYLES;
            Product p = new Product(ids.get(i), at(created.get(i)));
            p.title = bases[i % bases.length] + " " + styles[(i / bases.length) % styles.length];
            p.handle = uniqueHandle(ShopifyText.handle(p.title), handles);
            p.vendor = vietnamese ? pick("Mekong Crafts", "Sài Gòn Trading", "Hà Nội Atelier") : pick("Mekong Crafts", "Brooklyn Goods");
            p.productType = vietnamese ? pick("Thời trang", "Thực phẩm", "Quà tặng") : pick("Apparel", "Food", "Gifts");
            p.status = chance(0.85) ? "ACTIVE" : chance(0.66) ? "DRAFT" : "ARCHIVED";
            p.tags = chance(0.3) ? List.of(vietnamese ? "bán chạy" : "bestseller") : List.of();
            p.descriptionHtml = "<p>" + p.title + "</p>";
            String[] options = (vietnamese ? VN_OPTIONS : EN_OPTIONS)[random.nextInt(4)];
            BigDecimal base = price();
            int variants = Math.max(1, options.length);
            for (int v = 0; v < variants; v++) {
                variantId += 1 + random.nextInt(40);
                ProductVariant variant = new ProductVariant(variantId, p.id, p.createdAt);
                variant.title = options.length == 0 ? "Default Title" : options[v];
                variant.sku = "MK-" + (1000 + i) + "-" + (v + 1);
                variant.barcode = chance(0.5) ? String.valueOf(8_930_000_000_000L + random.nextInt(999_999)) : null;
                variant.price = base.add(base.multiply(BigDecimal.valueOf(v)).divide(BigDecimal.TEN, 
                        MoneyV2.scale(currency), RoundingMode.HALF_EVEN));
                variant.compareAtPrice = chance(0.3) ? roundPrice(variant.price.multiply(new BigDecimal("1.2"))) : null;
                variant.inventoryQuantity = random.nextInt(200);
                p.variants.add(variant);
            }
            p.updatedAt = later(p.createdAt, randomSeconds(90L * 24 * 3600));
            p.variants.forEach(v -> v.updatedAt = p.updatedAt);
            products.add(p);
        }
        return products;
    }

    private BigDecimal price() {
        if (vietnamese) {
            return BigDecimal.valueOf((45 + random.nextInt(3455)) * 1000L);
        }
        return new BigDecimal((5 + random.nextInt(245)) + (chance(0.5) ? ".99" : ".00"));
    }

    private BigDecimal roundPrice(BigDecimal amount) {
        return vietnamese ? amount.divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP).multiply(BigDecimal.valueOf(1000))
                : amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static String uniqueHandle(String handle, Set<String> taken) {
        String candidate = handle;
        for (int n = 1; !taken.add(candidate); n++) {
            candidate = handle + "-" + n;
        }
        return candidate;
    }

    // ---------- customers ----------

    private List<Customer> customers(int count) {
        List<Long> ids = ids(6_900_000_000_000L, count);
        List<Instant> created = sortedTimes(count, 0, WINDOW_SECONDS * 9 / 10);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Customer c = new Customer(ids.get(i), at(created.get(i)));
            boolean local = vietnamese ? chance(0.9) : chance(0.1);
            if (local && vietnamese || !local && !vietnamese) {
                c.lastName = pick(VN_FAMILY);
                c.firstName = pick(VN_GIVEN);
            } else {
                c.firstName = pick(EN_FIRST);
                c.lastName = pick(EN_LAST);
            }
            c.email = chance(0.85) ? email(c.firstName, c.lastName, i) : null;
            c.phone = c.email == null || chance(0.7) ? internationalPhone() : null;
            c.verifiedEmail = c.email != null && chance(0.8);
            c.state = chance(0.6) ? "ENABLED" : chance(0.9) ? "DISABLED" : "INVITED";
            c.locale = vietnamese && local ? "vi" : "en";
            c.tags = chance(0.1) ? List.of("VIP") : chance(0.05) ? List.of("wholesale", "B2B") : List.of();
            c.note = chance(0.05) ? (vietnamese ? "Khách quen, giao hàng giờ hành chính" : "Prefers weekend delivery") : null;
            c.defaultAddress = address(c.firstName, c.lastName, c.phone);
            c.addresses = List.of(c.defaultAddress);
            c.emailMarketingConsent = c.email == null ? null : emailConsent(c.createdAt);
            c.smsMarketingConsent = c.phone == null ? null : chance(0.3)
                    // consent given at a Shopify checkout; a number never asked has no collector
                    ? new MarketingConsent("SUBSCRIBED", "SINGLE_OPT_IN", c.createdAt, "SHOPIFY")
                    : new MarketingConsent("NOT_SUBSCRIBED", "SINGLE_OPT_IN", null, null);
            c.updatedAt = later(c.createdAt, randomSeconds(120L * 24 * 3600));
            customers.add(c);
        }
        return customers;
    }

    private String email(String first, String last, int n) {
        String[] given = ShopifyText.ascii(first).split(" ");
        String local = given[given.length - 1] + "." + ShopifyText.ascii(last).replaceAll("[^a-z]", "");
        if (chance(0.4)) {
            local = local + n;
        }
        String domain = vietnamese ? MAIL_DOMAINS[random.nextInt(MAIL_DOMAINS.length)] : pick("gmail.com", "example.com");
        // a common name's address is taken: the next person with that name adds a number, as mail providers ask
        String address = local + "@" + domain;
        for (int k = 2; !takenEmails.add(address); k++) {
            address = local + "." + k + "@" + domain;
        }
        return address;
    }

    private String internationalPhone() {
        if (vietnamese) {
            String[] prefixes = {"90", "91", "93", "94", "96", "97", "98", "86", "88", "89", "32", "35", "38", "70", "77"};
            return "+84" + pick(prefixes) + String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000));
        }
        return "+1" + pick("212", "646", "718", "617", "512") + String.format(Locale.ROOT, "%07d",
                2_000_000 + random.nextInt(7_000_000));
    }

    private MarketingConsent emailConsent(OffsetDateTime created) {
        double draw = random.nextDouble();
        if (draw < 0.4) {
            return MarketingConsent.email("SUBSCRIBED", "SINGLE_OPT_IN", created);
        }
        if (draw < 0.9) {
            return MarketingConsent.email("NOT_SUBSCRIBED", "SINGLE_OPT_IN", null);
        }
        return MarketingConsent.email("UNSUBSCRIBED", "SINGLE_OPT_IN", created.plusDays(30));
    }

    private MailingAddress address(String first, String last, String phone) {
        long id = shop.newId() + 9_800_000_000_000L;
        if (vietnamese) {
            String[] city = VN_CITIES[random.nextInt(VN_CITIES.length)];
            return new MailingAddress(id, first, last, null, (1 + random.nextInt(200)) + " " + pick(VN_STREETS),
                    city[1], city[0], city[0], null, "Vietnam", "VN", city[2], phone);
        }
        String[] city = US_CITIES[random.nextInt(US_CITIES.length)];
        return new MailingAddress(id, first, last, chance(0.1) ? "Acme Inc." : null,
                (1 + random.nextInt(900)) + " " + pick(US_STREETS), chance(0.2) ? "Apt " + (1 + random.nextInt(30)) : null,
                city[0], city[1], city[2], "United States", "US", city[3], phone);
    }

    // ---------- orders ----------

    private List<Order> orders(int count, List<Customer> customers, List<Product> products) {
        List<Long> ids = ids(5_600_000_000_000L, count);
        List<Instant> created = sortedTimes(count, WINDOW_SECONDS / 10, WINDOW_SECONDS - 3600);
        List<ProductVariant> sellable = products.stream().filter(p -> !p.status.equals("DRAFT"))
                .flatMap(p -> p.variants.stream()).toList();
        Map<Long, Product> byId = new HashMap<>();
        products.forEach(p -> byId.put(p.id, p));
        List<Order> orders = new ArrayList<>();
        long lineId = 14_100_000_000_000L;
        for (int i = 0; i < count; i++) {
            OffsetDateTime createdAt = at(created.get(i));
            String presentment = presentmentCurrency();
            Order o = new Order(ids.get(i), 1001 + i, createdAt, currency, presentment);
            BigDecimal rate = rate(presentment);
            Customer customer = customers.isEmpty() || chance(0.18) ? null : pick(customers);
            contact(o, customer, customers);
            o.customerLocale = customer != null ? customer.locale : vietnamese ? "vi" : "en";
            o.sourceName = chance(0.75) ? "web" : chance(0.6) ? "pos" : "shopify_draft_order";
            o.tags = chance(0.08) ? List.of(vietnamese ? "Tết 2025" : "holiday") : List.of();
            o.note = chance(0.06) ? (vietnamese ? "Giao giờ hành chính" : "Leave at the door") : null;
            MailingAddress address = customer != null ? customer.defaultAddress
                    : address(pick(vietnamese ? VN_GIVEN : EN_FIRST), pick(vietnamese ? VN_FAMILY : EN_LAST), o.phone);
            Customer known = guestsKnown.get(o.id);
            if (known != null) {
                // a customer checking out as a guest types their own name (the draws above are kept: the rows after
                // this one stay what they were)
                address = address.givenBy(known.firstName, known.lastName, o.phone);
            }
            o.billingAddress = address;
            o.shippingAddress = chance(0.1) ? null : address;
            BigDecimal subtotal = BigDecimal.ZERO;
            int lines = sellable.isEmpty() ? 0 : 1 + Math.min(random.nextInt(4), sellable.size() - 1);
            Set<Long> used = new HashSet<>();
            boolean discounted = chance(0.2);
            BigDecimal discounts = BigDecimal.ZERO;
            while (o.lineItems.size() < lines) {
                ProductVariant v = pick(sellable);
                if (!used.add(v.id)) {
                    continue;
                }
                Product p = byId.get(v.productId);
                int quantity = 1 + (chance(0.25) ? random.nextInt(3) : 0);
                BigDecimal lineTotal = v.price.multiply(BigDecimal.valueOf(quantity));
                BigDecimal discount = discounted ? scale(lineTotal.multiply(new BigDecimal("0.10"))) : BigDecimal.ZERO;
                discounts = discounts.add(discount);
                subtotal = subtotal.add(lineTotal).subtract(discount);
                lineId += 1 + random.nextInt(30);
                o.lineItems.add(new LineItem(lineId, p.title, v.title.equals("Default Title") ? null : v.title, v.sku,
                        quantity, quantity, p.id, v.id, bag(v.price, rate, presentment), bag(discount, rate, presentment),
                        true, true));
            }
            BigDecimal shipping = vietnamese ? (subtotal.compareTo(BigDecimal.valueOf(1_000_000)) >= 0
                    ? BigDecimal.ZERO : BigDecimal.valueOf(30_000)) : (chance(0.5) ? new BigDecimal("5.99") : BigDecimal.ZERO);
            BigDecimal tax = scale(subtotal.multiply(vietnamese ? new BigDecimal("0.08") : new BigDecimal("0.07")));
            o.subtotalPriceSet = bag(subtotal, rate, presentment);
            o.totalDiscountsSet = bag(discounts, rate, presentment);
            o.totalShippingPriceSet = bag(shipping, rate, presentment);
            o.totalTaxSet = bag(tax, rate, presentment);
            o.totalPriceSet = bag(subtotal.add(shipping).add(tax), rate, presentment);
            payAndProgress(o);
            orders.add(o);
        }
        return orders;
    }

    private void contact(Order o, Customer customer, List<Customer> customers) {
        if (customer != null) {
            o.customerId = customer.id;
            o.email = customer.email != null && chance(0.1) ? PeopleTyping.capitalised(customer.email) : customer.email;
            o.phone = customer.phone;
            return;
        }
        // Guests are often people who also have an account: same address typed differently, local phone form.
        Customer known = customers.isEmpty() || chance(0.5) ? null : pick(customers);
        if (known != null && (known.email != null || known.phone != null)) {
            guestsKnown.put(o.id, known);
            o.email = known.email == null ? null : chance(0.5) ? PeopleTyping.capitalised(known.email) : known.email;
            o.phone = known.phone != null && vietnamese && chance(0.6) ? "0" + known.phone.substring(3) : known.phone;
        } else {
            String first = pick(vietnamese ? VN_GIVEN : EN_FIRST);
            o.email = chance(0.8) ? email(first, pick(vietnamese ? VN_FAMILY : EN_LAST), random.nextInt(10_000)) : null;
            String phone = internationalPhone();
            o.phone = o.email == null || chance(0.5) ? (vietnamese ? "0" + phone.substring(3) : phone) : null;
        }
    }


    /** Payment, fulfilment, refunds and cancellation, each at a time after the order was placed. */
    private void payAndProgress(Order o) {
        boolean cod = vietnamese && chance(0.35);
        String gateway = cod ? "Cash on Delivery (COD)" : vietnamese ? pick("shopify_payments", "momo", "vnpay") : "shopify_payments";
        OffsetDateTime placed = o.createdAt;
        OffsetDateTime lastEvent = placed;
        double draw = random.nextDouble();
        if (draw < 0.05) {
            o.displayFinancialStatus = "AUTHORIZED";
            o.transactions.add(tx(o, "AUTHORIZATION", "SUCCESS", gateway, placed, null));
        } else if (draw < 0.10 || cod && draw < 0.2) {
            o.displayFinancialStatus = "PENDING";
            o.transactions.add(tx(o, "SALE", "PENDING", gateway, placed, null));
        } else {
            o.displayFinancialStatus = "PAID";
            o.transactions.add(tx(o, "SALE", "SUCCESS", gateway, placed, null));
        }
        if (chance(0.07)) {
            OffsetDateTime at = placed.plusHours(1 + random.nextInt(48));
            if (o.displayFinancialStatus.equals("PENDING")) {
                o.transactions.clear();
                o.transactions.add(tx(o, "AUTHORIZATION", "SUCCESS", gateway, placed, null));
            }
            OrderRefunds.cancel(o, pick("CUSTOMER", "INVENTORY", "FRAUD", "DECLINED", "OTHER"), capped(at), shop::newId);
            lastEvent = capped(at);
        } else if (o.displayFinancialStatus.equals("PAID")) {
            if (chance(0.85)) {
                o.displayFulfillmentStatus = "FULFILLED";
                OffsetDateTime fulfilled = capped(placed.plusDays(1 + random.nextInt(5)));
                lastEvent = fulfilled;
                if (chance(0.6)) {
                    o.closedAt = fulfilled;
                }
            }
            double refundDraw = random.nextDouble();
            if (refundDraw < 0.13 && !o.lineItems.isEmpty()) {
                OffsetDateTime at = capped(placed.plusDays(3 + random.nextInt(20)));
                Map<Long, Integer> quantities = new HashMap<>();
                if (refundDraw < 0.05) {
                    o.lineItems.forEach(l -> quantities.put(l.id(), l.quantity()));
                } else {
                    quantities.put(o.lineItems.get(0).id(), 1);
                }
                OrderRefunds.refund(o, quantities, chance(0.5) ? (vietnamese ? "Khách đổi ý" : "Customer changed mind") : null,
                        pick("RETURN", "NO_RESTOCK"), at, shop::newId);
                lastEvent = lastEvent.isAfter(at) ? lastEvent : at;
            }
        }
        o.updatedAt = later(lastEvent, randomSeconds(3L * 24 * 3600));
    }

    private OrderTransaction tx(Order o, String kind, String status, String gateway, OffsetDateTime at,
                                OrderTransaction parent) {
        return new OrderTransaction(shop.newId() + 7_100_000_000_000L, kind, status, gateway, o.totalPriceSet, at,
                at, false, parent);
    }

    private String presentmentCurrency() {
        if (vietnamese) {
            return chance(0.08) ? "USD" : "VND";
        }
        return chance(0.15) ? pick("CAD", "EUR") : "USD";
    }

    private static BigDecimal rate(String presentment) {
        return switch (presentment) {
            case "USD" -> new BigDecimal("0.000038");
            case "CAD" -> new BigDecimal("1.37");
            case "EUR" -> new BigDecimal("0.92");
            default -> BigDecimal.ONE;
        };
    }

    /** Converts a shop amount; for a VND shop presenting USD the rate is VND→USD, otherwise shop→presentment. */
    private MoneyBag bag(BigDecimal amount, BigDecimal rate, String presentment) {
        return MoneyBag.of(amount, currency, rate, presentment);
    }

    private BigDecimal scale(BigDecimal amount) {
        return amount.setScale(MoneyV2.scale(currency), RoundingMode.HALF_EVEN);
    }

    // ---------- helpers ----------

    /** Increasing ids with irregular gaps, like ids handed out by a busy platform. */
    private List<Long> ids(long base, int count) {
        List<Long> ids = new ArrayList<>(count);
        long id = base + random.nextInt(1000);
        for (int i = 0; i < count; i++) {
            id += 1 + random.nextInt(5000);
            ids.add(id);
        }
        return ids;
    }

    /** {@code count} ascending instants between {@code fromOffset} and {@code toOffset} seconds into the window. */
    private List<Instant> sortedTimes(int count, long fromOffset, long toOffset) {
        Instant start = SEED_EPOCH.minusSeconds(WINDOW_SECONDS);
        List<Instant> times = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            times.add(start.plusSeconds(fromOffset + (long) (random.nextDouble() * (toOffset - fromOffset))));
        }
        times.sort(Comparator.naturalOrder());
        return times;
    }

    private OffsetDateTime at(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime();
    }

    private OffsetDateTime capped(OffsetDateTime time) {
        return time.toInstant().isAfter(SEED_EPOCH) ? at(SEED_EPOCH) : time;
    }

    private OffsetDateTime later(OffsetDateTime from, long seconds) {
        return capped(from.plusSeconds(seconds));
    }

    private long randomSeconds(long bound) {
        return (long) (random.nextDouble() * bound);
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
