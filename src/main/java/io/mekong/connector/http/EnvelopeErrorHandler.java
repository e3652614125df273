package io.mekong.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.spec.ErrorEnvelopeSpec;
import java.io.IOException;
import java.util.Set;

/**
 * Reads errors that arrive as HTTP 200 with a code in the body: a code outside {@code ok} fails the call (after
 * retries, when the code is {@code retryable}), and the vendor's message names the code. HTTP-level failures
 * are left to the wrapped handler.
 */
public final class EnvelopeErrorHandler implements ErrorHandler {

    private final ErrorHandler http;
    private final ErrorEnvelopeSpec spec;
    private final Set<String> ok;
    private final Set<String> retryable;

    public EnvelopeErrorHandler(ErrorHandler http, ErrorEnvelopeSpec spec) {
        this.http = http;
        this.spec = spec;
        this.ok = spec.okCodes();
        this.retryable = Set.copyOf(spec.retryable());
    }

    @Override
    public boolean isRetryable(HttpResult result) {
        String code = code(result);
        return code != null && retryable.contains(code) || http.isRetryable(result);
    }

    @Override
    public boolean isRetryable(IOException error) {
        return http.isRetryable(error);
    }

    @Override
    public boolean failed(HttpResult result) {
        return http.failed(result) || code(result) != null;
    }

    @Override
    public String vendorCode(HttpResult result) {
        return code(result);
    }

    @Override
    public String vendorMessage(HttpResult result) {
        String code = code(result);
        if (code == null) {
            return http.vendorMessage(result);
        }
        JsonNode message = spec.message() == null ? null : result.json().at(spec.message());
        return VendorText.clean(code + (message == null || message.isMissingNode() || message.isNull() ? "" : ": " + message.asText()));
    }

    /** The body's error code when it is not a success code; null for success or a body without an envelope. */
    private String code(HttpResult result) {
        JsonNode json = result.json();
        if (json == null) {
            return null;
        }
        JsonNode code = json.at(spec.codePointer());
        if (code.isMissingNode() || code.isNull() || ok.contains(code.asText())) {
            return null;
        }
        return code.asText();
    }
}
