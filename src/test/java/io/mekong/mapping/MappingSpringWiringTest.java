package io.mekong.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.config.MekongProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MappingSpringWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Options.class, MappingRegistry.class, MappingEngine.class, MappingComponent.class);

    /** The hub's options, bound as the application binds them. */
    @EnableConfigurationProperties(MekongProperties.class)
    static class Options {
    }

    @Test
    void theComponentIsTheBeanNamedMappingAndLoadsMappingsFromMekongHome() {
        context.withPropertyValues("mekong.home=.").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean("mapping")).isInstanceOf(MappingComponent.class);
            assertThat(ctx.getBean(MappingRegistry.class).find("shopify", "order")).isPresent();
        });
    }

    @Test
    void anInvalidMappingFailsTheStart(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("mappings/acme"));
        Files.writeString(home.resolve("mappings/acme/person.yaml"), "source: acme\nentity: person\n");
        context.withPropertyValues("mekong.home=" + home).run(ctx -> assertThat(ctx).getFailure()
                .hasStackTraceContaining("person.yaml: field 'target': is required"));
    }
}
