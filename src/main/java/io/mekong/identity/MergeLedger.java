package io.mekong.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.config.Json;
import io.mekong.ops.RefusedChange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The merge ledger's operations: reading a profile's merges, undoing one (a do-not-merge pair between every identity of
 * one side and every identity of the other, then the component resolved again), rebuilding a workspace, and the keys
 * the guards took out of play. Each write runs in one transaction under the workspace's resolution lock.
 */
@Service
public class MergeLedger {

    /** One ledger row. */
    public record Merge(long id, Long profileId, String rule, JsonNode evidence, JsonNode joined, Instant mergedAt,
                        Instant undoneAt, String undoneBy) {
    }

    /** What an unmerge did: the profiles the two sides are in now. */
    public record Unmerged(List<Long> profiles) {
    }

    /** @param profiles the workspace's profiles after the rebuild */
    public record Rebuilt(int profiles, int identities, int merges, long tookMs) {
    }

    /**
     * A key that joins nothing because more people (by name, {@link Names#people}) hold it than {@code guards.maxNamesPerKey} allows.
     *
     * @param value masked partly: enough to recognise, not to read out
     */
    public record GuardedKey(String kind, String value, int names, int identities) {
    }

    public sealed interface UnmergeRefusal permits UnknownMerge, AlreadyUndone {
    }

    /** The merge is not one of this profile's. */
    public record UnknownMerge() implements UnmergeRefusal {
    }

    public record AlreadyUndone(Instant undoneAt) implements UnmergeRefusal {
    }

    /** Thrown when an unmerge cannot be done; the controller answers 404 or 409, the console says why. */
    public static final class Refused extends RefusedChange {
        private final transient UnmergeRefusal refusal;

        Refused(UnmergeRefusal refusal, String code, String message, Object... args) {
            super(refusal instanceof UnknownMerge ? Reason.NOT_FOUND : Reason.CONFLICT, null, code, message, args);
            this.refusal = refusal;
        }

        public UnmergeRefusal refusal() {
            return refusal;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final IdentityResolution resolution;
    private final IdentityRules rules;

    public MergeLedger(JdbcTemplate jdbc, TransactionTemplate transaction, IdentityResolution resolution,
                       IdentityRules rules) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.resolution = resolution;
        this.rules = rules;
    }

    /** The workspace of a profile, or empty when there is no such profile. */
    public Optional<String> workspaceOf(long profileId) {
        return jdbc.queryForList("select workspace_id from profile where id = ?", String.class, profileId).stream().findFirst();
    }

    public boolean workspaceExists(String workspaceId) {
        return !jdbc.queryForList("select 1 from workspace where id = ?", Integer.class, workspaceId).isEmpty();
    }

    /** A profile's merges, oldest first. */
    public List<Merge> merges(long profileId) {
        return jdbc.query("""
                select id, profile_id, rule, evidence::text, joined::text, merged_at, undone_at, undone_by
                  from profile_merge where profile_id = ? order by id""", MergeLedger::merge, profileId);
    }

    /**
     * Undoes merge {@code mergeId} of profile {@code profileId} in workspace {@code workspaceId}.
     *
     * @param by who asked (written to the ledger and the do-not-merge pairs)
     * @throws Refused when the merge is not this profile's or was undone already
     */
    public Unmerged unmerge(String workspaceId, long profileId, long mergeId, String by) {
        return transaction.execute(status -> {
            resolution.lock(workspaceId);
            List<Merge> found = jdbc.query("""
                    select id, profile_id, rule, evidence::text, joined::text, merged_at, undone_at, undone_by
                      from profile_merge where id = ? and workspace_id = ? for update""", MergeLedger::merge,
                    mergeId, workspaceId);
            if (found.isEmpty() || !Long.valueOf(profileId).equals(found.get(0).profileId())) {
                throw new Refused(new UnknownMerge(), "customers.merges.refused.unknown",
                        "profile " + profileId + " has no merge " + mergeId, String.valueOf(mergeId));
            }
            Merge merge = found.get(0);
            if (merge.undoneAt() != null) {
                throw new Refused(new AlreadyUndone(merge.undoneAt()), "customers.merges.refused.undone",
                        "merge " + mergeId + " was undone at " + merge.undoneAt() + " by " + merge.undoneBy(),
                        merge.undoneBy());
            }
            List<Long> a = ids(merge.joined().get("a"));
            List<Long> b = ids(merge.joined().get("b"));
            List<Long> first = new ArrayList<>();
            List<Long> second = new ArrayList<>();
            for (long x : a) {
                for (long y : b) {
                    first.add(Math.min(x, y));
                    second.add(Math.max(x, y));
                }
            }
            // identities erased or removed since the merge have no pair to keep
            jdbc.update("""
                    insert into do_not_merge (workspace_id, identity_a, identity_b, reason, created_by)
                    select ?, p.a, p.b, ?, ? from unnest(?::bigint[], ?::bigint[]) as p(a, b)
                     where exists (select 1 from identity where id = p.a) and exists (select 1 from identity where id = p.b)
                    on conflict do nothing""", workspaceId, "unmerge of merge " + mergeId + " (" + merge.rule() + ")", by,
                    first.toArray(Long[]::new), second.toArray(Long[]::new));
            jdbc.update("update profile_merge set undone_at = now(), undone_by = ? where id = ?", by, mergeId);
            List<Long> joined = new ArrayList<>(a);
            joined.addAll(b);
            resolution.resolve(workspaceId, joined, List.of(profileId), Map.of(), System.nanoTime());
            TreeSet<Long> profiles = new TreeSet<>(jdbc.queryForList(
                    "select profile_id from identity where id = any(?) and profile_id is not null", Long.class,
                    (Object) joined.toArray(Long[]::new)));
            return new Unmerged(List.copyOf(profiles));
        });
    }

    /** Rebuilds every identity and profile of a workspace from its records; the same records give the same profiles. */
    public Rebuilt rebuild(String workspaceId) {
        return transaction.execute(status -> {
            resolution.lock(workspaceId);
            IdentityResolution.Outcome outcome = resolution.rebuild(workspaceId);
            int profiles = jdbc.queryForObject("select count(*) from profile where workspace_id = ?", Integer.class, workspaceId);
            return new Rebuilt(profiles, outcome.identities(), outcome.merges(), outcome.tookMs());
        });
    }

    /** The keys of a workspace that the name guard takes out of play, most names first. */
    public List<GuardedKey> guardedKeys(String workspaceId, int limit) {
        // more distinct spellings than allowed is where to look; how many people they are decides (Names.people)
        List<GuardedKey> guarded = new ArrayList<>();
        jdbc.query("""
                select k.kind, k.value, array_agg(distinct i.name_folded order by i.name_folded), count(*)
                  from identity_key k join identity i on i.id = k.identity_id
                 where k.workspace_id = ? and k.kind = any(?)
                 group by k.kind, k.value having count(distinct i.name_folded) > ?""", rs -> {
            int people = Names.people(Arrays.asList((String[]) rs.getArray(3).getArray()));
            if (people > rules.guards().maxNamesPerKey()) {
                guarded.add(new GuardedKey(rs.getString(1), mask(rs.getString(2)), people, rs.getInt(4)));
            }
        }, workspaceId, rules.keyKinds().toArray(String[]::new), rules.guards().maxNamesPerKey());
        return guarded.stream().sorted(Comparator.comparingInt(GuardedKey::names).reversed()
                .thenComparing(GuardedKey::kind).thenComparing(GuardedKey::value)).limit(limit).toList();
    }

    /** Keeps the first two and last two characters: {@code +84901234567} → {@code +8********67}. */
    static String mask(String value) {
        if (value.length() <= 4) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 2) + "*".repeat(value.length() - 4) + value.substring(value.length() - 2);
    }

    private static Merge merge(ResultSet rs, int row) throws SQLException {
        Timestamp undone = rs.getTimestamp(7);
        return new Merge(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3), tree(rs.getString(4)),
                tree(rs.getString(5)), rs.getTimestamp(6).toInstant(), undone == null ? null : undone.toInstant(),
                rs.getString(8));
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        if (array != null) {
            array.forEach(id -> ids.add(id.asLong()));
        }
        return ids;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ledger row holds invalid JSON", e);
        }
    }
}
