package io.mekong.connector.spec;

import java.util.Map;

/**
 * A REST stream's request: {@code method} and {@code path} (appended to the requester's base URL and path) and
 * fixed query {@code params}, sent in the order written (templates allowed, e.g. {@code {{params.storeCode}}}).
 *
 * @param pageSize the paginator's page size
 */
public record RequestSpec(String method, String path, Map<String, String> params, Integer pageSize) {

    public RequestSpec {
        method = HttpMethods.check(method, "GET");
        SpecProblem.require(path, "path");
        if (!path.startsWith("/")) {
            throw new SpecProblem("path", "must start with / (was '" + path + "')");
        }
        params = OrderedMaps.copy(params);
        pageSize = pageSize == null ? 100 : pageSize;
        if (pageSize < 1) {
            throw new SpecProblem("pageSize", "must be at least 1 (was " + pageSize + ")");
        }
    }
}
