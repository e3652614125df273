package io.mekong.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IdentityRulesLoaderTest {

    @Test
    void theShippedFileLoadsWithItsRulesInOrder() {
        IdentityRules rules = IdentityRulesLoader.load(Path.of("identity.yaml"));

        assertThat(rules.enabledRules()).extracting(IdentityRules.Rule::name)
                .containsExactly("same-email", "same-phone", "source-link");
        assertThat(rules.keyKinds()).containsExactlyInAnyOrder("email", "phone", "link");
        assertThat(rules.rules().get(2).links()).containsExactly(
                new IdentityRules.Link("stripe", "metadata.shopify_customer_id", "shopify"));
        assertThat(rules.guards().maxNamesPerKey()).isEqualTo(3);
    }

    @Test
    void aGoldenSectionIsCarriedNotRead() {
        IdentityRules rules = IdentityRulesLoader.parse("identity.yaml", """
                rules:
                  - {name: same-email, key: email}
                golden:
                  anything: {goes: here}
                """);

        assertThat(rules.golden().path("anything").path("goes").asText()).isEqualTo("here");
    }

    @Test
    void problemsNameTheFileTheLineAndTheOption() {
        assertThatThrownBy(() -> IdentityRulesLoader.parse("identity.yaml", """
                rules:
                  - name: same-email
                    key: email
                  - name: same-fax
                    key: fax
                """)).hasMessage("Invalid identity rules identity.yaml (line 5), option 'rules.1.key': must be one of"
                + " [email, phone, link, phone_name] (was 'fax')");
        assertThatThrownBy(() -> IdentityRulesLoader.parse("identity.yaml", """
                rules:
                  - name: same-email
                    key: email
                    threshold: 2
                """)).hasMessageStartingWith("Invalid identity rules identity.yaml (line 4), option 'rules.0.threshold':"
                + " unknown option");
        assertThatThrownBy(() -> IdentityRulesLoader.parse("identity.yaml", """
                rules:
                  - name: source-link
                    key: link
                """)).hasMessageContaining("option 'rules.0.links': is required by a link rule");
        assertThatThrownBy(() -> IdentityRulesLoader.parse("identity.yaml", """
                rules:
                  - name: same-phone
                    key: phone
                    names: similar
                """)).hasMessage("Invalid identity rules identity.yaml (line 4), option 'rules.0.names': must be one of"
                + " [any, compatible] (was 'similar')");
        assertThatThrownBy(() -> IdentityRulesLoader.parse("identity.yaml", """
                guards:
                  maxNamesPerKey: 0
                """)).hasMessage("Invalid identity rules identity.yaml (line 2), option 'guards.maxNamesPerKey': must be at least 1 (was 0)");
        assertThatThrownBy(() -> IdentityRulesLoader.parse("identity.yaml", "rules: [\n  {name: x, key: email\n"))
                .hasMessageStartingWith("Invalid identity rules identity.yaml (line 3): is not valid YAML");
        assertThatThrownBy(() -> IdentityRulesLoader.parse("identity.yaml", """
                rules:
                  - {name: same-email, key: email}
                  - {name: same-email, key: phone}
                """)).hasMessage("Invalid identity rules identity.yaml (line 3), option 'rules.1.name': 'same-email' names two rules");
    }
}
