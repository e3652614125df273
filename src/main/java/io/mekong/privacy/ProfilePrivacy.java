package io.mekong.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.ops.NotInWorkspaceException;
import io.mekong.ops.WorkspaceScope;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A person's rights over the data held on them, as people exercise them through the API and the console: erasure
 * (GDPR art. 17) and the export (art. 15, 20) of a profile, and finding the data requests that recorded them (erasure
 * requests: {@link ErasureRequests}). Every id is looked up within the caller's workspace: another workspace's profile
 * or data request is not found.
 */
@Service
public class ProfilePrivacy {

    /** What a privacy call names by id: its table, and how an error names it. */
    public enum Held {
        PROFILE("profile", NotInWorkspaceException.Kind.PROFILE),
        DATA_REQUEST("data_request", NotInWorkspaceException.Kind.DATA_REQUEST);

        private final String table;
        private final NotInWorkspaceException.Kind kind;

        Held(String table, NotInWorkspaceException.Kind kind) {
            this.table = table;
            this.kind = kind;
        }
    }

    private final Erasures erasures;
    private final ProfileExport export;
    private final WorkspaceScope scope;
    private final JdbcTemplate jdbc;

    ProfilePrivacy(Erasures erasures, ProfileExport export, WorkspaceScope scope, JdbcTemplate jdbc) {
        this.erasures = erasures;
        this.export = export;
        this.scope = scope;
        this.jdbc = jdbc;
    }

    /**
     * Erases the person everywhere Mekong holds them; the targets follow through the erasure event.
     *
     * @param origin where it was asked ({@code api}, {@code console}); @param by who asked
     * @return the erasure request's id
     */
    public long erase(long profileId, String namedWorkspace, String origin, String by) {
        return erasures.erase(owner(Held.PROFILE, profileId, namedWorkspace), profileId, List.of(), List.of(), origin, by);
    }

    /** Everything held about the person, as one JSON document. */
    public JsonNode export(long profileId, String namedWorkspace) {
        return export.export(owner(Held.PROFILE, profileId, namedWorkspace), profileId, List.of());
    }

    /**
     * The workspace of {@code id}, when the caller may see it (and it is in {@code namedWorkspace}, if named).
     *
     * @throws NotInWorkspaceException when there is no such row for the caller
     */
    public String owner(Held held, long id, String namedWorkspace) {
        String owner = jdbc.query("select workspace_id from " + held.table + " where id = ?",
                (rs, i) -> rs.getString(1), id).stream().findFirst().orElse(null);
        String confined = scope.workspaceToList(namedWorkspace);
        if (owner == null || (confined != null && !Objects.equals(confined, owner))) {
            throw new NotInWorkspaceException(held.kind, id);
        }
        return owner;
    }
}
