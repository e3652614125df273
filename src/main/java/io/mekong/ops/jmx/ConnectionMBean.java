package io.mekong.ops.jmx;

import io.mekong.connector.ratelimit.RateBudget;
import io.mekong.sync.SyncRun;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;

/**
 * One connection in Hawtio ({@code mekong:type=Connection,workspace=<ws>,name=<id>}): how much of the vendor's rate
 * limit is left and its last error. The budget is what this instance's limiter knows: a GraphQL cost bucket as the
 * vendor last reported it (empty before the first request), or the shared request-rate bucket. The last error is
 * that of its latest failed sync run, the hub's own words as GET /api/runs/{id} shows them: no secrets, no vendor
 * response bodies.
 */
@ManagedResource(description = "A connection: rate-limit budget left and last error")
public class ConnectionMBean {

    private final String connectionId;
    private final ConnectionFacts facts;

    ConnectionMBean(String connectionId, ConnectionFacts facts) {
        this.connectionId = connectionId;
        this.facts = facts;
    }

    @ManagedAttribute(description = "Its connector (the connectors/ file it speaks through)")
    public String getConnector() {
        return facts.connector(connectionId);
    }

    @ManagedAttribute(description = "What its rate limit counts: cost points or requests; empty when unknown yet")
    public String getRateLimitUnit() {
        return budget().map(RateBudget::unit).orElse(null);
    }

    @ManagedAttribute(description = "Rate-limit budget that may be spent at once now")
    public Double getRateLimitAvailable() {
        return budget().map(RateBudget::available).orElse(null);
    }

    @ManagedAttribute(description = "The most the rate-limit budget holds")
    public Double getRateLimitMaximum() {
        return budget().map(RateBudget::maximum).orElse(null);
    }

    @ManagedAttribute(description = "How fast the rate-limit budget refills, per second")
    public Double getRateLimitRestoredPerSecond() {
        return budget().map(RateBudget::restoredPerSecond).orElse(null);
    }

    @ManagedAttribute(description = "The error of its latest failed sync run")
    public String getLastError() {
        return lastFailure().map(SyncRun::error).orElse(null);
    }

    @ManagedAttribute(description = "When its latest failed sync run ended")
    public String getLastErrorAt() {
        return lastFailure().map(SyncRun::finishedAt).map(Instant::toString).orElse(null);
    }

    @ManagedAttribute(description = "The id of its latest failed sync run (GET /api/runs/{id})")
    public Long getLastErrorRunId() {
        return lastFailure().map(SyncRun::id).orElse(null);
    }

    private Optional<RateBudget> budget() {
        return facts.budget(connectionId);
    }

    private Optional<SyncRun> lastFailure() {
        return facts.lastFailure(connectionId);
    }
}
