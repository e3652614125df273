package io.mekong.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People and their roles: what an admin does to users (through the API and the console), and the password change
 * every user makes for themselves. Each change is audited in its own transaction, and every change of a user
 * (password, role, workspace, enabled, deletion) forgets their entries in the Basic credential cache at once.
 */
@Service
public class UserAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");

    private final AppUsers users;
    private final Workspaces workspaces;
    private final VerifiedCredentials credentials;
    private final AuditLog audit;

    UserAccounts(AppUsers users, Workspaces workspaces, VerifiedCredentials credentials, AuditLog audit) {
        this.users = users;
        this.workspaces = workspaces;
        this.credentials = credentials;
        this.audit = audit;
    }

    /** A new user; {@code workspace} is required for a merchant and refused for the other roles. */
    public record NewUser(String username, String password, String role, String workspace) {
    }

    /** A change of role, workspace or enabled flag; a null field keeps its current value. */
    public record Change(String role, String workspace, Boolean enabled) {
    }

    public List<AppUsers.Account> list() {
        return users.list();
    }

    public AppUsers.Account get(String username) {
        return users.find(username).orElseThrow(() -> RefusedChange.notFound("admin.error.user-unknown",
                "User " + username + " not found", username));
    }

    @Transactional
    public AppUsers.Account create(NewUser user) {
        String username = user.username() == null ? "" : user.username().trim();
        if (!USERNAME.matcher(username).matches()) {
            throw RefusedChange.invalid("username", "admin.error.username-invalid", "username must be 2-64 lower-case letters, "
                    + "digits or . _ @ -, starting with a letter or digit");
        }
        Role role = role(user.role());
        String workspace = workspace(role, blankToNull(user.workspace()));
        PasswordPolicy.check("password", username, user.password());
        if (users.exists(username)) {
            throw RefusedChange.conflict("admin.error.user-exists", "A user named " + username + " already exists", username);
        }
        users.create(username, user.password(), role, workspace);
        audit.record(workspace, "created", "user", username, details(role, workspace, true));
        return get(username);
    }

    @Transactional
    public AppUsers.Account update(String username, Change change) {
        AppUsers.Account current = get(username);
        Role role = change.role() == null ? current.role() : role(change.role());
        String requested = change.workspace() == null && role == current.role() ? current.workspace()
                : blankToNull(change.workspace());
        String workspace = workspace(role, requested);
        boolean enabled = change.enabled() == null ? current.enabled() : change.enabled();
        if (role != Role.ADMIN || !enabled) {
            keepAnAdmin(current, "demote or disable");
        }
        users.update(username, role, workspace, enabled);
        // a remembered Basic sign-in carries the old role and workspace: the next request must read the new ones
        credentials.forget(username);
        String action = enabled == current.enabled() ? "updated" : enabled ? "enabled" : "disabled";
        audit.record(workspace, action, "user", username, details(role, workspace, enabled));
        return get(username);
    }

    @Transactional
    public void delete(String username) {
        AppUsers.Account current = get(username);
        keepAnAdmin(current, "delete");
        users.delete(username);
        credentials.forget(username);
        audit.record(current.workspace(), "deleted", "user", username, Map.of());
    }

    /** The signed-in user's own password change: the current password proves it is them. */
    @Transactional
    public void changeOwnPassword(String current, String replacement) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String username = auth.getName();
        AppUsers.Account account = get(username);
        if (current == null || !users.passwordMatches(username, current)) {
            throw RefusedChange.invalid("current", "admin.error.password-current-wrong", "current is not your current password");
        }
        PasswordPolicy.check("new", username, replacement);
        if (replacement.equals(current)) {
            throw RefusedChange.invalid("new", "admin.error.password-unchanged", "new must differ from the current password");
        }
        users.changePassword(username, replacement);
        credentials.forget(username);
        audit.record(account.workspace(), "password-changed", "user", username, Map.of());
    }

    /** Refuses to take away the last enabled admin: nobody could then manage users any more. */
    private void keepAnAdmin(AppUsers.Account target, String what) {
        if (target.role() != Role.ADMIN || !target.enabled()) {
            return;
        }
        List<String> admins = users.lockEnabledAdmins();
        if (admins.size() <= 1 && admins.contains(target.username())) {
            throw RefusedChange.conflict("admin.error.last-admin", "Cannot " + what + " " + target.username()
                    + ": it is the last enabled admin", target.username());
        }
    }

    private static Role role(String id) {
        try {
            return Role.fromId(id == null ? "" : id.trim());
        } catch (IllegalArgumentException e) {
            throw RefusedChange.invalid("role", "admin.error.role-invalid", "role must be one of admin, operator, merchant, "
                    + "viewer");
        }
    }

    private String workspace(Role role, String workspace) {
        if (role == Role.MERCHANT && workspace == null) {
            throw RefusedChange.invalid("workspace", "admin.error.workspace-required", "a merchant user needs a workspace");
        }
        if (role != Role.MERCHANT && workspace != null) {
            throw RefusedChange.invalid("workspace", "admin.error.workspace-not-allowed",
                    "only a merchant user belongs to a workspace; a " + role.id() + " sees all of them", role.id());
        }
        if (workspace != null && workspaces.find(workspace).isEmpty()) {
            throw RefusedChange.invalid("workspace", "admin.error.workspace-unknown", "workspace " + workspace
                    + " does not exist", workspace);
        }
        return workspace;
    }

    private static Map<String, Object> details(Role role, String workspace, boolean enabled) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("role", role.id());
        if (workspace != null) {
            detail.put("workspace", workspace);
        }
        detail.put("enabled", enabled);
        return detail;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
