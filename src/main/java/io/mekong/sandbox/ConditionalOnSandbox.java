package io.mekong.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Active only when {@code mekong.sandbox.enabled} is {@code true}: the development run ({@code ./mvnw spring-boot:run})
 * and the tests that need simulators set it; a packaged jar or image without it has no simulators.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(prefix = "mekong.sandbox", name = "enabled", havingValue = "true")
public @interface ConditionalOnSandbox {
}
