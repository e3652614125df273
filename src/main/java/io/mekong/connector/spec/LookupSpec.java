package io.mekong.connector.spec;

/**
 * A stream's {@code lookup} block: how to read given records again by key, for webhooks and push messages that carry
 * only ids (Shopee, Lazada) or a shape other than the stream's (Shopify's REST-shaped bodies). The records read are
 * completed by the stream's {@code details} and {@code coerce} exactly as a listed page is, so one mapping serves both.
 *
 * <p>GraphQL streams name a root field taking {@code id: ID!} ({@code field: order}); the engine asks for it once per
 * key, aliased, with the selection set the stream's own query reads for each record. REST streams give an endpoint
 * that answers a batch of keys, as a {@code details} block does. A stream without {@code lookup} whose {@code details}
 * replace its listed records is looked up through those details alone (Shopee's {@code get_order_detail}).
 *
 * @param field          GraphQL: the root field that reads one record by id
 * @param request        REST: the endpoint (path and fixed params)
 * @param idsParam       REST: the parameter carrying a batch of keys
 * @param idsFormat      REST: {@code comma} or {@code jsonArray}
 * @param batchSize      keys per request (REST default 50, GraphQL default 10)
 * @param recordSelector REST: where the records are in the response
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
        batchSize = batchSize == null ? (field != null ? 10 : 50) : batchSize;
        if (batchSize < 1) {
            throw new SpecProblem("batchSize", "must be at least 1 (was " + batchSize + ")");
        }
    }

    /** The REST form as a replacing details block, so one fetcher serves both. */
    public DetailsSpec asDetails() {
        return new DetailsSpec(request, idsParam, idsFormat, null, batchSize, recordSelector, null, null, null, null);
    }
}
