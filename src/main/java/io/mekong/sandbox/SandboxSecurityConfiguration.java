package io.mekong.sandbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Opens {@code /sandbox/**} to the simulators' clients, only while the sandbox is on: each simulator checks its
 * vendor's own credentials (tokens, signatures), not a hub user, so the path needs no login, session or CSRF token.
 * With the sandbox off this chain does not exist and {@code /sandbox/**} is an unknown path behind the hub's login
 * like any other.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class SandboxSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain sandboxFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/sandbox/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }
}
