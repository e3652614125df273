package io.mekong.sandbox.klaviyo;

/**
 * The simulated Klaviyo account: its private API key ({@code pk_…}) and its rate limits per account, in fixed
 * windows (Klaviyo's tier M, the default, allows 10 calls a second and 150 a minute).
 */
public record KlaviyoAccount(String apiKey, int burstPerSecond, int steadyPerMinute) {

    public static final String KEY_PREFIX = "pk_";

    public KlaviyoAccount {
        if (apiKey == null || !apiKey.startsWith(KEY_PREFIX)) {
            throw new IllegalArgumentException("a Klaviyo private API key starts with " + KEY_PREFIX);
        }
    }

    /** The key stays out of logs and toString. */
    @Override
    public String toString() {
        return "KlaviyoAccount[burstPerSecond=" + burstPerSecond + ", steadyPerMinute=" + steadyPerMinute + "]";
    }
}
