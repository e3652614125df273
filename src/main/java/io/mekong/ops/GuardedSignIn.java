package io.mekong.ops;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Every sign-in (HTTP Basic, the login form, Hawtio's login) passes here before the password check, which costs a
 * BCrypt round each time: a Basic credential verified a moment ago is answered from {@link VerifiedCredentials};
 * an address or user with too many recent failures is refused with {@link SignInThrottledException}, without a
 * check; otherwise the password is checked and the outcome counted in {@link SignInAttempts}.
 */
class GuardedSignIn implements AuthenticationManager {

    private final AuthenticationManager passwordCheck;
    private final SignInAttempts attempts;
    private final VerifiedCredentials credentials;

    GuardedSignIn(AuthenticationManager passwordCheck, SignInAttempts attempts, VerifiedCredentials credentials) {
        this.passwordCheck = passwordCheck;
        this.attempts = attempts;
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        SignInDetails details = request.getDetails() instanceof SignInDetails d ? d : null;
        String address = details == null ? null : details.getRemoteAddress();
        String credentialKey = details == null ? null : details.basicCredentialKey();
        Optional<Authentication> known = credentials.find(credentialKey);
        if (known.isPresent()) {
            return known.get();
        }
        String username = request.getName();
        Duration wait = attempts.waitFor(address, username);
        if (!wait.isZero()) {
            throw new SignInThrottledException(wait);
        }
        Authentication verified;
        try {
            verified = passwordCheck.authenticate(request);
        } catch (BadCredentialsException wrong) {
            attempts.failed(address, username);
            throw wrong;
        }
        attempts.succeeded(username);
        credentials.remember(credentialKey, verified);
        return verified;
    }
}
