package io.mekong.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller outside this package whose pages use the console's layout ({@code console/layout.html}): it gets
 * the model every console page has ({@link ConsoleModel}: {@code me}, {@code zone}). Such a page registers its paths
 * for the language switch with {@link ConsoleLanguages#offerSwitch}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConsolePage {
}
