package io.mekong.connector.auth;

import io.mekong.connector.spec.AuthSpec;
import java.util.function.UnaryOperator;

/** Builds the authenticator of an {@code auth} block, its templates rendered for one connection. */
public final class Authenticators {

    private Authenticators() {
    }

    public static Authenticator of(AuthSpec spec, UnaryOperator<String> render) {
        if (spec == null) {
            return Authenticator.NONE;
        }
        if (spec instanceof AuthSpec.Header h) {
            return new HeaderTokenAuthenticator(h.header(), render.apply(h.value()));
        }
        if (spec instanceof AuthSpec.Bearer b) {
            return new BearerAuthenticator(render.apply(b.token()));
        }
        AuthSpec.Basic b = (AuthSpec.Basic) spec;
        return new BasicAuthenticator(render.apply(b.username()), render.apply(b.password()));
    }
}
