package io.mekong.connector.spec;

/**
 * A stream's {@code lookup} block: how to read given records again by key, for webhooks and push messages that carry
 * only ids (Shopee, Lazada) or a shape other than the stream's (Shopify's REST-shaped bodies). The records read are
 * completed by the stream's {@code details} and {@code coerce} exactly as a listed page is, so one mapping serves both.
 *
 * <p>GraphQL streams name a root field taking {@code id: ID!} ({@code field: order}); the engine asks for it once per
 * key, aliased, with the selection set the stream's own query reads for each record. REST streams give an endpoint
 * that answers a batch of keys, as a {@code details} block does ({@code idsParam}), or one that reads one record,
 * the key in its path ({@code /payment_intents/{id}}; a 404 means the key is gone). A stream without {@code lookup} whose {@code details}
 * replace its listed records is looked up through those details alone (Shopee's {@code get_order_detail}).
 *
 * @param field          GraphQL: the root field that reads one record by id
 * @param request        REST: the endpoint (path and fixed params)
 * @param idsParam       REST: the parameter carrying a batch of keys; absent, {@code {id}} in the path takes one key
 * @param idsFormat      REST: {@code comma} or {@code jsonArray}
 * @param batchSize      keys per request (REST default 50, GraphQL default 10)
 * @param recordSelector REST: where the records are in the response (default: the whole body)
 */
public record LookupSpec(String field, RequestSpec request, String idsParam, String idsFormat, Integer batchSize,
                         String recordSelector) {

    public LookupSpec {
        if ((field == null) == (request == null)) {
            throw new SpecProblem(field == null ? "request" : "field",
                    field == null ? "is required (or field, for a GraphQL stream)" : "and request are exclusive");
        }
        if (field != null && !field.matches("[_A-Za-z][_0-9A-Za-z]*")) {
            throw new SpecProblem("field", "must be a GraphQL field name (was '" + field + "')");
        }
        if (request != null && (idsParam == null) == !request.path().contains("{id}")) {
            throw new SpecProblem("idsParam", idsParam == null
                    ? "is required, or {id} in request.path for an endpoint that reads one record"
                    : "and {id} in request.path are exclusive: a batch of keys goes in idsParam, one key in the path");
        }
        recordSelector = recordSelector == null ? "" : recordSelector;
        batchSize = batchSize == null ? (field != null ? 10 : 50) : batchSize;
        if (batchSize < 1) {
            throw new SpecProblem("batchSize", "must be at least 1 (was " + batchSize + ")");
        }
    }

    /** Whether the REST endpoint reads one record, its key in the path. */
    public boolean oneByOne() {
        return request != null && idsParam == null;
    }

    /** The REST batch form as a replacing details block, so one fetcher serves both. */
    public DetailsSpec asDetails() {
        return new DetailsSpec(request, idsParam, idsFormat, null, batchSize, recordSelector, null, null, null, null, null, null);
    }
}
