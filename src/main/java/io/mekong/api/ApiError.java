package io.mekong.api;

/** The JSON body of every error the API returns. */
public record ApiError(String error, String detail) {
}
