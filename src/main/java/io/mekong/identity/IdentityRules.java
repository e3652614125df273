package io.mekong.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code identity.yaml}: how identities are keyed and which shared keys join them into one profile. Read by
 * {@link IdentityRulesLoader}; documented in docs/identity.md.
 *
 * @param emails the email matching form beyond trimming and case
 * @param rules  the match rules in priority order (earlier rules join first, which decides the ledger's rule when two
 *               rules would join the same identities)
 * @param guards what keeps a shared key from joining strangers
 * @param golden the golden record's survivorship (read by the golden record, not here)
 */
public record IdentityRules(EmailRules emails, List<Rule> rules, Guards guards, JsonNode golden) {

    /** The key kinds a rule may join on. */
    public static final List<String> KEY_KINDS = List.of("email", "phone", "link", "phone_name");

    public IdentityRules {
        emails = emails == null ? new EmailRules(false, List.of()) : emails;
        rules = rules == null ? List.of() : List.copyOf(rules);
        guards = guards == null ? new Guards(null, null) : guards;
    }

    /** The rules that take part in resolution, in priority order. */
    public List<Rule> enabledRules() {
        return rules.stream().filter(rule -> rule.enabled()).toList();
    }

    /** The key kinds some enabled rule joins on: only these are stored as keys. */
    public Set<String> keyKinds() {
        return enabledRules().stream().map(Rule::key).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param gmail          Gmail's own rules: dots and a {@code +tag} in the local part are ignored, and googlemail.com is
     *                       gmail.com (off unless set: a merchant may not want them)
     * @param plusTagDomains other domains whose {@code +tag} is dropped from the local part (e.g. outlook.com)
     */
    public record EmailRules(boolean gmail, List<String> plusTagDomains) {

        public EmailRules {
            plusTagDomains = plusTagDomains == null ? List.of() : List.copyOf(plusTagDomains);
        }
    }

    /**
     * @param name    the rule's name, written in the merge ledger (same-email, same-phone, ...)
     * @param key     the key kind it joins on
     * @param enabled false: neither keys nor joins of this kind
     * @param links   for {@code key: link} only: which source field names which connector's customer
     * @param names   {@code any} (default): every holder of a key joins; {@code compatible}: holders join only when
     *                their names could be one person's ({@link Names#compatible}), and a holder without a name only
     *                when the named holders are one person, so a household's shared phone keeps its people apart
     */
    public record Rule(String name, String key, Boolean enabled, List<Link> links, String names) {

        public static final List<String> NAME_CHECKS = List.of("any", "compatible");

        public Rule {
            enabled = enabled == null || enabled;
            links = links == null ? List.of() : List.copyOf(links);
            names = names == null ? "any" : names;
        }

        public boolean namesMustAgree() {
            return names.equals("compatible");
        }
    }

    /**
     * A source link: a customer of connector {@code from} whose {@code field} (a dotted path inside the customer's
     * attributes, e.g. {@code metadata.shopify_customer_id}) names the id of a customer of connector {@code to}.
     */
    public record Link(String from, String field, String to) {
    }

    /**
     * @param maxNamesPerKey a key held by identities with more distinct (folded) names than this stops being a key: a
     *                       shop's hotline, {@code info@}, a courier's phone
     * @param blocklist      per key kind, values that are never keys: exact values or patterns where {@code *} is any
     *                       run of characters, compared with the normalised value
     */
    public record Guards(Integer maxNamesPerKey, Map<String, List<String>> blocklist) {

        public Guards {
            maxNamesPerKey = maxNamesPerKey == null ? 3 : maxNamesPerKey;
            blocklist = blocklist == null ? Map.of() : Map.copyOf(blocklist);
        }
    }
}
