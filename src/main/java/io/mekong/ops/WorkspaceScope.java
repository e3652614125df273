package io.mekong.ops;

import java.util.Objects;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Which workspaces the current caller may see. Merchants are confined to their own workspace; admins, operators
 * and viewers see all. Services filter queries with {@link #confinedTo()} and check single rows with
 * {@link #checkAccess(String, NotInWorkspaceException.Kind, Object)}.
 */
@Component
public class WorkspaceScope {

    /** The workspace the caller is confined to, or empty when the caller may see every workspace. */
    public Optional<String> confinedTo() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new AuthenticationCredentialsNotFoundException("No signed-in user");
        }
        boolean merchant = auth.getAuthorities().stream()
                .anyMatch(a -> Role.MERCHANT.authority().equals(a.getAuthority()));
        if (!merchant) {
            return Optional.empty();
        }
        if (auth.getPrincipal() instanceof MekongUser user && user.workspaceId().isPresent()) {
            return user.workspaceId();
        }
        throw new AccessDeniedException("Merchant user without a workspace");
    }

    /** Throws {@link NotInWorkspaceException} (404) when {@code rowWorkspaceId} is outside the caller's scope. */
    public void checkAccess(String rowWorkspaceId, NotInWorkspaceException.Kind kind, Object id) {
        confinedTo().filter(own -> !Objects.equals(own, rowWorkspaceId)).ifPresent(own -> {
            throw new NotInWorkspaceException(kind, id);
        });
    }

    /**
     * The workspace a listing or lookup is confined to: a merchant's own (naming another one is a 404 like any
     * foreign row), otherwise the one named, or null for all.
     */
    public String workspaceToList(String named) {
        Optional<String> own = confinedTo();
        if (own.isEmpty()) {
            return named;
        }
        if (named != null && !named.equals(own.get())) {
            throw new NotInWorkspaceException(NotInWorkspaceException.Kind.WORKSPACE, named);
        }
        return own.get();
    }

    /**
     * The workspace a new row goes to: a merchant's own (asking for another one is a 404 like any foreign row),
     * otherwise the requested one, or {@code default} when none is named.
     */
    public String workspaceForNewRow(String requestedWorkspaceId) {
        Optional<String> own = confinedTo();
        if (own.isPresent()) {
            if (requestedWorkspaceId != null && !own.get().equals(requestedWorkspaceId)) {
                throw new NotInWorkspaceException(NotInWorkspaceException.Kind.WORKSPACE, requestedWorkspaceId);
            }
            return own.get();
        }
        return requestedWorkspaceId != null ? requestedWorkspaceId : AdminBootstrap.DEFAULT_WORKSPACE;
    }
}
