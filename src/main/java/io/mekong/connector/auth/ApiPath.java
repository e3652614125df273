package io.mekong.connector.auth;

import io.mekong.connector.http.HttpCall;

/**
 * The path a marketplace signs: the request's path without the base URL's own path, e.g. {@code /orders/get}
 * for {@code https://api.lazada.vn/rest/orders/get}, or for a sandbox mounted under {@code /sandbox/lazada}.
 */
final class ApiPath {

    private ApiPath() {
    }

    static String of(HttpCall call, String basePath) {
        String path = call.uri().getRawPath();
        String base = basePath == null || basePath.equals("/") ? "" : basePath.replaceAll("/+$", "");
        if (!base.isEmpty() && path.startsWith(base)) {
            return path.substring(base.length());
        }
        return path;
    }
}
