package io.mekong.ops;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * A refused login form: a wrong password goes back to the form with its message ({@code /login?error}); a throttled
 * sign-in is answered 429 with {@code Retry-After} and the form, saying how long to wait ({@link SignInPage}).
 */
class SignInFormFailure implements AuthenticationFailureHandler {

    /** Request attribute the sign-in page reads: seconds to wait before the next try. */
    static final String RETRY_AFTER = "retryAfterSeconds";
    /** Where a throttled sign-in is forwarded: the form, with the wait. */
    static final String THROTTLED_PAGE = "/login/throttled";

    private final AuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException, ServletException {
        if (e instanceof SignInThrottledException throttled) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            request.setAttribute(RETRY_AFTER, throttled.retryAfterSeconds());
            request.getRequestDispatcher(THROTTLED_PAGE).forward(request, response);
            return;
        }
        wrongPassword.onAuthenticationFailure(request, response, e);
    }
}
