package io.mekong.ops;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, which also refuses a NUL character in a query or form value (PostgreSQL stores
 * no text with one), and answers every request it refuses with a 400 in the API's JSON error body instead of an
 * empty one.
 */
@Configuration(proxyBeanMethods = false)
class RequestFirewall {

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedParameterValues(value -> value.indexOf('\u0000') < 0);
        return firewall;
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> JsonSecurityErrors.write(response, HttpServletResponse.SC_BAD_REQUEST,
                "bad_request", rejected.getMessage());
    }
}
