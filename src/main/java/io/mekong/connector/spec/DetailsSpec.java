package io.mekong.connector.spec;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.List;

/**
 * A stream's {@code details} block, for APIs whose list returns ids or partial records and a second endpoint
 * returns the rest for a batch of ids (Shopee: {@code get_order_list} then {@code get_order_detail} for 50
 * {@code order_sn} at a time; Lazada: {@code /orders/get} then {@code /orders/items/get}). A stream may have several,
 * applied in order to the records the previous one completed (Shopee: the order detail, then its escrow).
 *
 * @param request        the detail endpoint (path and fixed params)
 * @param idsParam       the parameter carrying a batch of the listed records' keys
 * @param idsFormat      {@code comma} ({@code a,b,c}, the default) or {@code jsonArray} ({@code ["a","b"]})
 * @param idsIn          {@code query} (the default): {@code idsParam} is a query parameter written as {@code idsFormat};
 *                       {@code body}: the request's JSON body is {@code {"<idsParam>": ["a","b"]}} (a POST endpoint)
 * @param batchSize      ids per detail request (default 50)
 * @param recordSelector where the detail records are in the detail response
 * @param matchField     the detail record's field holding the listed record's key (default: the stream's primaryKey),
 *                       or a JSON Pointer into the detail record when the key is nested ({@code /escrow_detail/order_sn})
 * @param attachAs       null: the detail record replaces the listed one; else the field of the listed record that
 *                       receives {@code attach} from its detail record (e.g. Lazada's items)
 * @param attach         JSON Pointer, within a detail record, of what is attached (default: the whole record)
 * @param problemField   null: a detail response that cannot be read (not JSON, nothing at recordSelector) fails the
 *                       page; else the records of that batch are kept as listed with this field set to the problem,
 *                       so that the mapping rejects them into dead letters naming it and the other batches go on
 * @param optional     true: when a batch's request fails (after retries, or a {@code fail} filter) its records are
 *                     kept without the attachment and the page counts them as missing {@code attachAs}, instead of
 *                     the page failing (an app that lacks one permission still stores its records)
 * @param responseFilters how the detail responses are treated (before the requester's)
 */
public record DetailsSpec(RequestSpec request, String idsParam, String idsFormat, String idsIn, Integer batchSize,
                          String recordSelector, String matchField, String attachAs, String attach, String problemField,
                          Boolean optional, List<ResponseFilterSpec> responseFilters) {

    public DetailsSpec {
        SpecProblem.require(request, "request");
        SpecProblem.require(idsParam, "idsParam");
        idsFormat = idsFormat == null ? "comma" : idsFormat;
        if (!idsFormat.equals("comma") && !idsFormat.equals("jsonArray")) {
            throw new SpecProblem("idsFormat", "must be comma or jsonArray (was '" + idsFormat + "')");
        }
        idsIn = idsIn == null ? "query" : idsIn;
        if (!idsIn.equals("query") && !idsIn.equals("body")) {
            throw new SpecProblem("idsIn", "must be query or body (was '" + idsIn + "')");
        }
        if (idsIn.equals("body") && request.method().equals("GET")) {
            throw new SpecProblem("idsIn", "body needs request.method POST: a GET request has no body");
        }
        batchSize = batchSize == null ? 50 : batchSize;
        responseFilters = responseFilters == null ? List.of() : List.copyOf(responseFilters);
        optional = optional != null && optional;
        if (optional && attachAs == null) {
            throw new SpecProblem("optional", "needs attachAs: a detail that replaces the listed record cannot be left out");
        }
        if (batchSize < 1) {
            throw new SpecProblem("batchSize", "must be at least 1 (was " + batchSize + ")");
        }
        recordSelector = Pointers.check(recordSelector, "recordSelector");
        attach = attach == null ? "" : Pointers.check(attach, "attach");
        if (!attach.isEmpty() && attachAs == null) {
            throw new SpecProblem("attach", "needs attachAs, the field that receives it");
        }
    }

    public JsonPointer recordPointer() {
        return Pointers.compile(recordSelector);
    }

    /** Where a detail record holds the listed record's key ({@code keyField} when no matchField is set). */
    public JsonPointer matchPointer(String keyField) {
        String field = matchField == null ? keyField : matchField;
        return field.startsWith("/") ? JsonPointer.compile(field) : JsonPointer.compile("/" + field.replace("~", "~0").replace("/", "~1"));
    }

    public JsonPointer attachPointer() {
        return JsonPointer.compile(attach);
    }
}
