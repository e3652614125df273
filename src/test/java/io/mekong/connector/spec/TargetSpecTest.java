package io.mekong.connector.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The target vocabulary: kind: target, optional streams, actions (docs/connectors.md, "Targets"). */
class TargetSpecTest {

    @TempDir
    Path dir;

    private final ConnectorSpecLoader loader = new ConnectorSpecLoader();

    @Test
    void theThreeTargetsLoadAsTargetsWithTheirActions() {
        ConnectorSpec klaviyo = loader.load(Path.of("connectors/klaviyo.yaml"));
        ConnectorSpec mailchimp = loader.load(Path.of("connectors/mailchimp.yaml"));
        ConnectorSpec hubspot = loader.load(Path.of("connectors/hubspot.yaml"));

        assertThat(klaviyo.isTarget()).isTrue();
        assertThat(klaviyo.streams()).isEmpty();
        assertThat(klaviyo.requester().headers()).containsEntry("revision", "{{apiVersion}}");
        assertThat(klaviyo.actions().get("importProfiles").batch()).isEqualTo(10_000);
        assertThat(klaviyo.actions().get("createEvents").batch()).isEqualTo(100);
        assertThat(mailchimp.actions().get("updateMember").method()).isEqualTo("PATCH");
        assertThat(mailchimp.actions().get("updateMember").perItem()).isTrue();
        assertThat(mailchimp.actions().get("batchMembers").batch()).isEqualTo(500);
        assertThat(mailchimp.requester().baseUrl()).endsWith("/3.0");
        assertThat(mailchimp.connection().properties()).containsKey(ConnectorSpec.BASE_URL_PARAM);
        assertThat(hubspot.actions().get("upsertContacts").batch()).isEqualTo(100);
        assertThat(hubspot.connection().properties()).containsKey(ConnectorSpec.BASE_URL_PARAM);
        assertThat(klaviyo.connection().properties()).containsKey(ConnectorSpec.BASE_URL_PARAM);
    }

    @Test
    void aSourceIsStillTheDefaultKind() {
        assertThat(loader.load(Path.of("connectors/shopify.yaml")).isTarget()).isFalse();
    }

    @Test
    void anEnvelopeTakesTheItemsWhereItSaysItems() {
        ActionSpec action = loader.load(Path.of("connectors/hubspot.yaml")).actions().get("upsertContacts");
        var items = JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode().put("id", "a@b.co"));

        assertThat(action.wrap(items).toString()).isEqualTo("{\"inputs\":[{\"id\":\"a@b.co\"}]}");
        assertThat(action.envelope().toString()).as("the spec's envelope is left as it was").contains("{{items}}");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "kind: target|kind: sink|kind|must be source or target",
        "kind: target|kind: source|streams|must declare at least one stream",
        "    path: \"/lists/{{params.listId}}/members/{{item.hash}}\"\\n  tagMember:|    path: \"/lists/{{params.list}}/members/{{item.hash}}\"\\n  tagMember:|actions.updateMember.path|declares no 'list'",
        "    path: \"/lists/{{params.listId}}/members/{{item.hash}}\"\\n  tagMember:|    path: \"/lists/{{secrets.apiKey}}/members/{{item.hash}}\"\\n  tagMember:|actions.updateMember.path|refers to a secret",
        "    path: \"/lists/{{params.listId}}/members/{{item.hash}}\"\\n  tagMember:|    path: \"/lists/{{params.listId}}/members/{{item.hash}}\"\\n    batch: 10\\n    envelope: {members: \"{{items}}\"}\\n  tagMember:|actions.updateMember.batch|one item per request",
        "    path: \"/lists/{{params.listId}}/members/{{item.hash}}\"\\n  tagMember:|    path: \"lists/{{item.hash}}\"\\n  tagMember:|actions.updateMember.path|must start with /",
        "  updateMember:\\n    method: PATCH|  updateMember:\\n    method: TRACE|actions.updateMember.method|must be one of",
        "    accept: [404]\\n  upsertCustomer:|    accept: [503]\\n  upsertCustomer:|actions.deleteMember.accept|4xx statuses only",
        "  updateMember:\\n    method: PATCH|  updateMember:\\n    method: PATCH\\n    batch: 5|actions.updateMember.envelope|is required when batch is above 1",
        "  updateMember:\\n    method: PATCH|  updateMember:\\n    method: PATCH\\n    batch: 5\\n    envelope: {members: []}|actions.updateMember.envelope|exactly once (found 0)",
        "  updateMember:\\n    method: PATCH|  updateMember:\\n    method: PATCH\\n    sendAs: json|actions.updateMember.sendAs|unknown option",
    })
    void namesFileOptionAndReason(String original, String broken, String option, String reason) throws IOException {
        Path file = dir.resolve("mailchimp.yaml");
        String spec = Files.readString(Path.of("connectors/mailchimp.yaml"));
        String unescaped = original.replace("\\n", "\n");
        assertThat(spec).contains(unescaped);
        Files.writeString(file, spec.replaceFirst(Pattern.quote(unescaped), Matcher.quoteReplacement(broken.replace("\\n", "\n"))));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("option '" + option + "'")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InvalidSpecException) e).option()).isEqualTo(option));
    }

    @Test
    void aTargetWithoutActionsLoadsForARouteDrivenTargetSuchAsTheWebhook() {
        ConnectorSpec webhook = loader.load(Path.of("connectors/webhook.yaml"));

        assertThat(webhook.isTarget()).isTrue();
        assertThat(webhook.actions()).isEmpty();
    }

    @Test
    void aSourceWithActionsIsToldToBeATarget() throws IOException {
        Path file = dir.resolve("shopify.yaml");
        Files.writeString(file, Files.readString(Path.of("connectors/shopify.yaml"))
                + "\nactions:\n  ping:\n    method: GET\n    path: /ping\n");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("option 'actions'").hasMessageContaining("set kind: target");
    }
}
