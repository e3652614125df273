package io.mekong.connector.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private final Map<String, String> values = Map.of("params.shop", "a.myshopify.com", "apiVersion", "2025-10",
            "secrets.token", "s3cr$t\\1", "cursor", "2025-01-01T00:00:00Z");

    @Test
    void replacesVariables() {
        assertThat(Template.render("https://{{params.shop}}/admin/api/{{ apiVersion }}/graphql.json", values::get))
                .isEqualTo("https://a.myshopify.com/admin/api/2025-10/graphql.json");
        assertThat(Template.render("updated_at:>='{{cursor}}'", values::get)).isEqualTo("updated_at:>='2025-01-01T00:00:00Z'");
    }

    @Test
    void insertsValuesLiterally() {
        assertThat(Template.render("{{secrets.token}}", values::get)).isEqualTo("s3cr$t\\1");
        assertThat(Template.render("{{params.shop}}", v -> "{{secrets.token}}")).isEqualTo("{{secrets.token}}");
    }

    @Test
    void leavesTextWithoutVariablesAlone() {
        assertThat(Template.render("{ shop { name } } {{ }} {{1x}}", values::get)).isEqualTo("{ shop { name } } {{ }} {{1x}}");
    }

    @Test
    void namesAMissingVariable() {
        assertThatThrownBy(() -> Template.render("{{params.region}}", values::get))
                .hasMessage("no value for {{params.region}}");
    }

    @Test
    void listsVariables() {
        assertThat(Template.variables("{{params.a}}-{{secrets.b}}-{{params.a}}")).containsExactly("params.a", "secrets.b");
    }
}
