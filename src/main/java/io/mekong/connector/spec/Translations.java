package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code i18n} block of a spec or of a connection property: its title and description in the console's other
 * languages, by language tag. They are written beside the English ones because a connector is a file an integrator
 * ships on its own, with no access to the console's message bundles. A reader whose language has no text here reads
 * the English.
 */
public record Translations(Map<String, Text> languages) {

    /** The languages the console speaks besides English, the language of a spec's own titles and descriptions. */
    public static final Set<String> LANGUAGES = Set.of("vi");

    public static final Translations NONE = new Translations(Map.of());

    /** One language's texts; either may be left out, and the English is read instead. */
    public record Text(String title, String description) {
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Translations {
        languages = languages == null ? Map.of() : languages;
        languages.forEach((tag, text) -> {
            if (!LANGUAGES.contains(tag)) {
                throw new SpecProblem(tag, "is not a language the console speaks (known: " + new TreeSet<>(LANGUAGES)
                        + "); the title and description beside i18n are the English");
            }
            if (text == null || text.title() == null && text.description() == null) {
                throw new SpecProblem(tag, "gives neither a title nor a description");
            }
        });
        languages = Map.copyOf(languages);
    }

    /** The title in the reader's language, else {@code english}. */
    public String title(Locale reader, String english) {
        return in(reader, Text::title, english);
    }

    /** The description in the reader's language, else {@code english}. */
    public String description(Locale reader, String english) {
        return in(reader, Text::description, english);
    }

    private String in(Locale reader, Function<Text, String> part, String english) {
        Text text = reader == null ? null : languages.get(reader.getLanguage());
        String translated = text == null ? null : part.apply(text);
        return translated == null ? english : translated;
    }
}
