package io.mekong.identity;

import io.mekong.store.StoredRecordsListener;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Resolution inside the store transaction: the stored customers and orders update their identities and keys, the
 * connected components around them are resolved again ({@link Resolver}), profiles and the merge ledger are written
 * and every {@link ProfileListener} is told which profiles changed, all before the page commits. One workspace resolves
 * one change at a time (a transaction-scoped advisory lock), so a sync and a webhook batch never resolve one component
 * concurrently; workspaces never meet.
 */
@Service
public class IdentityResolution implements StoredRecordsListener {

    private static final Logger log = LoggerFactory.getLogger(IdentityResolution.class);
    /** Per payment entity: the profiles whose customer identities the stored payments (connection, keys) belong to. */
    private static final Map<String, String> PAYMENTS_OF_PROFILES = Map.of(
            "payment", profilesOf("select customer_external_id from payment where connection_id = ? and external_id = any(?)"),
            "charge", profilesOf("select customer_external_id from payment_charge where connection_id = ? and external_id = any(?)"),
            "refund", profilesOf("""
                    select coalesce(c.customer_external_id, p.customer_external_id) from payment_refund r
                      left join payment_charge c on c.connection_id = r.connection_id and c.external_id = r.charge_external_id
                      left join payment p on p.connection_id = r.connection_id and p.external_id = r.payment_external_id
                     where r.connection_id = ? and r.external_id = any(?)"""));

    /** @param customers the customer references of the stored rows, given the connection and the keys */
    private static String profilesOf(String customers) {
        return "select distinct i.profile_id from identity i where i.kind = 'customer' and i.profile_id is not null"
                + " and i.connection_id = ? and i.external_id in (" + customers + ")";
    }

    /** What one resolution did. */
    public record Outcome(int identities, Set<Long> profiles, int merges, long tookMs) {
    }

    private final JdbcTemplate jdbc;
    private final IdentityIndex index;
    private final Components components;
    private final Resolver resolver;
    private final ProfileWriter writer;
    private final ObjectProvider<ProfileListener> listeners;

    public IdentityResolution(JdbcTemplate jdbc, IdentityRules rules, ObjectProvider<ProfileListener> listeners) {
        this.jdbc = jdbc;
        this.index = new IdentityIndex(jdbc, rules);
        this.components = new Components(jdbc, rules);
        this.resolver = Resolver.of(rules);
        this.writer = new ProfileWriter(jdbc);
        this.listeners = listeners;
    }

    @Override
    public void stored(String connectionId, String entity, Collection<String> externalIds) {
        boolean payment = PAYMENTS_OF_PROFILES.containsKey(entity);
        if (!payment && !entity.equals("customer") && !entity.equals("order")) {
            return;
        }
        long started = System.nanoTime();
        String workspaceId = jdbc.queryForObject("select workspace_id from connection where id = ?", String.class, connectionId);
        // a resolution merging or splitting the same profiles must not commit between their totals' read and write
        lock(workspaceId);
        if (payment) {
            // a payment is no identity, but it counts in its customer's profile totals
            tell(workspaceId, new HashSet<>(jdbc.queryForList(PAYMENTS_OF_PROFILES.get(entity), Long.class, connectionId, connectionId,
                    externalIds.toArray(String[]::new))));
            return;
        }
        IdentityIndex.Touched touched = index.records(workspaceId, connectionId, entity, externalIds);
        Outcome outcome = resolve(workspaceId, touched.identities(), touched.profiles(), touched.heirs(), started);
        log.debug("Resolved {} {} record(s) of {}: {} identities in the component(s), {} profile(s) changed, {} merge(s), {} ms",
                externalIds.size(), entity, connectionId, outcome.identities(), outcome.profiles().size(),
                outcome.merges(), outcome.tookMs());
    }

    /**
     * Resolves again the components around some identities and the members of some profiles. The caller holds the
     * workspace's lock ({@link #lock}) in its transaction.
     */
    Outcome resolve(String workspaceId, Collection<Long> identities, Collection<Long> profiles, Map<Long, Long> heirs,
                    long started) {
        Set<Long> seeds = new HashSet<>(identities);
        if (!profiles.isEmpty()) {
            seeds.addAll(jdbc.queryForList("select id from identity where profile_id = any(?)", Long.class,
                    (Object) profiles.toArray(Long[]::new)));
        }
        Components.Loaded loaded = components.around(workspaceId, seeds);
        ProfileWriter.Written written = writer.write(workspaceId, resolver.resolve(loaded.evidence()), loaded.identities(),
                profiles, heirs);
        Set<Long> changed = new HashSet<>(written.profiles());
        changed.addAll(profiles);
        tell(workspaceId, changed);
        return new Outcome(loaded.identities().size(), changed, written.merges(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Resolves again the members of profiles that lost identities (removed with their connection): a profile joined
     * only through them splits, and every listener is told. The caller holds the workspace's lock ({@link #lock}).
     */
    public Outcome resolveProfiles(String workspaceId, Collection<Long> profiles) {
        return resolve(workspaceId, List.of(), profiles, Map.of(), System.nanoTime());
    }

    /** Every identity and profile of a workspace rebuilt from its records; the caller holds the workspace's lock. */
    Outcome rebuild(String workspaceId) {
        long started = System.nanoTime();
        IdentityIndex.Touched touched = index.workspace(workspaceId);
        Components.Loaded loaded = components.workspace(workspaceId);
        ProfileWriter.Written written = writer.write(workspaceId, resolver.resolve(loaded.evidence()), loaded.identities(),
                touched.profiles(), touched.heirs());
        Set<Long> changed = new HashSet<>(written.profiles());
        changed.addAll(touched.profiles());
        tell(workspaceId, changed);
        return new Outcome(loaded.identities().size(), changed, written.merges(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Serialises resolution per workspace until the transaction ends. Whatever else writes identities, keys, profiles
     * or the ledger (an erasure, a shop's removal) takes it too, after its writes to source records (a store
     * transaction holds those rows when it asks for the lock, so taking it first could deadlock).
     */
    public void lock(String workspaceId) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended('mekong.identity:' || ?, 0))", rs -> {
        }, workspaceId);
    }

    private void tell(String workspaceId, Set<Long> changed) {
        if (!changed.isEmpty()) {
            Set<Long> ids = Set.copyOf(changed);
            List<ProfileListener> all = listeners.orderedStream().toList();
            all.forEach(listener -> listener.profilesChanged(workspaceId, ids));
        }
    }
}
