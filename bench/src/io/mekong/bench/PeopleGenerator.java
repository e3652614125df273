package io.mekong.bench;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Labelled synthetic customers for the identity quality evaluation (benchmark P4): people, each appearing once or more
 * as a source identity (a customer record, a marketplace buyer, a guest order) the way the real sources show them.
 * Every appearance carries the person it belongs to, which resolution must not see.
 *
 * <p>What makes it hard, in the proportions of a Vietnamese merchant's data: Vietnamese and English names; names
 * typed without diacritics, with a typo, family name first or last; emails in any case; every phone form people
 * type (0912 345 678, +84 912 345 678, 84912345678, (+84) 912345678, 0912.345.678); people with no email or no phone
 * and sources that lack one of the two; couples sharing a household phone; a shop hotline typed on strangers' guest
 * orders; marketplace buyers whose phone (and on Shopee, name) are masked. A share of the people ({@code duplicateShare})
 * appear in two or three sources that show a key: those are the true duplicates. A marketplace buyer is always a person
 * of their own here, since no honest rule can join a masked identity: the evaluation measures that they join no one.
 * The same seed gives the same people.
 */
public final class PeopleGenerator {

    /** One source identity as a source shows it. {@code phone} is as typed, not normalised. */
    public record Appearance(int person, String source, String kind, String externalId, String email, String phone,
                             String firstName, String lastName) {
    }

    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
        "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trịnh", "Đinh", "Lâm", "Mai"};
    private static final String[] MIDDLE = {"Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quang", "Thu", "Hoài",
        "Bảo", "Gia", "Kim", "Xuân"};
    private static final String[] GIVEN = {"An", "Anh", "Bình", "Châu", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh",
        "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngân", "Nhung", "Phong",
        "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Uyên", "Việt", "Vy",
        "Yến", "Khoa", "Duy", "Thư", "Nhi", "Hân", "Tú", "Lộc", "Tài", "Trí", "Thủy", "Diệp"};
    private static final String[] EN_GIVEN = {"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael",
        "Linda", "David", "Elizabeth", "William", "Susan", "Richard", "Jessica", "Thomas", "Sarah", "Daniel", "Karen",
        "Matthew", "Emily", "Andrew", "Olivia", "Lucas", "Chloe", "Ethan", "Grace"};
    private static final String[] EN_FAMILY = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
        "Wilson", "Taylor", "Clark", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
        "Nelson", "Carter", "Mitchell", "Turner", "Parker", "Evans", "Collins"};
    private static final String[] DOMAINS = {"gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com",
        "hotmail.com", "icloud.com", "fpt.vn", "vnn.vn"};
    private static final String[] PREFIXES = {"90", "91", "93", "94", "96", "97", "98", "32", "33", "34", "35", "36",
        "37", "38", "39", "70", "76", "77", "78", "79", "81", "82", "83", "84", "85", "86", "88", "89"};
    /** Sources with the identity kind they give and whether they mask the buyer (Shopee, Lazada). */
    private static final String[][] SOURCES = {{"shopify", "customer"}, {"shopify", "guest"}, {"magento", "customer"},
        {"magento", "guest"}, {"stripe", "customer"}, {"woocommerce", "customer"}, {"haravan", "customer"},
        {"shopee", "buyer"}, {"lazada", "buyer"}};
    /** The last entries of {@link #SOURCES}: marketplaces, which show no usable key. */
    private static final int MARKETPLACES = 2;

    private final Random random;
    private final double duplicateShare;
    private final List<Appearance> appearances = new ArrayList<>();
    private final Set<String> usedEmails = new HashSet<>();
    private final Set<String> usedPhones = new HashSet<>();
    private final List<String> hotlines = new ArrayList<>();
    private int nextExternalId = 1;
    private String householdPhone;

    private PeopleGenerator(long seed, double duplicateShare) {
        this.random = new Random(seed);
        this.duplicateShare = duplicateShare;
    }

    /**
     * @param identities     about how many appearances to make (the result is within one person's appearances of it)
     * @param duplicateShare the share of people who appear in more than one source (0.2: one in five)
     */
    public static List<Appearance> generate(long seed, int identities, double duplicateShare) {
        PeopleGenerator g = new PeopleGenerator(seed, duplicateShare);
        for (int i = 0; i < 3 + identities / 50_000; i++) {
            g.hotlines.add(g.newPhone());
        }
        for (int person = 0; g.appearances.size() < identities; person++) {
            g.person(person);
        }
        return g.appearances;
    }

    private void person(int person) {
        boolean vietnamese = random.nextDouble() < 0.85;
        String family = vietnamese ? pick(FAMILY) : pick(EN_FAMILY);
        String given = vietnamese ? (random.nextDouble() < 0.8 ? pick(MIDDLE) + " " : "") + pick(GIVEN) : pick(EN_GIVEN);
        boolean hasEmail = random.nextDouble() < 0.9;
        String email = hasEmail ? newEmail(given, family) : null;
        // about one person in fifty shares a household phone with the person before: two people, one number
        String phone;
        if (householdPhone != null && random.nextDouble() < 0.02) {
            phone = householdPhone;
        } else {
            phone = !hasEmail || random.nextDouble() < 0.85 ? newPhone() : null;
        }
        householdPhone = phone;
        if (random.nextDouble() < duplicateShare) {
            // a true duplicate: two or three of the sources that show a usable key (a marketplace shows none)
            List<Integer> sources = new ArrayList<>();
            int copies = 2 + (random.nextDouble() < 0.3 ? 1 : 0);
            while (sources.size() < copies) {
                int s = random.nextInt(SOURCES.length - MARKETPLACES);
                if (!sources.contains(s)) {
                    sources.add(s);
                }
            }
            for (int i = 0; i < sources.size(); i++) {
                int s = sources.get(i);
                appear(person, SOURCES[s][0], SOURCES[s][1], given, family, email, phone, vietnamese, i > 0);
            }
        } else {
            String[] source = SOURCES[random.nextInt(SOURCES.length)];
            appear(person, source[0], source[1], given, family, email, phone, vietnamese, false);
        }
        // now and then the shop's staff types a hotline on a stranger's guest order: a key shared by many names, and
        // an order that no honest rule can give back to its buyer
        if (random.nextDouble() < 0.01) {
            appear(person, "magento", "guest", given, family, null, pick(hotlines), vietnamese, false);
        }
    }

    /** @param mayLackAKey whether this source may show only one of email and phone (never for a first appearance) */
    private void appear(int person, String source, String kind, String given, String family, String email, String phone,
                        boolean vietnamese, boolean mayLackAKey) {
        String externalId = source + "-" + nextExternalId++;
        if (kind.equals("buyer")) { // a marketplace shows a seller no email, a masked phone; Shopee masks the name too
            String maskedPhone = phone == null ? null : "******" + digits(phone).substring(digits(phone).length() - 2);
            boolean shopee = source.equals("shopee");
            appearances.add(new Appearance(person, source, kind, externalId, null, maskedPhone,
                    shopee ? mask(given) : given, shopee ? mask(family) : family));
            return;
        }
        // a later source now and then lacks one of the two keys, never both, and the first shows all: a duplicate always
        // shares some evidence with its first appearance
        boolean both = mayLackAKey && email != null && phone != null;
        boolean dropEmail = both && random.nextDouble() < 0.1;
        boolean dropPhone = both && !dropEmail && random.nextDouble() < 0.1;
        String shownEmail = email == null || dropEmail ? null : caseVariant(email);
        String shownPhone = phone == null || dropPhone ? null : phoneForm(phone);
        String shownGiven = given;
        String shownFamily = family;
        if (vietnamese && random.nextDouble() < 0.3) {
            shownGiven = stripDiacritics(shownGiven);
            shownFamily = stripDiacritics(shownFamily);
        }
        if (random.nextDouble() < 0.05) {
            shownGiven = typo(shownGiven);
        }
        if (vietnamese && random.nextDouble() < 0.15) { // the whole name typed in the given-name field, family first
            shownGiven = shownFamily + " " + shownGiven;
            shownFamily = null;
        }
        appearances.add(new Appearance(person, source, kind, externalId, shownEmail, shownPhone, shownGiven, shownFamily));
    }

    private String newEmail(String given, String family) {
        String base = stripDiacritics(given.substring(given.lastIndexOf(' ') + 1) + (random.nextBoolean() ? "." : "")
                + family).toLowerCase(Locale.ROOT).replace('đ', 'd');
        String email;
        do {
            email = base + (random.nextDouble() < 0.7 ? String.valueOf(random.nextInt(10_000)) : "") + "@" + pick(DOMAINS);
        } while (!usedEmails.add(email));
        return email;
    }

    private String newPhone() {
        String phone;
        do {
            phone = "0" + pick(PREFIXES) + (10_000_000 + random.nextInt(10_000_000) + "").substring(1);
        } while (!usedPhones.add(phone));
        return phone;
    }

    private String caseVariant(String email) {
        return switch (random.nextInt(4)) {
            case 0 -> email.toUpperCase(Locale.ROOT);
            case 1 -> Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@') + 1)
                    + Character.toUpperCase(email.charAt(email.indexOf('@') + 1)) + email.substring(email.indexOf('@') + 2);
            default -> email;
        };
    }

    /** One of the forms a Vietnamese mobile number is typed in, from its local form 0XXXXXXXXX. */
    private String phoneForm(String local) {
        String national = local.substring(1);
        return switch (random.nextInt(6)) {
            case 0 -> local;
            case 1 -> "+84 " + national.substring(0, 3) + " " + national.substring(3, 6) + " " + national.substring(6);
            case 2 -> "84" + national;
            case 3 -> "(+84) " + national;
            case 4 -> local.substring(0, 4) + "." + local.substring(4, 7) + "." + local.substring(7);
            default -> local.substring(0, 4) + " " + local.substring(4, 7) + " " + local.substring(7);
        };
    }

    private String typo(String name) {
        if (name.length() < 4) {
            return name;
        }
        int at = 1 + random.nextInt(name.length() - 2);
        char[] chars = name.toCharArray();
        char swapped = chars[at];
        chars[at] = chars[at + 1];
        chars[at + 1] = swapped;
        return new String(chars);
    }

    private static String mask(String name) {
        return name.length() < 2 ? "*" : name.charAt(0) + "******" + name.charAt(name.length() - 1);
    }

    private static String digits(String phone) {
        return phone.replaceAll("\\D", "");
    }

    static String stripDiacritics(String text) {
        return Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
