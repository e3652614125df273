package io.mekong.sandbox;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ground truth of the sandbox's people: which source records the seeds made for one person, and which of them a
 * resolver can join on evidence the real APIs give. Every seed tells it, as it writes a customer or an order, whose
 * record that is ({@link #saw}) and what the real API shows of that person there: an email or a phone (normalised
 * here, whatever form the record types it in), or a reference to another record (an order's customer or marketplace
 * buyer id, a Stripe customer's metadata naming a Shopify customer). Masked values (Shopee's and Lazada's) are no
 * evidence and are never told. The identity quality evaluation and the default-run test compare profiles with it.
 *
 * <p>Evidence that two different people show (a shop's hotline, a courier's phone, a household phone) is no evidence
 * of either: {@link #joinable()} leaves it out, so each group it returns is one person's records that share honest
 * keys. A person whose records fall in two groups (a Shopee buyer who is also a Shopify customer) cannot be joined
 * honestly, and a resolver that joins them guessed.
 */
public final class SandboxPeople {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** A record that no person's truth is kept for: seeds built outside the default run tell it nothing. */
    public static final SandboxPeople UNRECORDED = new SandboxPeople(false);

    /**
     * One source record of a person as a simulator serves it.
     *
     * @param connector  the connector that reads it ({@code shopify}, {@code magento}, {@code shopee}...)
     * @param source     the simulated shop, store, seller or account (a Shopify domain, a Stripe account id...)
     * @param entity     {@code customer} or {@code order}
     * @param externalId the record's id as the source names it (the canonical external id)
     * @param person     who it is: {@code shopify/<domain>/<customer id>} for the shops' people, or the record of a
     *                   stranger who appears nowhere else
     * @param evidence   what the real API shows of the person there, normalised: {@code email:<lower case>},
     *                   {@code phone:<E.164>}, {@code ref:<connector>/<source>/<customer or buyer id>}
     */
    public record Sighting(String connector, String source, String entity, String externalId, String person,
                           Set<String> evidence) {

        public Sighting {
            evidence = Collections.unmodifiableSet(new LinkedHashSet<>(evidence));
        }

        public boolean isCustomer() {
            return entity.equals("customer");
        }
    }

    /** Records of one person that honest evidence joins; {@code keys} is the evidence they share. */
    public record Group(String person, List<Sighting> sightings, Set<String> keys) {
    }

    private final boolean recording;
    private final List<Sighting> sightings = new ArrayList<>();

    public SandboxPeople() {
        this(true);
    }

    private SandboxPeople(boolean recording) {
        this.recording = recording;
    }

    /** The person id of a customer of a source, as {@link Sighting#person} names the shops' people. */
    public static String person(String connector, String source, Object customerId) {
        return connector + "/" + source + "/" + customerId;
    }

    /** Evidence: an email as a record shows it (any case, spaces around). Null or blank is none. */
    public static String email(String email) {
        return email == null || email.isBlank() ? null : "email:" + email.trim().toLowerCase(Locale.ROOT);
    }

    /** Evidence: a phone in any form a record types it, read in {@code region} when it has no country code. */
    public static String phone(String phone, String region) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        if (phone.indexOf('*') >= 0) {
            throw new IllegalArgumentException("a masked phone (" + phone + ") is no evidence of anyone");
        }
        try {
            return "phone:" + PHONES.format(PHONES.parse(phone, region), PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("the seeds wrote a phone that is no number: " + phone, e);
        }
    }

    /** Evidence: a record's reference to a customer or buyer of a source (an order's, or Stripe metadata's). */
    public static String ref(String connector, String source, Object id) {
        return "ref:" + connector + "/" + source + "/" + id;
    }

    /** Tells the truth of one record; null evidence values (nothing shown) are skipped. */
    public synchronized void saw(String connector, String source, String entity, Object externalId, String person,
                                 String... evidence) {
        if (!recording) {
            return;
        }
        Set<String> shown = new LinkedHashSet<>();
        for (String e : evidence) {
            if (e != null) {
                shown.add(e);
            }
        }
        sightings.add(new Sighting(connector, source, entity, String.valueOf(externalId), person, shown));
    }

    public synchronized List<Sighting> sightings() {
        return List.copyOf(sightings);
    }

    /** Every person and their records, in the order the seeds wrote them. */
    public synchronized Map<String, List<Sighting>> byPerson() {
        Map<String, List<Sighting>> people = new LinkedHashMap<>();
        sightings.forEach(s -> people.computeIfAbsent(s.person(), p -> new ArrayList<>()).add(s));
        return people;
    }

    /** Evidence shown by more than one person: a hotline, a courier's or a household's phone. */
    public synchronized Map<String, Set<String>> sharedEvidence() {
        Map<String, Set<String>> people = new LinkedHashMap<>();
        sightings.forEach(s -> s.evidence().forEach(e -> people.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(s.person())));
        people.values().removeIf(p -> p.size() < 2);
        return people;
    }

    /**
     * The groups of records that honest evidence joins: records that share a key no other person shows, closed
     * over such keys. Each group is one person's; a person may have several (records with nothing in common).
     */
    public synchronized List<Group> joinable() {
        Set<String> shared = sharedEvidence().keySet();
        int[] parent = new int[sightings.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstWithKey = new HashMap<>();
        for (int i = 0; i < sightings.size(); i++) {
            for (String key : sightings.get(i).evidence()) {
                if (!shared.contains(key)) {
                    Integer first = firstWithKey.putIfAbsent(key, i);
                    if (first != null) {
                        parent[root(parent, i)] = root(parent, first);
                    }
                }
            }
        }
        Map<Integer, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < sightings.size(); i++) {
            Sighting s = sightings.get(i);
            Group group = groups.computeIfAbsent(root(parent, i), r -> new Group(s.person(), new ArrayList<>(), new LinkedHashSet<>()));
            group.sightings().add(s);
            s.evidence().stream().filter(e -> !shared.contains(e)).forEach(group.keys()::add);
        }
        return List.copyOf(groups.values());
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
