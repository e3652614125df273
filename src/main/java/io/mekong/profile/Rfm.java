package io.mekong.profile;

import io.mekong.profile.GoldenRules.RfmThresholds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * RFM scores, 1 (low) to 5 (high), by fixed thresholds (identity.yaml {@code golden.rfm}) rather than quintiles of
 * the workspace: a profile's score then depends on that profile only, and does not move when other people buy.
 * Frequency and monetary are stored with the totals; recency depends on today, so it is scored when read, from the
 * stored last purchase, and never goes stale.
 */
final class Rfm {

    private Rfm() {
    }

    /** 5 within the first threshold's days of the last purchase, one less past each threshold. */
    static int recency(Instant lastPurchase, Instant now, RfmThresholds thresholds) {
        long days = Duration.between(lastPurchase, now).toDays();
        return 5 - (int) thresholds.recencyDays().stream().filter(limit -> days > limit).count();
    }

    static int frequency(long purchases, RfmThresholds thresholds) {
        return 1 + (int) thresholds.frequency().stream().filter(limit -> purchases >= limit).count();
    }

    /** @param revenue in major units of the reporting currency */
    static int monetary(BigDecimal revenue, RfmThresholds thresholds) {
        List<BigDecimal> limits = thresholds.monetary();
        return 1 + (int) limits.stream().filter(limit -> revenue.compareTo(limit) >= 0).count();
    }
}
