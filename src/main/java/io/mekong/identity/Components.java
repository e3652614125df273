package io.mekong.identity;

import java.sql.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads the evidence of the connected components around some identities: every identity reachable through usable
 * shared keys or a shared profile, their keys, the people (by name) behind each key across the whole workspace, and the
 * do-not-merge pairs among them. A key held by too many names is not followed; only those of its holders that share a
 * profile with another holder are loaded (the key may have joined them before it was guarded, and must now let go).
 */
final class Components {

    /** The evidence and, by id, the identities loaded (for their previous profiles). */
    record Loaded(Resolver.Evidence evidence, Map<Long, Resolver.Identity> identities) {
    }

    private final JdbcTemplate jdbc;
    private final String[] kinds;
    private final int maxNamesPerKey;

    Components(JdbcTemplate jdbc, IdentityRules rules) {
        this.jdbc = jdbc;
        this.kinds = rules.keyKinds().toArray(String[]::new);
        this.maxNamesPerKey = rules.guards().maxNamesPerKey();
    }

    Loaded around(String workspaceId, Collection<Long> seeds) {
        Map<Long, Resolver.Identity> members = new TreeMap<>();
        Map<Long, List<Resolver.Key>> keys = new HashMap<>();
        Map<Resolver.Key, Integer> namesPerKey = new HashMap<>();
        Set<Long> seenProfiles = new HashSet<>();
        Set<Long> frontier = new HashSet<>(seeds);
        while (!frontier.isEmpty()) {
            Long[] ids = frontier.stream().filter(id -> !members.containsKey(id)).toArray(Long[]::new);
            frontier = new HashSet<>();
            if (ids.length == 0) {
                break;
            }
            List<Long> profiles = new ArrayList<>();
            jdbc.query("select id, profile_id, name_folded from identity where id = any(?) and workspace_id = ?", rs -> {
                Long profile = rs.getObject(2, Long.class);
                members.put(rs.getLong(1), new Resolver.Identity(rs.getLong(1), profile, rs.getString(3)));
                if (profile != null && seenProfiles.add(profile)) {
                    profiles.add(profile);
                }
            }, ids, workspaceId);
            if (!profiles.isEmpty()) {
                frontier.addAll(jdbc.queryForList("select id from identity where profile_id = any(?)", Long.class,
                        (Object) profiles.toArray(Long[]::new)));
            }
            List<Resolver.Key> fresh = new ArrayList<>();
            jdbc.query("select identity_id, kind, value from identity_key where identity_id = any(?) and kind = any(?)", rs -> {
                Resolver.Key key = new Resolver.Key(rs.getString(2), rs.getString(3));
                keys.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(key);
                if (!namesPerKey.containsKey(key)) {
                    namesPerKey.put(key, 0);
                    fresh.add(key);
                }
            }, ids, kinds);
            if (!fresh.isEmpty()) {
                frontier.addAll(holders(workspaceId, fresh, namesPerKey));
            }
            frontier.removeAll(members.keySet());
        }
        List<long[]> cannotLink = new ArrayList<>();
        Long[] all = members.keySet().toArray(Long[]::new);
        jdbc.query("select identity_a, identity_b from do_not_merge where identity_a = any(?) and identity_b = any(?)",
                rs -> {
                    cannotLink.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }, all, all);
        return new Loaded(new Resolver.Evidence(members.values(), keys, namesPerKey, cannotLink), members);
    }

    /** Counts each key's names workspace-wide (up to one past the guard's limit) and returns the holders to follow. */
    private Set<Long> holders(String workspaceId, List<Resolver.Key> keys, Map<Resolver.Key, Integer> namesPerKey) {
        Set<Long> follow = new HashSet<>();
        jdbc.query("""
                select k.kind, k.value, array_agg(distinct i.name_folded order by i.name_folded), array_agg(i.id),
                       array_agg(i.profile_id)
                  from unnest(?::text[], ?::text[]) as q(kind, value)
                  join identity_key k on k.workspace_id = ? and k.kind = q.kind and k.value = q.value
                  join identity i on i.id = k.identity_id
                 group by k.kind, k.value""", rs -> {
            Resolver.Key key = new Resolver.Key(rs.getString(1), rs.getString(2));
            int names = Names.people(java.util.Arrays.asList((String[]) rs.getArray(3).getArray()), maxNamesPerKey + 1);
            namesPerKey.put(key, names);
            Long[] holders = longs(rs.getArray(4));
            if (names <= maxNamesPerKey) {
                follow.addAll(List.of(holders));
                return;
            }
            Long[] profiles = longs(rs.getArray(5));
            Map<Long, Integer> perProfile = new HashMap<>();
            for (Long profile : profiles) {
                if (profile != null) {
                    perProfile.merge(profile, 1, Integer::sum);
                }
            }
            for (int h = 0; h < holders.length; h++) {
                if (profiles[h] != null && perProfile.get(profiles[h]) > 1) {
                    follow.add(holders[h]);
                }
            }
        }, keys.stream().map(Resolver.Key::kind).toArray(String[]::new),
                keys.stream().map(Resolver.Key::value).toArray(String[]::new), workspaceId);
        return follow;
    }

    private static Long[] longs(Array array) throws java.sql.SQLException {
        Object[] values = (Object[]) array.getArray();
        Long[] longs = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i] == null ? null : ((Number) values[i]).longValue();
        }
        return longs;
    }

    /** Every identity of a workspace with its keys and its do-not-merge pairs: the rebuild's evidence. */
    Loaded workspace(String workspaceId) {
        Map<Long, Resolver.Identity> members = new TreeMap<>();
        jdbc.query("select id, profile_id, name_folded from identity where workspace_id = ?", rs -> {
            members.put(rs.getLong(1), new Resolver.Identity(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3)));
        }, workspaceId);
        Map<Long, List<Resolver.Key>> keys = new HashMap<>();
        jdbc.query("select identity_id, kind, value from identity_key where workspace_id = ? and kind = any(?)", rs -> {
            keys.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(new Resolver.Key(rs.getString(2), rs.getString(3)));
        }, workspaceId, kinds);
        List<long[]> cannotLink = new ArrayList<>();
        jdbc.query("select identity_a, identity_b from do_not_merge where workspace_id = ?", rs -> {
            cannotLink.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }, workspaceId);
        return new Loaded(new Resolver.Evidence(members.values(), keys, Map.of(), cannotLink), members);
    }
}
