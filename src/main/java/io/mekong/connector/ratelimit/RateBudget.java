package io.mekong.connector.ratelimit;

/**
 * What a connection's limiter knows of its budget right now, for operators (Hawtio).
 *
 * @param unit              what the budget counts: {@code cost points} (a GraphQL cost bucket) or {@code requests}
 * @param available         what may be spent at once now; 0 while callers wait for a refill
 * @param maximum           the most the bucket holds
 * @param restoredPerSecond how fast it refills
 */
public record RateBudget(String unit, double available, double maximum, double restoredPerSecond) {

    public RateBudget {
        available = Math.max(0, available);
    }
}
