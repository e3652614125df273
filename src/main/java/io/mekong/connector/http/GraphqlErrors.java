package io.mekong.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectorException;

/** GraphQL reports failures in a 200 response's {@code errors}; this turns them into a ConnectorException. */
public final class GraphqlErrors {

    private GraphqlErrors() {
    }

    /** @return the response body, when it is JSON without {@code errors} */
    public static JsonNode requireData(String system, HttpCall call, HttpResult result) {
        JsonNode body = result.json();
        if (body == null) {
            throw new ConnectorException(system + ": HTTP " + result.status() + " from " + call.describe()
                    + ": response " + result.notJson(), result.status());
        }
        JsonNode errors = body.path("errors");
        if (!errors.isMissingNode() && !errors.isNull() && !errors.isEmpty()) {
            throw new ConnectorException(system + ": GraphQL errors from " + call.describe() + ": "
                    + VendorText.clean(DefaultErrorHandler.describe(errors)), result.status());
        }
        return body;
    }
}
