package io.mekong.sandbox.hooks;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mekong.sandbox.hooks.*}: the webhook receivers at {@code /sandbox/hooks/<name>}, each with a signing secret
 * random at each start.
 *
 * @param receivers their names (lower-case letters, digits and dashes)
 * @param retain    bodies each receiver keeps for inspection (its counts cover every body)
 */
@ConfigurationProperties("mekong.sandbox.hooks")
@Validated
public record HookSandboxProperties(@DefaultValue({"merchant", "zapier", "n8n"}) @NotEmpty List<String> receivers,
                                    @DefaultValue("10000") @Min(1) int retain) {
}
