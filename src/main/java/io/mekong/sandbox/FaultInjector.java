package io.mekong.sandbox;

import java.util.Optional;
import java.util.Random;
import java.util.function.LongConsumer;

/** Decides, request by request and deterministically, whether a {@link FaultPlan} fault hits. */
public final class FaultInjector {

    /** An injected fault: a 5xx, or a 429 carrying {@code retryAfterSeconds}. */
    public record Fault(int status, double retryAfterSeconds) {
        public boolean isThrottle() {
            return status == 429;
        }
    }

    private final FaultPlan plan;
    private final Random random;
    private final LongConsumer sleeper;
    private long requests;

    public FaultInjector(FaultPlan plan, LongConsumer sleeper) {
        this.plan = plan;
        this.random = new Random(plan.seed());
        this.sleeper = sleeper;
    }

    public static FaultInjector sleeping(FaultPlan plan) {
        return new FaultInjector(plan, FaultInjector::sleep);
    }

    public FaultPlan plan() {
        return plan;
    }

    /** Counts one request, applies the added latency and returns the fault to answer with, if any. */
    public Optional<Fault> next() {
        long n;
        boolean drawnFailure;
        synchronized (this) {
            n = ++requests;
            drawnFailure = plan.failFraction() > 0 && random.nextDouble() < plan.failFraction();
        }
        if (plan.latencyMillis() > 0) {
            sleeper.accept(plan.latencyMillis());
        }
        if (plan.failEveryNth() > 0 && n % plan.failEveryNth() == 0 || drawnFailure) {
            return Optional.of(new Fault(plan.failStatus(), 0));
        }
        if (plan.throttleEveryNth() > 0 && n % plan.throttleEveryNth() == 0) {
            return Optional.of(new Fault(429, plan.retryAfterSeconds()));
        }
        return Optional.empty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
