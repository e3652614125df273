package io.mekong.identity;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.JSONB;
import static io.mekong.store.BatchUpsert.Kind.TEXT;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mekong.config.Json;
import io.mekong.store.BatchUpsert;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a {@link Resolver.Resolution}: new profiles for groups that keep none, each identity's profile, a ledger row
 * for every join of separate profiles, the older ledger rows moved with the identities they joined, and the profiles
 * left empty deleted.
 */
final class ProfileWriter {

    static final BatchUpsert LEDGER = BatchUpsert.into("profile_merge")
            .column("workspace_id", TEXT).column("profile_id", BIGINT).column("rule", TEXT)
            .column("evidence", JSONB).column("joined", JSONB)
            .build();

    /** @param profiles every profile that gained or lost identities, kept, created or deleted */
    record Written(Set<Long> profiles, int merges) {
    }

    private final JdbcTemplate jdbc;

    ProfileWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param before   the loaded identities with their previous profiles
     * @param released profiles whose identities were deleted (a buyer or guest who is a customer's now): deleted too if
     *                 nothing is left in them
     * @param heirs    for a released profile, the identity that took its deleted one's place
     */
    Written write(String workspaceId, Resolver.Resolution resolution, Map<Long, Resolver.Identity> before,
                  Collection<Long> released, Map<Long, Long> heirs) {
        List<Resolver.Group> groups = resolution.groups();
        long needed = groups.stream().filter(g -> g.profileId() == null).count();
        List<Long> created = needed == 0 ? List.of() : jdbc.queryForList(
                "insert into profile (workspace_id) select ? from generate_series(1, ?) returning id", Long.class,
                workspaceId, needed);
        Map<Long, Long> profileOf = new HashMap<>();
        int next = 0;
        for (Resolver.Group group : groups) {
            long profile = group.profileId() != null ? group.profileId() : created.get(next++);
            group.identities().forEach(id -> profileOf.put(id, profile));
        }
        List<Long> ids = new ArrayList<>();
        List<Long> profiles = new ArrayList<>();
        Set<Long> changed = new TreeSet<>();
        Set<Long> previous = new TreeSet<>();
        profileOf.forEach((id, profile) -> {
            Long old = before.get(id).profileId();
            if (old != null) {
                previous.add(old);
            }
            if (!profile.equals(old)) {
                ids.add(id);
                profiles.add(profile);
                changed.add(profile);
                if (old != null) {
                    changed.add(old);
                }
            }
        });
        if (!ids.isEmpty()) {
            jdbc.update("""
                    update identity i set profile_id = u.profile, updated_at = now()
                      from unnest(?::bigint[], ?::bigint[]) as u(id, profile) where i.id = u.id""",
                    ids.toArray(Long[]::new), profiles.toArray(Long[]::new));
        }
        List<Object[]> ledger = resolution.merges().stream().map(merge -> new Object[] {workspaceId,
            profileOf.get(merge.sideA().get(0)), merge.rule(), json(evidence(merge)),
            json(Map.of("a", merge.sideA(), "b", merge.sideB()))}).toList();
        jdbc.execute((ConnectionCallback<Void>) c -> {
            LEDGER.execute(c, ledger);
            return null;
        });
        Set<Long> touched = new TreeSet<>(changed);
        touched.addAll(released);
        if (!touched.isEmpty()) {
            Long[] moved = touched.toArray(Long[]::new);
            // a ledger row stays with the profile of the first identity it joined
            jdbc.update("""
                    update profile_merge m set profile_id = i.profile_id from identity i
                     where m.profile_id = any(?) and i.id = (m.joined->'a'->>0)::bigint
                       and m.profile_id is distinct from i.profile_id""", (Object) moved);
            List<Long> deleted = jdbc.queryForList("delete from profile p where p.id = any(?)"
                    + " and not exists (select 1 from identity i where i.profile_id = p.id) returning p.id", Long.class,
                    (Object) moved);
            successors(workspaceId, deleted, before, profileOf, heirs);
        }
        Set<Long> all = new TreeSet<>(changed);
        all.addAll(previous);
        all.addAll(profileOf.values());
        return new Written(all, ledger.size());
    }

    /**
     * Records where each deleted profile's people went: the profile holding most of its identities now (a merge), else
     * the one holding the identity that replaced its released one. A profile emptied by a removal has none.
     */
    private void successors(String workspaceId, List<Long> deleted, Map<Long, Resolver.Identity> before,
                            Map<Long, Long> profileOf, Map<Long, Long> heirs) {
        if (deleted.isEmpty()) {
            return;
        }
        Set<Long> gone = Set.copyOf(deleted);
        Map<Long, Map<Long, Integer>> votes = new TreeMap<>();
        before.forEach((id, identity) -> {
            Long now = profileOf.get(id);
            if (identity.profileId() != null && gone.contains(identity.profileId()) && now != null) {
                votes.computeIfAbsent(identity.profileId(), p -> new TreeMap<>()).merge(now, 1, Integer::sum);
            }
        });
        List<Long> profiles = new ArrayList<>();
        List<Long> successors = new ArrayList<>();
        for (Long profile : gone) {
            Long successor = votes.containsKey(profile)
                    ? Collections.max(votes.get(profile).entrySet(), Map.Entry.comparingByValue()).getKey()
                    : heirs.containsKey(profile) ? profileOf.get(heirs.get(profile)) : null;
            if (successor != null) {
                profiles.add(profile);
                successors.add(successor);
            }
        }
        jdbc.update("""
                insert into profile_successor (profile_id, successor_id, workspace_id)
                select u.p, u.s, ? from unnest(?::bigint[], ?::bigint[]) as u(p, s)
                on conflict (profile_id) do update set successor_id = excluded.successor_id""",
                workspaceId, profiles.toArray(Long[]::new), successors.toArray(Long[]::new));
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ledger row cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> evidence(Resolver.Merge merge) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("key", merge.key().kind());
        evidence.put("value", merge.key().value());
        evidence.put("identities", merge.holders());
        return evidence;
    }
}
