package io.mekong.sandbox;

/** The access and refresh token a vendor handed an app for one shop most recently: the pair that works now. */
public record TokenPair(String accessToken, String refreshToken) {

    @Override
    public String toString() {
        return "TokenPair[…]";
    }
}
