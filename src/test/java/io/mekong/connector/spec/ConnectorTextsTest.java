package io.mekong.connector.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec's texts in the reader's language (the {@code i18n} blocks, docs/connectors.md): the Vietnamese where the spec
 * gives it, the English otherwise; and every connector shipped in connectors/ speaks Vietnamese in full.
 */
class ConnectorTextsTest {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private static final String SPEC = """
            name: texts
            kind: target
            title: Texts
            description: A target with texts.
            i18n:
              vi: {description: Một đích đến có chữ.}
            connection:
              properties:
                url:
                  title: Endpoint URL
                  description: Where events go.
                  i18n:
                    vi: {title: URL endpoint}
                token:
                  secret: true
                  %s
            requester:
              baseUrl: "{{params.url}}"
            """;

    @TempDir
    Path dir;

    private final ConnectorSpecLoader loader = new ConnectorSpecLoader();

    @Test
    void aReaderGetsTheTextsOfTheirLanguageElseTheEnglish() throws IOException {
        ConnectorSpec spec = load(SPEC.formatted(""));
        ParamSpec url = spec.connection().properties().get("url");

        assertThat(spec.description(VIETNAMESE)).isEqualTo("Một đích đến có chữ.");
        assertThat(spec.description(Locale.forLanguageTag("vi-VN"))).as("any Vietnamese").isEqualTo("Một đích đến có chữ.");
        assertThat(spec.title(VIETNAMESE)).as("no Vietnamese title: the English").isEqualTo("Texts");
        assertThat(url.title(VIETNAMESE)).isEqualTo("URL endpoint");
        assertThat(url.description(VIETNAMESE)).as("no Vietnamese description: the English").isEqualTo("Where events go.");
        assertThat(url.title(Locale.ENGLISH)).isEqualTo("Endpoint URL");
        assertThat(url.title(Locale.FRENCH)).as("a language no spec speaks: the English").isEqualTo("Endpoint URL");
        assertThat(spec.description(Locale.ENGLISH)).isEqualTo("A target with texts.");
        assertThat(spec.connection().properties().get("token").title(VIETNAMESE)).as("no title at all").isNull();
        assertThat(spec.connection().param(ConnectorSpec.BASE_URL_PARAM).title(VIETNAMESE))
                .as("the base URL every connection takes").isEqualTo("URL gốc thay thế");
    }

    @Test
    void aLanguageBlockWithNoTextIsRefusedNamingTheProperty() throws IOException {
        Path file = dir.resolve("texts.yaml");
        Files.writeString(file, SPEC.formatted("i18n: {vi: }"));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("option 'connection.properties.token.i18n.vi': gives neither a title nor a description");
    }

    @Test
    void aDeprecatedPropertyIsMarkedAsSuch() {
        ConnectionSchema shopify = loader.load(Path.of("connectors/shopify.yaml")).connection();

        assertThat(shopify.properties().get("currency").deprecated()).isTrue();
        assertThat(shopify.properties().get("shop").deprecated()).isFalse();
    }

    /** Integrators of a third-party connector may ship it in English only; the connectors we ship may not. */
    @Test
    void everyShippedConnectorSpeaksVietnameseInFull() {
        SoftAssertions softly = new SoftAssertions();
        for (ConnectorSpec spec : loader.loadAll(Path.of("connectors"))) {
            Translations.Text own = spec.i18n().languages().get("vi");
            softly.assertThat(own != null && own.description() != null)
                    .as("%s: a Vietnamese description", spec.name()).isTrue();
            spec.connection().properties().forEach((name, p) -> {
                Translations.Text vi = p.i18n().languages().get("vi");
                softly.assertThat(vi != null && vi.title() != null)
                        .as("%s.%s: a Vietnamese title", spec.name(), name).isTrue();
                softly.assertThat(p.description() == null || vi != null && vi.description() != null)
                        .as("%s.%s: a Vietnamese description", spec.name(), name).isTrue();
            });
        }
        softly.assertAll();
    }

    private ConnectorSpec load(String text) throws IOException {
        Path file = dir.resolve("texts.yaml");
        Files.writeString(file, text);
        return loader.load(file);
    }
}
