package io.mekong.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers Hawtio's question which ways of signing in its login page offers ({@code GET auth/config/login}). In
 * Spring Security mode Hawtio itself answers {@code external}, which its page can only show as
 * "(Unsupported "external" authentication)"; we answer with its own user-name-and-password form, whose
 * {@code POST auth/login} checks our users ({@link HawtioLoginFilter}). Browsers normally never see that page (they
 * are sent to {@code /login} first), but a Hawtio tab left open after its session ended can.
 */
class HawtioLoginMethods extends OncePerRequestFilter {

    static final String PATH = SecurityConfig.HAWTIO + "/auth/config/login";
    private static final String FORM = """
            [{"method":"form","name":"Mekong users","url":"auth/login","logoutUrl":"auth/logout","type":"json",\
            "userField":"username","passwordField":"password"}]""";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod())
                || !(request.getContextPath() + PATH).equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(FORM);
    }
}
