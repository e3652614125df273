package io.mekong.ops;

import static io.mekong.ops.Role.ADMIN;
import static io.mekong.ops.Role.MERCHANT;
import static io.mekong.ops.Role.OPERATOR;
import static io.mekong.ops.Role.VIEWER;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mekong.config.MekongProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Users and roles live in {@code app_user}; HTTP Basic and API tokens ({@link BearerTokenFilter})
 * serve scripts, the login form serves people, and Hawtio's own login is bridged by {@link HawtioLoginFilter}.
 * Workspace confinement of merchants is enforced in the services through {@link WorkspaceScope}, not here. The sandbox, when on, opens {@code /sandbox/**}
 * with a chain of its own; this class knows nothing of it.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    static final String HAWTIO = "/actuator/hawtio";
    static final String JOLOKIA = "/actuator/jolokia";

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Shared by the sign-in and by {@link UserAccounts}, which forgets a user's entries when the user changes. */
    @Bean
    VerifiedCredentials verifiedCredentials(MekongProperties properties) {
        return new VerifiedCredentials(properties.security().basicCache(), Ticker.systemTicker());
    }

    /** Every sign-in's password check, behind the sign-in limits and the Basic credential cache. */
    @Bean
    AuthenticationManager authenticationManager(AppUserDetailsService users, PasswordEncoder encoder,
                                                MekongProperties properties, VerifiedCredentials credentials) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return new GuardedSignIn(new ProviderManager(provider),
                new SignInAttempts(properties.security().signInAttempts(), Ticker.systemTicker()), credentials);
    }

    /**
     * Webhooks authenticate by signature, not by user: they get a chain of their own with no session, no security
     * context, no request cache and no CSRF token, so a delivery costs a few filters instead of the whole chain (P2).
     */
    @Bean
    @Order(1)
    SecurityFilterChain webhookFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(paths("/webhooks/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                            ApiTokens tokens, AppUsers users) throws Exception {
        RequestMatcher api = PATHS.matcher("/api/**");
        RequestMatcher hawtioLogin = PATHS.matcher(HttpMethod.POST, HAWTIO + "/auth/login");
        JsonSecurityErrors errors = new JsonSecurityErrors(api);
        String[] anyRole = Role.ids(ADMIN, OPERATOR, MERCHANT, VIEWER);
        String[] writers = Role.ids(ADMIN, OPERATOR, MERCHANT);
        String[] ops = Role.ids(ADMIN, OPERATOR);

        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(paths("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/login", "/error")).permitAll()
                        // the console's scripts and styles, which the sign-in page uses too
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/webjars/**"),
                                PATHS.matcher(HttpMethod.GET, "/console/console.css"),
                                PATHS.matcher(HttpMethod.GET, "/console/console.js")).permitAll()
                        .requestMatchers(paths("/console/admin", "/console/admin/**")).hasRole(ADMIN.id())
                        // every user, viewers too, changes their own password and manages their own tokens
                        .requestMatchers(paths("/console/account", "/console/account/**")).hasAnyRole(anyRole)
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/console/**"),
                                PATHS.matcher(HttpMethod.GET, "/console")).hasAnyRole(anyRole)
                        .requestMatchers(paths("/console/**")).hasAnyRole(writers)
                        .requestMatchers(paths(HAWTIO, HAWTIO + "/**", JOLOKIA, JOLOKIA + "/**",
                                "/actuator", "/actuator/**")).hasAnyRole(ops)
                        // every user changes their own password and manages their own tokens (ApiTokens confines)
                        .requestMatchers(PATHS.matcher(HttpMethod.PUT, "/api/users/me/password"),
                                PATHS.matcher("/api/tokens"), PATHS.matcher("/api/tokens/**")).hasAnyRole(anyRole)
                        .requestMatchers(paths("/api/workspaces", "/api/workspaces/**", "/api/users",
                                "/api/users/**")).hasRole(ADMIN.id())
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/**"),
                                PATHS.matcher(HttpMethod.HEAD, "/api/**")).hasAnyRole(anyRole)
                        .requestMatchers(api).hasAnyRole(writers)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(errors)
                        .authenticationDetailsSource(SignInDetails.BASIC))
                // our own page (SignInPage): a custom entry point turns Spring's generated one off
                .formLogin(form -> form.loginPage("/login").permitAll()
                        .authenticationDetailsSource(SignInDetails.FORM)
                        .failureHandler(new SignInFormFailure()))
                // Hawtio's "Log out" is a GET of its auth/logout (a page load): signing out there ends the session
                // as our own POST does, and lands on the sign-in form saying so
                .logout(logout -> logout.logoutRequestMatcher(new OrRequestMatcher(
                        PATHS.matcher(HttpMethod.POST, "/logout"), PATHS.matcher(HttpMethod.GET, HAWTIO + "/auth/logout")))
                        .permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                // every state-changing request of a browser session needs the token, /api, Hawtio and Jolokia
                // included; a request with an Authorization header (a script) authenticates itself and needs none,
                // and Hawtio's login POST carries its credentials in its body, like a Basic request
                .csrf(csrf -> csrf.csrfTokenRepository(BrowserCsrfTokens.cookieRepository())
                        .csrfTokenRequestHandler(new BrowserCsrfTokens.HeaderOrFormField())
                        .ignoringRequestMatchers(SecurityConfig::carriesAuthorization, hawtioLogin))
                .addFilterAfter(new SignedInSessions(users), SecurityContextHolderFilter.class)
                .addFilterAfter(new BrowserCsrfTokens.CookieIssuer(), CsrfFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .addFilterBefore(new HawtioLoginFilter(hawtioLogin, authenticationManager, errors),
                        AnonymousAuthenticationFilter.class)
                .addFilterAfter(new HawtioLoginMethods(), AuthorizationFilter.class);
        return http.build();
    }

    private static boolean carriesAuthorization(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    private static RequestMatcher paths(String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns).map(PATHS::matcher)
                .toArray(RequestMatcher[]::new));
    }
}
