package io.mekong.connector.auth;

import io.mekong.connector.spec.AuthSpec;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** Builds the authenticator of an {@code auth} block, its templates rendered for one connection. */
public final class Authenticators {

    private Authenticators() {
    }

    /**
     * @param basePath the path part of the connection's base URL, which request signers leave out of the signed path
     * @param clock    timestamps of signed requests
     */
    public static Authenticator of(AuthSpec spec, UnaryOperator<String> render, String basePath, Clock clock) {
        if (spec == null) {
            return Authenticator.NONE;
        }
        UnaryOperator<String> optional = template -> template == null ? null : render.apply(template);
        if (spec instanceof AuthSpec.Header h) {
            return new HeaderTokenAuthenticator(h.header(), render.apply(h.value()));
        }
        if (spec instanceof AuthSpec.Bearer b) {
            return new BearerAuthenticator(render.apply(b.token()));
        }
        if (spec instanceof AuthSpec.OAuth2 o) {
            return new BearerAuthenticator(render.apply(o.bearerToken()));
        }
        if (spec instanceof AuthSpec.ApiKey k) {
            return k.in().equals("header") ? new HeaderTokenAuthenticator(k.name(), render.apply(k.value()))
                    : new QueryKeyAuthenticator(k.name(), render.apply(k.value()));
        }
        if (spec instanceof AuthSpec.Basic b) {
            return new BasicAuthenticator(render.apply(b.username()), render.apply(b.password()));
        }
        if (spec instanceof AuthSpec.OAuth1 o) {
            return new OAuth1Authenticator(render.apply(o.consumerKey()), render.apply(o.consumerSecret()),
                    optional.apply(o.token()), optional.apply(o.tokenSecret()), clock);
        }
        if (spec instanceof AuthSpec.Shopee s) {
            return new ShopeeAuthenticator(render.apply(s.partnerId()), render.apply(s.partnerKey()),
                    optional.apply(s.accessToken()), optional.apply(s.shopId()), basePath, clock);
        }
        AuthSpec.Lazada l = (AuthSpec.Lazada) spec;
        return new LazadaAuthenticator(render.apply(l.appKey()), render.apply(l.appSecret()),
                optional.apply(l.accessToken()), basePath, clock);
    }
}
