package io.mekong.sandbox.accounts;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.web.ConsoleLanguages;
import io.mekong.web.TryItLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The accounts page's place in the console: its header's language switch, and the link where a connection begins. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
class SandboxAccountsConfiguration implements WebMvcConfigurer {

    record Link(String path, String textKey) implements TryItLink {
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        ConsoleLanguages.offerSwitch(registry, SandboxAccountsPage.PATH, SandboxAccountsPage.PATH + "/");
    }

    @Bean
    TryItLink sandboxAccountsLink() {
        return new Link(SandboxAccountsPage.PATH, "sandbox.tryIt");
    }
}
