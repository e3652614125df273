package io.mekong.identity.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person's consent per channel ({@code email}, {@code sms}): each source record's current word (its last
 * statement on the channel), of which {@link ConsentPrecedence} picks one. A channel no record speaks of is absent.
 */
@Component
public class Consents {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The last statement per (customer, channel) of the customers selected by the {@code where} clause. */
    private static final String CURRENT_WORDS = """
            select distinct on (s.customer_id, s.channel) s.id, s.channel, s.status, s.field, s.connection_id,
                   c.connector, s.received_at, s.evidence::text as evidence,
                   -- a statement is never taken as made after it was received (least() alone would turn null into
                   -- received_at)
                   case when s.stated_at is not null then least(s.stated_at, s.received_at) end as stated_at
              from consent_statement s
              join connection c on c.id = s.connection_id
             where %s
             order by s.customer_id, s.channel, s.id desc""";

    private final JdbcTemplate jdbc;

    public Consents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The consents of every source customer record of the profile (through the profile_customer view). */
    public Map<String, ConsentView> forProfile(long profileId) {
        return decide(jdbc.query(CURRENT_WORDS.formatted(
                "s.customer_id in (select customer_id from profile_customer where profile_id = ?)"), Consents::statement,
                profileId));
    }

    /** The consents of many profiles at once: a profile without a statement is absent. */
    public Map<Long, Map<String, ConsentView>> forProfiles(Collection<Long> profileIds) {
        Map<Long, List<Channelled>> byProfile = new HashMap<>();
        jdbc.query("select pc.profile_id, w.* from profile_customer pc cross join lateral ("
                + CURRENT_WORDS.formatted("s.customer_id = pc.customer_id") + ") w where pc.profile_id = any(?)", rs -> {
                    byProfile.computeIfAbsent(rs.getLong("profile_id"), k -> new ArrayList<>()).add(statement(rs, 0));
                }, (Object) profileIds.toArray(Long[]::new));
        Map<Long, Map<String, ConsentView>> consents = new HashMap<>();
        byProfile.forEach((profile, statements) -> consents.put(profile, decide(statements)));
        return consents;
    }

    /** The consents of one source customer record (customer.id). */
    public Map<String, ConsentView> forCustomer(long customerId) {
        return decide(jdbc.query(CURRENT_WORDS.formatted("s.customer_id = ?"), Consents::statement, customerId));
    }

    private static Map<String, ConsentView> decide(List<Channelled> statements) {
        Map<String, List<ConsentStatement>> byChannel = new TreeMap<>();
        for (Channelled s : statements) {
            byChannel.computeIfAbsent(s.channel(), k -> new ArrayList<>()).add(s.statement());
        }
        Map<String, ConsentView> consents = new LinkedHashMap<>();
        byChannel.forEach((channel, candidates) -> ConsentPrecedence.winner(candidates)
                .ifPresent(winner -> consents.put(channel, winner.view())));
        return consents;
    }

    private static Channelled statement(ResultSet rs, int n) throws SQLException {
        ConsentView view = new ConsentView(rs.getString("status"),
                new ConsentView.Source(rs.getString("connection_id"), rs.getString("connector"), rs.getString("field")),
                rs.getTimestamp("stated_at") == null ? null : rs.getTimestamp("stated_at").toInstant(),
                evidence(rs.getString("evidence")));
        return new Channelled(rs.getString("channel"),
                new ConsentStatement(view, rs.getTimestamp("received_at").toInstant(), rs.getLong("id")));
    }

    private static JsonNode evidence(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("consent_statement.evidence is not JSON", e);
        }
    }

    private record Channelled(String channel, ConsentStatement statement) {
    }
}
