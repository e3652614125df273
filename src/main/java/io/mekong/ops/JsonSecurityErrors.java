package io.mekong.ops;

import io.mekong.config.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Answers refused requests as {@code {"error","detail"}} JSON with 401, 403 or 429 instead of HTML. A browser asking
 * for a page outside the API (Hawtio, the console) is sent to the login form instead, or, when signed in with a role
 * the page is not for, shown a page that says so ({@link RefusedPage}).
 */
class JsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final AuthenticationEntryPoint loginForm = new LoginUrlAuthenticationEntryPoint("/login");
    private final AccessDeniedHandlerImpl refusedPage = new AccessDeniedHandlerImpl();
    private final RequestMatcher browserPage;

    JsonSecurityErrors(RequestMatcher apiRequests) {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        this.browserPage = request -> html.matches(request) && !apiRequests.matches(request)
                && !isScripted(request);
        refusedPage.setErrorPage(RefusedPage.PATH);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (e instanceof SignInThrottledException throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            write(response, 429, "too_many_sign_in_failures", "Too many failed sign-ins from this address or for "
                    + "this user; try again in " + throttled.retryAfterSeconds() + " seconds");
            return;
        }
        if (browserPage.matches(request)) {
            loginForm.commence(request, response, e);
            return;
        }
        if (!fromBrowser(request)) {
            // a browser gets no challenge, so it never shows its Basic dialog: credentials typed there would be
            // replayed on cross-site requests, which carry an Authorization header and so no CSRF check
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mekong\"");
        }
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                "Sign in with HTTP Basic or the login form");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException, ServletException {
        if (e instanceof CsrfException) {
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            if (current == null || !current.isAuthenticated() || current instanceof AnonymousAuthenticationToken) {
                // nobody is signed in: that, not the token, is what the caller has to fix
                commence(request, response, new InsufficientAuthenticationException("not signed in", e));
                return;
            }
            write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Missing or wrong CSRF token: a browser "
                    + "session sends the XSRF-TOKEN cookie's value as the X-XSRF-TOKEN header (or the _csrf form "
                    + "field); scripts authenticate every request with an Authorization header instead");
            return;
        }
        if (browserPage.matches(request)) {
            refusedPage.handle(request, response, e);
            return;
        }
        write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Your role does not allow this request");
    }

    /** Browsers mark every request they send with Fetch Metadata; our own pages' scripts also mark theirs. */
    private static boolean fromBrowser(HttpServletRequest request) {
        return request.getHeader("Sec-Fetch-Site") != null || isScripted(request);
    }

    private static boolean isScripted(HttpServletRequest request) {
        return request.getHeader("HX-Request") != null
                || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
    }

    static void write(HttpServletResponse response, int status, String error, String detail) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        Json.MAPPER.writeValue(response.getOutputStream(), body);
    }
}
