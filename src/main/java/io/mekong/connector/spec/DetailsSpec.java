package io.mekong.connector.spec;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * A stream's {@code details} block, for APIs whose list returns ids or partial records and a second endpoint
 * returns the rest for a batch of ids (Shopee: {@code get_order_list} then {@code get_order_detail} for 50
 * {@code order_sn} at a time; Lazada: {@code /orders/get} then {@code /orders/items/get}).
 *
 * @param request        the detail endpoint (path and fixed params)
 * @param idsParam       the parameter carrying a batch of the listed records' keys
 * @param idsFormat      {@code comma} ({@code a,b,c}, the default) or {@code jsonArray} ({@code ["a","b"]})
 * @param batchSize      ids per detail request (default 50)
 * @param recordSelector where the detail records are in the detail response
 * @param matchField     the detail record's field holding the listed record's key (default: the stream's primaryKey)
 * @param attachAs       null: the detail record replaces the listed one; else the field of the listed record that
 *                       receives {@code attach} from its detail record (e.g. Lazada's items)
 * @param attach         JSON Pointer, within a detail record, of what is attached (default: the whole record)
 */
public record DetailsSpec(RequestSpec request, String idsParam, String idsFormat, Integer batchSize,
                          String recordSelector, String matchField, String attachAs, String attach) {

    public DetailsSpec {
        SpecProblem.require(request, "request");
        SpecProblem.require(idsParam, "idsParam");
        idsFormat = idsFormat == null ? "comma" : idsFormat;
        if (!idsFormat.equals("comma") && !idsFormat.equals("jsonArray")) {
            throw new SpecProblem("idsFormat", "must be comma or jsonArray (was '" + idsFormat + "')");
        }
        batchSize = batchSize == null ? 50 : batchSize;
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
        return JsonPointer.compile(recordSelector);
    }

    public JsonPointer attachPointer() {
        return JsonPointer.compile(attach);
    }
}
