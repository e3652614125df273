package io.mekong.connector.spec;

import java.util.List;

/**
 * A stream's {@code coerce} block, for APIs that send every scalar as a string (Lazada: {@code "items_count":"2"},
 * {@code "gift_option":"false"}, {@code "address_updated_at":"null"}).
 *
 * @param nullStrings    the string {@code "null"} is JSON null
 * @param booleanStrings the strings {@code "true"} and {@code "false"} are booleans
 * @param numbers        names of fields, at any depth, whose numeric strings are numbers (decimals keep their
 *                       scale: {@code "106.00"} stays 106.00). Opt-in per field: ids and codes such as
 *                       {@code "000000001"} must stay text
 */
public record CoerceSpec(Boolean nullStrings, Boolean booleanStrings, List<String> numbers) {

    public CoerceSpec {
        nullStrings = nullStrings != null && nullStrings;
        booleanStrings = booleanStrings != null && booleanStrings;
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
    }
}
