package io.mekong.ops;

import io.mekong.config.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets Hawtio's own login ({@code POST /actuator/hawtio/auth/login} with {@code {"username","password"}}) use
 * our users. In Spring Security mode Hawtio's JAAS login only reads the current Spring authentication
 * ({@code SecurityContextLoginModule}), so this filter checks the JSON credentials first and puts the result in
 * the security context, then hands the unchanged body on to Hawtio, which checks the role ({@code hawtio.roles}).
 * When Hawtio accepts the login, the authentication is kept in the session for the console's Jolokia calls.
 * The body is bounded before it gets here ({@code mekong.http.max-sign-in-bytes}, {@link RequestSizeLimits}), and
 * the check counts towards the sign-in limits like any other ({@link GuardedSignIn}: 429 when exceeded).
 */
class HawtioLoginFilter extends OncePerRequestFilter {

    private final RequestMatcher loginRequest;
    private final AuthenticationManager authenticationManager;
    private final AuthenticationEntryPoint refused;
    private final SecurityContextRepository sessionContext = new HttpSessionSecurityContextRepository();
    private final ObjectMapper json = Json.MAPPER;

    HawtioLoginFilter(RequestMatcher loginRequest, AuthenticationManager authenticationManager,
                      AuthenticationEntryPoint refused) {
        this.loginRequest = loginRequest;
        this.authenticationManager = authenticationManager;
        this.refused = refused;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !loginRequest.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        Authentication authentication;
        try {
            UsernamePasswordAuthenticationToken credentials = credentials(body);
            credentials.setDetails(SignInDetails.FORM.buildDetails(request));
            authentication = authenticationManager.authenticate(credentials);
        } catch (AuthenticationException e) {
            SecurityContextHolder.clearContext();
            refused.commence(request, response, e);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        chain.doFilter(new ReplayedBody(request, body), response);
        if (response.getStatus() == HttpServletResponse.SC_OK && request.getSession(false) != null) {
            sessionContext.saveContext(context, request, response);
        }
    }

    private UsernamePasswordAuthenticationToken credentials(byte[] body) {
        String username = "";
        String password = "";
        try {
            JsonNode node = json.readTree(body);
            if (node != null) {
                username = node.path("username").asText("");
                password = node.path("password").asText("");
            }
        } catch (IOException malformed) {
            // treated like empty credentials: refused below
        }
        return UsernamePasswordAuthenticationToken.unauthenticated(username, password);
    }

    /** The request with its already consumed body readable once more, for Hawtio's login servlet. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous body only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8));
        }
    }
}
