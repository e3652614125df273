package io.mekong.connector.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code requester} block: where and how requests are sent. {@code baseUrl} and {@code path} are templates;
 * a connection's {@code baseUrl} parameter replaces {@code baseUrl}. {@code errorEnvelope} is optional;
 * {@code responseFilters} apply to every request, after those of the stream, details block or child request.
 */
public record RequesterSpec(String baseUrl, String apiVersion, String path, String method, Map<String, String> headers,
                            Duration connectTimeout, Duration readTimeout, RetrySpec retry,
                            ErrorEnvelopeSpec errorEnvelope, List<ResponseFilterSpec> responseFilters) {

    public RequesterSpec {
        SpecProblem.require(baseUrl, "baseUrl");
        path = path == null ? "" : path;
        method = HttpMethods.check(method, "GET");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        retry = retry == null ? RetrySpec.DEFAULT : retry;
        responseFilters = responseFilters == null ? List.of() : List.copyOf(responseFilters);
    }
}
