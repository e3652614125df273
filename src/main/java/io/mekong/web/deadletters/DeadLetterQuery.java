package io.mekong.web.deadletters;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionService;
import io.mekong.ops.NotInWorkspaceException;
import io.mekong.ops.WorkspaceScope;
import io.mekong.store.DeadLetterFilter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dead-letter filter as the console's form sends it: a connection by the id the merchant knows it by, dates as
 * days of the workspace's time zone (both inclusive), blanks meaning "any".
 *
 * @param workspace for those who see every workspace: narrows the list, and names the connection's workspace
 */
public record DeadLetterQuery(String connection, String workspace, String entity, String reason, String status, String from,
                       String to) {

    public DeadLetterQuery {
        connection = blankToNull(connection);
        workspace = blankToNull(workspace);
        entity = blankToNull(entity);
        reason = blankToNull(reason);
        status = blankToNull(status);
        from = blankToNull(from);
        to = blankToNull(to);
    }

    /** A filter field the page cannot use as sent: shown next to {@code field} with the message {@code key}. */
    static final class InvalidFilter extends IllegalArgumentException {
        final String field;
        final String key;
        final String value;

        InvalidFilter(String field, String key, String value) {
            super(field + ": " + value);
            this.field = field;
            this.key = key;
            this.value = value;
        }
    }

    /**
     * @throws InvalidFilter naming a date field that holds no date, or a connection id several workspaces use
     * @throws io.mekong.ops.NotInWorkspaceException for a connection the caller does not see
     */
    DeadLetterFilter filter(ConnectionService connections, WorkspaceScope scope, ZoneId zone) {
        String inWorkspace = scope.workspaceToList(workspace);
        String connectionId = null;
        if (connection != null) {
            List<Connection> found = connections.findByApiId(inWorkspace, connection);
            if (found.isEmpty()) {
                throw new NotInWorkspaceException(NotInWorkspaceException.Kind.CONNECTION, connection);
            }
            if (found.size() > 1) {
                throw new InvalidFilter("connection", "deadletters.error.ambiguous", connection);
            }
            connectionId = found.get(0).id();
            inWorkspace = found.get(0).workspaceId();
        }
        return new DeadLetterFilter(inWorkspace, connectionId, entity, reason, status,
                day("from", from) == null ? null : day("from", from).atStartOfDay(zone).toInstant(),
                day("to", to) == null ? null : day("to", to).plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The query's parameters, for links and redirects that keep the filter (blanks left out). */
    public Map<String, String> parameters() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("connection", connection);
        all.put("workspace", workspace);
        all.put("entity", entity);
        all.put("reason", reason);
        all.put("status", status);
        all.put("from", from);
        all.put("to", to);
        all.values().removeIf(v -> v == null);
        return all;
    }

    /** {@code path} with this filter as its query string. */
    public String link(String path) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        parameters().forEach(uri::queryParam);
        return uri.encode().build().toUriString();
    }

    private static LocalDate day(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFilter(field, "deadletters.error.date", text);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
