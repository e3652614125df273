package io.mekong.ops;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Where a sign-in comes from: the client address (the socket's peer, or the forwarded client when
 * {@code server.forward-headers-strategy} trusts a proxy) and, for HTTP Basic only, the key of its
 * {@code Authorization} header in {@link VerifiedCredentials}.
 */
class SignInDetails extends WebAuthenticationDetails {

    /** For the login form and Hawtio's login: no Basic credential to cache. */
    static final AuthenticationDetailsSource<HttpServletRequest, SignInDetails> FORM =
            request -> new SignInDetails(request, null);
    /** For HTTP Basic. */
    static final AuthenticationDetailsSource<HttpServletRequest, SignInDetails> BASIC =
            request -> new SignInDetails(request, VerifiedCredentials.key(request.getHeader(HttpHeaders.AUTHORIZATION)));

    private final transient String basicCredentialKey;

    private SignInDetails(HttpServletRequest request, String basicCredentialKey) {
        super(request);
        this.basicCredentialKey = basicCredentialKey;
    }

    /** The {@link VerifiedCredentials} key of this Basic sign-in; null for other sign-ins. */
    String basicCredentialKey() {
        return basicCredentialKey;
    }
}
