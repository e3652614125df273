package io.mekong.ops;

import io.mekong.config.MekongProperties;
import java.util.List;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The request-size limits ({@code mekong.http.*}), in front of Spring Security so that no body is read beyond its
 * limit before anyone is signed in. Webhook bodies have their own, smaller limit in their endpoint.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimitsConfig {

    @Bean
    FilterRegistrationBean<RequestSizeLimits> requestSizeLimits(MekongProperties properties) {
        MekongProperties.Http http = properties.http();
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestSizeLimits filter = new RequestSizeLimits(List.of(
                new RequestSizeLimits.Limit(new OrRequestMatcher(paths.matcher(HttpMethod.POST, "/login"),
                        paths.matcher(HttpMethod.POST, SecurityConfig.HAWTIO + "/auth/login")),
                        http.maxSignInBytes(), "sign-in requests"),
                new RequestSizeLimits.Limit(paths.matcher("/sandbox/**"), http.maxSandboxBytes(),
                        "requests to the sandbox"),
                new RequestSizeLimits.Limit(paths.matcher(HttpMethod.PUT, "/api/dead-letters/*"),
                        http.maxDeadLetterBytes(), "dead-letter edits"),
                new RequestSizeLimits.Limit(AnyRequestMatcher.INSTANCE, http.maxRequestBytes(), "requests")));
        FilterRegistrationBean<RequestSizeLimits> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
