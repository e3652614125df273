package io.mekong.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console speaks Vietnamese and English. A person picks one with {@code ?lang=vi} or {@code ?lang=en} (the switch
 * in every page's header), which a cookie keeps; until then the browser's Accept-Language decides, and any language
 * other than Vietnamese gets English.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleLanguages implements WebMvcConfigurer {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    static final String PARAMETER = "lang";

    /** The bean name Spring MVC looks up. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("mekong-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(ConsoleLanguages::supported);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        offerSwitch(registry, "/console", "/console/**", "/login");
    }

    /** The header's switch ({@code ?lang=}) works on these paths: the console's, and a {@link ConsolePage}'s own. */
    public static void offerSwitch(InterceptorRegistry registry, String... paths) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(PARAMETER);
        // an unknown ?lang= is ignored, never a 500
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns(paths);
    }

    private static Locale supported(HttpServletRequest request) {
        return VIETNAMESE.getLanguage().equals(request.getLocale().getLanguage()) ? VIETNAMESE : Locale.ENGLISH;
    }
}
