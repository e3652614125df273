package io.mekong.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF tokens as browser sessions carry them. Pages send the token in a form field ({@code _csrf}, masked against
 * BREACH); Hawtio's JavaScript reads the {@code XSRF-TOKEN} cookie and sends its raw value as {@code X-XSRF-TOKEN} on
 * every Jolokia call. A page of another site can do neither: it cannot read our cookie, and a cross-site request
 * does not carry the session cookie at all ({@code SameSite=Strict}). Spring Security's pattern for single-page
 * apps (reference: "CSRF, integrating with JavaScript, single-page applications").
 */
final class BrowserCsrfTokens {

    private BrowserCsrfTokens() {
    }

    /** The token in a cookie JavaScript may read ({@code XSRF-TOKEN}), never sent to another site. */
    static CookieCsrfTokenRepository cookieRepository() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return repository;
    }

    /** Header tokens are the cookie's raw value; form fields are masked. */
    static final class HeaderOrFormField extends CsrfTokenRequestAttributeHandler {
        private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            masked.handle(request, response, token);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            if (StringUtils.hasText(request.getHeader(token.getHeaderName()))) {
                return super.resolveCsrfTokenValue(request, token);
            }
            return masked.resolveCsrfTokenValue(request, token);
        }
    }

    /**
     * Makes sure a browser session has its {@code XSRF-TOKEN} cookie: Spring loads tokens lazily, and after a sign-in
     * (which replaces the token) nothing else would ask for one before Hawtio's first Jolokia POST. Requests with an
     * {@code Authorization} header need no token and get no cookie.
     */
    static final class CookieIssuer extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
