package io.mekong.ops;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in user: one role, and for merchants the workspace they are confined to. */
public class MekongUser extends User {

    private final Role role;
    private final String workspaceId;

    /** @param enabled false for a disabled user, whom every sign-in refuses */
    public MekongUser(String username, String passwordHash, Role role, String workspaceId, boolean enabled) {
        super(username, passwordHash, enabled, true, true, true, List.of(new SimpleGrantedAuthority(role.authority())));
        this.role = role;
        this.workspaceId = workspaceId;
    }

    public Role role() {
        return role;
    }

    public Optional<String> workspaceId() {
        return Optional.ofNullable(workspaceId);
    }
}
