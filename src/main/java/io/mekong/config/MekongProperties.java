package io.mekong.config;

import io.mekong.connector.egress.EgressGuard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
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
 * @param security      sign-in limits and the HTTP Basic credential cache
 * @param egress        where connections may reach
 * @param http          request-size limits of the servlet container, and requests to vendors
 * @param bus           the Kafka bus: the broker, the topics and the outbox relay
 * @param destinations  the targets the bus delivers to
 * @param targets       how the connector targets (Klaviyo, Mailchimp, HubSpot) are written to
 * @param checkouts     when a started checkout counts as abandoned
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
        @DefaultValue @Valid Security security,
        @DefaultValue @Valid Egress egress,
        @DefaultValue @Valid Http http,
        @DefaultValue @Valid Bus bus,
        @DefaultValue @Valid Destinations destinations,
        @DefaultValue @Valid Targets targets,
        @DefaultValue @Valid Checkouts checkouts) {

    public MekongProperties {
        // the global limit sits in front of the webhook endpoint: a smaller one would refuse deliveries it accepts
        if (http != null && webhooks != null && http.maxRequestBytes() < webhooks.maxBodyBytes()) {
            throw new IllegalArgumentException("mekong.http.max-request-bytes (" + http.maxRequestBytes()
                    + ") must be at least mekong.webhooks.max-body-bytes (" + webhooks.maxBodyBytes() + ")");
        }
    }

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
     * @param replayWindow for connectors with {@code dedupeOnBody}: how long a body received is remembered, so that the
     *                     same body under a new event id is a duplicate (MEKONG_WEBHOOK_REPLAY_WINDOW)
     */
    public record Webhooks(@DefaultValue("1048576") @Min(1024) int maxBodyBytes,
                           @DefaultValue("1s") @Pattern(regexp = "(\\d+(ms|s|m|h|d))+", message = "must be a Camel duration such as 500ms, 1s or 2m") String processEvery,
                           @DefaultValue("200") @Min(1) @Max(10000) int processBatch,
                           @DefaultValue("PT5M") Duration claimLease,
                           @DefaultValue("P1D") @DurationMin(seconds = 1) @DurationMax(days = 365) Duration replayWindow) {
    }

    /**
     * @param bootstrap   an external Kafka cluster's bootstrap servers (MEKONG_KAFKA_BOOTSTRAP); empty: the embedded
     *                    broker, on loopback, with its log under the data folder
     * @param topicPrefix put before each topic's name: {@code mekong.orders}
     * @param partitions  partitions of each topic the hub creates; the most consumers of one destination that work at
     *                    once
     * @param replicas    replicas of each topic the hub creates (1 on the embedded broker)
     * @param relayEvery  how often the relay looks for outbox rows when it found none, as a Camel duration
     * @param relayBatch  outbox rows one relay pass publishes at most
     * @param relayLease  how long the relay's lease lasts without renewal: the longest a crashed instance's relay holds
     *                    the others back
     */
    public record Bus(@DefaultValue("") String bootstrap,
                      @DefaultValue("mekong.") @Pattern(regexp = "[a-zA-Z0-9._-]*", message = "may hold only letters, digits, '.', '_' and '-'") String topicPrefix,
                      @DefaultValue("6") @Min(1) @Max(1000) int partitions,
                      @DefaultValue("1") @Min(1) @Max(10) short replicas,
                      @DefaultValue("200ms") @Pattern(regexp = "(\\d+(ms|s|m|h|d))+", message = "must be a Camel duration such as 500ms, 1s or 2m") String relayEvery,
                      @DefaultValue("2000") @Min(1) @Max(50000) int relayBatch,
                      @DefaultValue("PT30S") @DurationMin(seconds = 1) Duration relayLease) {

        public boolean embedded() {
            return bootstrap.isBlank();
        }
    }

    /**
     * @param reconcileEvery how often each instance starts and stops destination routes changed through another one
     * @param rememberEvents how long the ids of events a consumer applied are kept to recognise a copy; a copy comes
     *                       within minutes of the original (a relay or consumer crash), so a day is ample
     * @param consumers      Kafka consumers per webhook destination on each instance (a connector target's has one:
     *                       DestinationRoutes), each with its own thread and its own
     *                       partitions (order is kept per partition, so per subject): while one waits for its target's
     *                       answer the others deliver; more than the topics' partitions leaves the rest idle
     */
    public record Destinations(@DefaultValue("PT5S") @DurationMin(seconds = 1) Duration reconcileEvery,
                               @DefaultValue("P7D") @DurationMin(hours = 1) Duration rememberEvents,
                               @DefaultValue("3") @Min(1) @Max(64) int consumers) {
    }

    /**
     * @param maxRetryWait the longest {@code Retry-After} (429, 503) a write to a connector target waits out in place
     *                     (MEKONG_TARGETS_MAX_RETRY_WAIT). A longer one ends the write at once: the destination pauses
     *                     for as long as the target asked, shown as its status and last error, while the others go on
     */
    public record Targets(@DefaultValue("PT30S") @DurationMin(seconds = 0) @DurationMax(hours = 1) Duration maxRetryWait) {
    }

    /**
     * @param scanEvery      how often each instance looks for newly abandoned checkouts: a Camel duration such as 30s,
     *                       1m or 1h (the timer of routes/checkouts.yaml reads it as it is)
     * @param abandonedAfter how long after its source last changed it a checkout not completed, and not followed by an
     *                       order of the same buyer, counts as abandoned
     * @param batchSize      checkouts marked per transaction; a pass that marks this many goes on with another
     */
    public record Checkouts(@DefaultValue("1m") @Pattern(regexp = "(\\d+(ms|s|m|h|d))+", message = "must be a Camel duration such as 30s, 1m or 1h") String scanEvery,
                            @DefaultValue("PT1H") @DurationMin(seconds = 0) @DurationMax(days = 365) Duration abandonedAfter,
                            @DefaultValue("500") @Min(1) @Max(10000) int batchSize) {
    }

    /** @param reload reload routes/ on edit, keeping the running routes when an edit is invalid (development) */
    public record Routes(@DefaultValue("false") boolean reload) {
    }

    /**
     * @param threads        sync runs executed at once on this instance
     * @param maxPagesPerRun API pages one run may read, its streams and deletion sweeps together: a source that pages
     *                       forever (or a filter that matches far more than meant) ends in a failed run instead of a run
     *                       that never ends. The next run resumes from the last committed checkpoint
     * @param maxRunDuration how long one run may read; past it the run fails at its next page, and the next run resumes
     *                       from the last committed checkpoint
     * @param sweepEvery     how often each instance finishes runs whose instance is gone, writes the ends of its own runs
     *                       that it could not write while the database was away, and takes its liveness lock again
     *                       after a database restart
     */
    public record Sync(@DefaultValue("4") @Min(1) @Max(64) int threads,
                       @DefaultValue("250000") @Min(1) long maxPagesPerRun,
                       @DefaultValue("PT6H") @DurationMin(seconds = 1) Duration maxRunDuration,
                       @DefaultValue("PT1M") @DurationMin(seconds = 1) Duration sweepEvery) {
    }

    /**
     * @param signInAttempts failed sign-ins allowed before an address or a user name must wait (429)
     * @param basicCache     verified HTTP Basic credentials, kept so that scripts do not pay BCrypt on every request
     */
    public record Security(@DefaultValue @Valid SignInAttempts signInAttempts,
                           @DefaultValue @Valid BasicCache basicCache) {
    }

    /**
     * Counted per instance, in memory.
     *
     * @param perUser    failed sign-ins of one user name within the window; more are refused with 429
     * @param perAddress failed sign-ins from one client address within the window
     * @param window     how long failures count, from the first one; the longest a client has to wait
     * @param tracked    user names and addresses tracked at most (each); the least recently used are forgotten first
     */
    public record SignInAttempts(@DefaultValue("10") @Min(1) int perUser,
                                 @DefaultValue("30") @Min(1) int perAddress,
                                 @DefaultValue("PT5M") Duration window,
                                 @DefaultValue("100000") @Min(100) int tracked) {
    }

    /**
     * @param ttl  how long a verified Basic credential is trusted without a password check; 0 turns the cache off.
     *             A disabled, deleted or re-passworded user keeps working this long
     * @param size credentials cached at most
     */
    public record BasicCache(@DefaultValue("PT60S") Duration ttl,
                             @DefaultValue("10000") @Min(1) int size) {
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
     * Request bodies, refused with 413 beyond these (chunked bodies are cut off at the same size), and vendor answers.
     *
     * @param maxRequestBytes    any request (at least mekong.webhooks.max-body-bytes)
     * @param maxSignInBytes     sign-in requests (the login form, Hawtio's login), read before anyone is known
     * @param maxSandboxBytes    requests to the simulators under /sandbox/**
     * @param maxDeadLetterBytes a dead letter's edited payload
     * @param maxResponseBytes   the largest vendor response body read; a larger one fails the request
     * @param responseDeadline   how long one request to a vendor may take from sending to the last byte of its answer
     */
    public record Http(@DefaultValue("2097152") @Min(1024) long maxRequestBytes,
                       @DefaultValue("16384") @Min(256) int maxSignInBytes,
                       @DefaultValue("1048576") @Min(1024) int maxSandboxBytes,
                       @DefaultValue("1048576") @Min(1024) int maxDeadLetterBytes,
                       @DefaultValue("16777216") @Min(1024) long maxResponseBytes,
                       @DefaultValue("PT2M") Duration responseDeadline) {

        public Http {
            if (responseDeadline.isNegative() || responseDeadline.isZero()) {
                throw new IllegalArgumentException("mekong.http.response-deadline (MEKONG_HTTP_RESPONSE_DEADLINE) must be"
                        + " positive (was " + responseDeadline + ")");
            }
        }
    }
}
