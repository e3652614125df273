package io.hawt.springboot.security;

import io.hawt.web.auth.AuthenticationConfiguration;
import io.hawt.web.auth.RolePrincipal;
import java.lang.reflect.Constructor;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Second module of the JAAS configuration that Hawtio's {@code SpringHawtioContextListener} installs when Spring
 * Security is present ({@code SpringSecurityJAASConfiguration}): after Spring's {@code SecurityContextLoginModule}
 * has put the current {@link Authentication} into the subject, this module adds one Hawtio role principal per
 * granted authority ({@code ROLE_admin} becomes role {@code admin}), so Hawtio can check {@code hawtio.roles}.
 * The published hawtio-springboot jar references this class by name but does not ship it; Hawtio only switches
 * to Spring Security mode when it can load it.
 */
public class HawtioSpringSecurityLoginModule implements LoginModule {

    private static final String SPRING_ROLE_PREFIX = "ROLE_";

    private Subject subject;
    private Class<? extends Principal> rolePrincipalClass = RolePrincipal.class;
    private final List<Principal> added = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        if (options.get(AuthenticationConfiguration.class.getName()) instanceof AuthenticationConfiguration config
                && config.getDefaultRolePrincipalClass() != null) {
            rolePrincipalClass = config.getDefaultRolePrincipalClass();
        }
    }

    /** Credentials were already checked by Spring Security; this module only contributes roles. */
    @Override
    public boolean login() {
        return true;
    }

    @Override
    public boolean commit() throws LoginException {
        List<Authentication> authentications = subject.getPrincipals(Authentication.class).stream().toList();
        for (Authentication authentication : authentications) {
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                Principal role = newRolePrincipal(roleName(authority.getAuthority()));
                if (subject.getPrincipals().add(role)) {
                    added.add(role);
                }
            }
        }
        return !authentications.isEmpty();
    }

    @Override
    public boolean abort() {
        return logout();
    }

    @Override
    public boolean logout() {
        added.forEach(subject.getPrincipals()::remove);
        added.clear();
        return true;
    }

    private static String roleName(String authority) {
        return authority.startsWith(SPRING_ROLE_PREFIX) ? authority.substring(SPRING_ROLE_PREFIX.length()) : authority;
    }

    private Principal newRolePrincipal(String role) throws LoginException {
        try {
            Constructor<? extends Principal> constructor = rolePrincipalClass.getConstructor(String.class);
            return constructor.newInstance(role);
        } catch (ReflectiveOperationException e) {
            LoginException failure = new LoginException("Cannot create Hawtio role principal "
                    + rolePrincipalClass.getName() + " for role " + role);
            failure.initCause(e);
            throw failure;
        }
    }
}
