package io.mekong.config;

import io.mekong.connector.egress.EgressGuard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code mekong.*} option in one place, typed, with its default and its check: an invalid value stops the hub at
 * start with a message naming the option (e.g. {@code mekong.webhooks.process-batch must be greater than or equal to
 * 1}). README "Configuration" lists the environment variables that set them.
 *
 * @param home          folder holding connectors/, mappings/ and routes/
 * @param dataDir       the embedded PostgreSQL's files and the generated master key
 * @param masterKey     encrypts connection secrets at rest: base64 of 32 bytes, or a passphrase; empty: a key file in
 *                      the data folder, made at first start
 * @param adminPassword the admin user's password; empty: generated and printed once at first start
 * @param db            the embedded database
 * @param sandbox       the simulators and the demo
 * @param demo          the demo connections, their sync jobs and the demo merchant
 * @param webhooks      receiving and processing webhooks
 * @param routes        the route files
 * @param sync          sync runs
 * @param egress        where connections may reach
 * @param http          requests to vendors
 */
@ConfigurationProperties("mekong")
@Validated
public record MekongProperties(
        @DefaultValue(".") @NotBlank String home,
        @DefaultValue("./data") @NotBlank String dataDir,
        @DefaultValue("") String masterKey,
        @DefaultValue("") String adminPassword,
        @DefaultValue @Valid Db db,
        @DefaultValue @Valid Sandbox sandbox,
        @DefaultValue @Valid Demo demo,
        @DefaultValue @Valid Webhooks webhooks,
        @DefaultValue @Valid Routes routes,
        @DefaultValue @Valid Sync sync,
        @DefaultValue @Valid Egress egress,
        @DefaultValue @Valid Http http) {

    // Paths are kept as text and resolved here: Spring's String-to-Path conversion would read "." as a classpath resource

    public Path homePath() {
        return Path.of(home);
    }

    public Path dataPath() {
        return Path.of(dataDir);
    }

    /** @param embeddedPort the embedded PostgreSQL's port; 0: a free one */
    public record Db(@DefaultValue("0") @Min(0) @Max(65535) int embeddedPort) {
    }

    /** @param enabled start the simulators, serve /sandbox/** and create the demo (MEKONG_SANDBOX) */
    public record Sandbox(@DefaultValue("false") boolean enabled) {
    }

    /**
     * @param enabled       create the demo connections and jobs when the sandbox is on
     * @param schedule      the demo sync jobs' schedule
     * @param activityEvery how often the demo merchant changes the simulated systems
     */
    public record Demo(@DefaultValue("true") boolean enabled,
                       @DefaultValue("@every 15m") @NotBlank String schedule,
                       @DefaultValue("PT30S") Duration activityEvery) {
    }

    /**
     * @param maxBodyBytes the largest webhook body accepted (larger: 413)
     * @param processEvery how often each instance claims from the inbox, as a Camel duration (500ms, 1s, 2m)
     * @param processBatch deliveries a claim takes
     * @param claimLease   how long a claim holds its deliveries before another instance may take them up
     */
    public record Webhooks(@DefaultValue("1048576") @Min(1024) int maxBodyBytes,
                           @DefaultValue("1s") @Pattern(regexp = "(\\d+(ms|s|m|h|d))+", message = "must be a Camel duration such as 500ms, 1s or 2m") String processEvery,
                           @DefaultValue("200") @Min(1) @Max(10000) int processBatch,
                           @DefaultValue("PT5M") Duration claimLease) {
    }

    /** @param reload reload routes/ on edit, keeping the running routes when an edit is invalid (development) */
    public record Routes(@DefaultValue("false") boolean reload) {
    }

    /** @param threads sync runs executed at once on this instance */
    public record Sync(@DefaultValue("4") @Min(1) @Max(64) int threads) {
    }

    /**
     * @param allow address ranges (CIDR blocks or single addresses) connections may reach although they are loopback,
     *              link-local, private or the hub's own (MEKONG_EGRESS_ALLOW, comma-separated)
     */
    public record Egress(@DefaultValue List<String> allow) {

        public Egress {
            allow = allow.stream().map(String::strip).filter(entry -> !entry.isEmpty()).toList();
            List<String> problems = EgressGuard.problems(allow);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("mekong.egress.allow (MEKONG_EGRESS_ALLOW): " + String.join("; ", problems));
            }
        }
    }

    /**
     * @param maxResponseBytes the largest vendor response body read; a larger one fails the request
     * @param responseDeadline how long one request may take from sending to the last byte of its answer
     */
    public record Http(@DefaultValue("16777216") @Min(1024) long maxResponseBytes,
                       @DefaultValue("PT2M") Duration responseDeadline) {

        public Http {
            if (responseDeadline.isNegative() || responseDeadline.isZero()) {
                throw new IllegalArgumentException("mekong.http.response-deadline (MEKONG_HTTP_RESPONSE_DEADLINE) must be"
                        + " positive (was " + responseDeadline + ")");
            }
        }
    }
}
