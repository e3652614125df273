package io.mekong.web;

import io.mekong.ops.MekongUser;
import io.mekong.ops.Role;
import org.springframework.security.core.Authentication;

/**
 * The signed-in person as every console page shows them (the model's {@code me}): their role decides which buttons a
 * page offers; the server refuses what the role does not allow anyway.
 *
 * @param workspace the workspace a merchant is confined to; empty for roles that see every workspace
 */
public record ConsoleUser(String username, Role role, String workspace) {

    static ConsoleUser of(Authentication authentication) {
        if (authentication.getPrincipal() instanceof MekongUser user) {
            return new ConsoleUser(user.getUsername(), user.role(), user.workspaceId().orElse(""));
        }
        throw new IllegalStateException("The console needs a signed-in Mekong user, not " + authentication.getName());
    }

    /** May change connections, jobs, dead letters and profiles (viewers only read). */
    public boolean canWrite() {
        return role != Role.VIEWER;
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
