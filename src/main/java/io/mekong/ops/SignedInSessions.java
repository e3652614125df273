package io.mekong.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a browser session (the sign-in form's, Hawtio's) whose user is no longer who signed in: deleted, disabled, or
 * given another role or workspace by an admin. The request then goes on unauthenticated: a console page leads to the
 * sign-in form, an API call is answered 401.
 *
 * <p>Each request of a signed-in session reads its user's row (one primary-key lookup) rather than the change ending
 * sessions through Spring's {@code SessionRegistry}: a registry lives in one JVM, and the hub runs as several
 * instances behind one address, so an admin's change made on one instance must end a session held by another. Scripts
 * are not concerned: a Bearer token reads its user's row on every request already ({@link ApiTokens}), and HTTP Basic
 * keeps no session.
 */
class SignedInSessions extends OncePerRequestFilter {

    private final AppUsers users;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SignedInSessions(AppUsers users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        // placed right after the context is read from the session: any user here is the session's
        Authentication signedIn = session == null ? null : contexts.getContext().getAuthentication();
        if (signedIn != null && signedIn.getPrincipal() instanceof MekongUser user && !stillHolds(user)) {
            session.invalidate();
            contexts.clearContext();
        }
        chain.doFilter(request, response);
    }

    private boolean stillHolds(MekongUser user) {
        return users.find(user.getUsername())
                .filter(now -> now.enabled() && now.role() == user.role()
                        && Objects.equals(now.workspace(), user.workspaceId().orElse(null)))
                .isPresent();
    }
}
