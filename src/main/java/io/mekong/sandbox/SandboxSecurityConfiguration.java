package io.mekong.sandbox;

import io.mekong.sandbox.accounts.SandboxAccountsPage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Opens {@code /sandbox/**} to the simulators' clients, only while the sandbox is on: each simulator checks its
 * vendor's own credentials (tokens, signatures), not a hub user, so the path needs no login, session or CSRF token.
 * The one exception is the accounts page ({@link SandboxAccountsPage}), a console page: it is left to the hub's own
 * chain, which signs people in for it like for any other page. With the sandbox off this chain does not exist and
 * {@code /sandbox/**} is an unknown path behind the hub's login like any other.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class SandboxSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain sandboxFilterChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(new AndRequestMatcher(paths.matcher("/sandbox/**"),
                        new NegatedRequestMatcher(new OrRequestMatcher(paths.matcher(SandboxAccountsPage.PATH),
                                paths.matcher(SandboxAccountsPage.PATH + "/")))))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }
}
