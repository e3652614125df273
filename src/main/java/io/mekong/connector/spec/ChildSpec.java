package io.mekong.connector.spec;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.List;

/**
 * One entry of a stream's {@code children}: after a page (and its details) is read, one request per record whose
 * answer is attached to the record, for APIs that keep a record's rows behind their own URL
 * ({@code /orders/{{record.id}}/notes}).
 *
 * @param request        the child request; its path and params may use {@code {{record.<field>}}} (a nested field as
 *                       {@code {{record.customer.id}}}), sent percent-encoded
 * @param recordSelector where the rows are in the answer ({@code /} or empty: the whole answer)
 * @param attachAs       the record's field that receives them
 * @param concurrency    at most this many child requests at once for one page (default 4)
 * @param optional       true: a record whose child request fails (after retries, or a {@code fail} filter) is stored
 *                       without {@code attachAs} and counted as missing it, instead of the page failing
 * @param responseFilters how the child responses are treated (before the requester's)
 */
public record ChildSpec(RequestSpec request, String recordSelector, String attachAs, Integer concurrency, Boolean optional,
                        List<ResponseFilterSpec> responseFilters) {

    /** The variable prefix that names a field of the record the child request is for. */
    public static final String RECORD = "record.";

    public ChildSpec {
        SpecProblem.require(request, "request");
        recordSelector = Pointers.check(recordSelector == null ? "" : recordSelector, "recordSelector");
        SpecProblem.require(attachAs, "attachAs");
        concurrency = concurrency == null ? 4 : concurrency;
        if (concurrency < 1 || concurrency > 16) {
            throw new SpecProblem("concurrency", "must be between 1 and 16 (was " + concurrency + ")");
        }
        optional = optional != null && optional;
        responseFilters = responseFilters == null ? List.of() : List.copyOf(responseFilters);
        boolean perRecord = Template.variables(request.path()).stream().anyMatch(v -> v.startsWith(RECORD))
                || request.params().values().stream().anyMatch(p -> Template.variables(p).stream().anyMatch(v -> v.startsWith(RECORD)));
        if (!perRecord) {
            throw new SpecProblem("request.path", "must name the record, e.g. /orders/{{record.id}}/notes: "
                    + "otherwise every record would get the same answer");
        }
    }

    public JsonPointer recordPointer() {
        return Pointers.compile(recordSelector);
    }
}
