package io.mekong.connector.spec;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.List;
import java.util.Set;

/**
 * The {@code requester.errorEnvelope} block, for APIs that answer errors with HTTP 200 and a code in the body
 * (Shopee {@code "error":"error_auth"}, Lazada {@code "code":"IllegalAccessToken"}).
 *
 * @param code      JSON Pointer of the error code
 * @param ok        the codes that mean success; an absent or null code is success too
 * @param message   JSON Pointer of the vendor's explanation
 * @param retryable codes worth another attempt, like a 429 or a 5xx (throttling, transient server errors)
 */
public record ErrorEnvelopeSpec(String code, List<String> ok, String message, List<String> retryable) {

    public ErrorEnvelopeSpec {
        code = Pointers.check(code, "code");
        ok = ok == null ? List.of("") : List.copyOf(ok);
        message = message == null ? null : Pointers.check(message, "message");
        retryable = retryable == null ? List.of() : List.copyOf(retryable);
    }

    public JsonPointer codePointer() {
        return JsonPointer.compile(code);
    }

    public Set<String> okCodes() {
        return Set.copyOf(ok);
    }
}
