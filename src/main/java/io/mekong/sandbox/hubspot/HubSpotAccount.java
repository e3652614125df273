package io.mekong.sandbox.hubspot;

/**
 * The simulated HubSpot portal as a private app sees it: the app's access token ({@code pat-…}) and its limit,
 * {@code requestsPerTenSeconds} in any rolling ten seconds (100 on Free and Starter, 190 on Professional).
 */
public record HubSpotAccount(String token, long portalId, int requestsPerTenSeconds) {

    public static final String TOKEN_PREFIX = "pat-";

    public HubSpotAccount {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            throw new IllegalArgumentException("a HubSpot private app token starts with " + TOKEN_PREFIX);
        }
    }

    /** The token stays out of logs and toString. */
    @Override
    public String toString() {
        return "HubSpotAccount[portalId=" + portalId + ", requestsPerTenSeconds=" + requestsPerTenSeconds + "]";
    }
}
