package io.mekong.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.mekong.config.MekongProperties;
import java.time.Duration;

/**
 * Failed sign-ins per client address and per user name, each counted in a window that starts with the first failure.
 * Once either count reaches its limit, sign-ins from that address or for that user wait until the window ends,
 * without a password check. In memory and per instance: behind a load balancer each instance counts on its own.
 * Both tables are bounded ({@code tracked} entries each, least recently used forgotten first), so a flood of
 * addresses or invented user names costs bounded memory.
 */
class SignInAttempts {

    /** @param startNanos the ticker's reading at the first failure of the window */
    private record Failures(long startNanos, int count) {
    }

    private final Cache<String, Failures> byUser;
    private final Cache<String, Failures> byAddress;
    private final int perUser;
    private final int perAddress;
    private final long windowNanos;
    private final Ticker ticker;

    SignInAttempts(MekongProperties.SignInAttempts limits, Ticker ticker) {
        this.perUser = limits.perUser();
        this.perAddress = limits.perAddress();
        this.windowNanos = limits.window().toNanos();
        this.ticker = ticker;
        this.byUser = table(limits.tracked());
        this.byAddress = table(limits.tracked());
    }

    /** How long a sign-in from {@code address} as {@code username} must wait; zero when it may try now. */
    Duration waitFor(String address, String username) {
        long now = ticker.read();
        return max(remaining(byAddress, address, perAddress, now), remaining(byUser, username, perUser, now));
    }

    void failed(String address, String username) {
        long now = ticker.read();
        count(byAddress, address, now);
        count(byUser, username, now);
    }

    /** A verified password clears its user's failures; the address keeps its count (it may be guessing others). */
    void succeeded(String username) {
        if (username != null) {
            byUser.invalidate(username);
        }
    }

    /** Addresses and user names tracked now, both tables together. */
    long tracked() {
        byUser.cleanUp();
        byAddress.cleanUp();
        return byUser.estimatedSize() + byAddress.estimatedSize();
    }

    private Duration remaining(Cache<String, Failures> table, String key, int limit, long now) {
        Failures failures = key == null ? null : table.getIfPresent(key);
        if (failures == null || failures.count() < limit) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(1, failures.startNanos() + windowNanos - now));
    }

    private static void count(Cache<String, Failures> table, String key, long now) {
        if (key != null) {
            table.asMap().merge(key, new Failures(now, 1),
                    (old, first) -> new Failures(old.startNanos(), old.count() + 1));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Entries live for the window from their first failure; later failures do not extend it. */
    private Cache<String, Failures> table(int tracked) {
        return Caffeine.newBuilder().maximumSize(tracked).ticker(ticker)
                .expireAfter(new Expiry<String, Failures>() {
                    @Override
                    public long expireAfterCreate(String key, Failures value, long currentTime) {
                        return windowNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Failures value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Failures value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }
}
