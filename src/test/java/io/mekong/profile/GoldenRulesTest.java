package io.mekong.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.profile.GoldenRules.Rule;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** identity.yaml's golden: section: defaults when absent, every field's rule when given, clear errors when wrong. */
class GoldenRulesTest {

    @Test
    void withoutAFileOrASectionEveryFieldTakesTheMostRecentSource(@TempDir Path home) throws Exception {
        assertThat(GoldenRules.load(home)).isEqualTo(GoldenRules.defaults());
        Files.writeString(home.resolve("identity.yaml"), "rules:\n  - name: email\n");
        assertThat(GoldenRules.load(home)).isEqualTo(GoldenRules.defaults());
        assertThat(GoldenRules.defaults().fields().values()).extracting(GoldenRules.FieldRule::rule).containsOnly(Rule.MOST_RECENT);
    }

    @Test
    void namedFieldsTakeTheirRuleAndTheOthersTheDefault(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("identity.yaml"), """
                rules: []          # the match rules: read by identity resolution, not here
                golden:
                  default: first-seen
                  fields:
                    email: { rule: source-priority, priority: [shopify, demo-magento] }
                    tags: most-frequent
                  rfm:
                    monetary: [100, 200.5, 300, 400]
                """);
        GoldenRules rules = GoldenRules.load(home);
        assertThat(rules.fields().get("email")).isEqualTo(new GoldenRules.FieldRule(Rule.SOURCE_PRIORITY,
                List.of("shopify", "demo-magento")));
        assertThat(rules.fields().get("tags").rule()).isEqualTo(Rule.MOST_FREQUENT);
        assertThat(rules.fields().get("phone").rule()).isEqualTo(Rule.FIRST_SEEN);
        assertThat(rules.rfm().monetary()).containsExactly(new BigDecimal("100"), new BigDecimal("200.5"),
                new BigDecimal("300"), new BigDecimal("400"));
        assertThat(rules.rfm().recencyDays()).containsExactly(30, 90, 180, 365);
    }

    @Test
    void aWrongSectionIsRefusedNamingTheOptionAndTheReason() {
        assertThatThrownBy(() -> GoldenRules.parse("golden:\n  fields:\n    emial: most-recent\n"))
                .hasMessageContaining("identity.yaml").hasMessageContaining("'golden.fields.emial'")
                .hasMessageContaining("is unknown (known here: email, phone");
        assertThatThrownBy(() -> GoldenRules.parse("golden:\n  fields:\n    email: newest\n"))
                .hasMessageContaining("'golden.fields.email'").hasMessageContaining("'newest' is not a rule")
                .hasMessageContaining("source-priority, most-recent, most-frequent, first-seen");
        assertThatThrownBy(() -> GoldenRules.parse("golden:\n  fields:\n    email: source-priority\n"))
                .hasMessageContaining("'golden.fields.email.priority'").hasMessageContaining("is required by source-priority");
        assertThatThrownBy(() -> GoldenRules.parse("golden:\n  fields:\n    email: { rule: most-recent, priority: [shopify] }\n"))
                .hasMessageContaining("only applies to source-priority");
        assertThatThrownBy(() -> GoldenRules.parse("golden:\n  rfm:\n    frequency: [5, 3, 8, 10]\n"))
                .hasMessageContaining("'golden.rfm.frequency'").hasMessageContaining("must be ascending");
        assertThatThrownBy(() -> GoldenRules.parse("golden:\n  rfm:\n    recencyDays: [30, 90]\n"))
                .hasMessageContaining("'golden.rfm.recencyDays'").hasMessageContaining("4 ascending numbers");
        assertThatThrownBy(() -> GoldenRules.parse("golden: [most-recent]\n"))
                .hasMessageContaining("'golden'").hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> GoldenRules.parse("golden:\n  fields: {email: [\n"))
                .hasMessageContaining("is not valid YAML (line");
    }
}
