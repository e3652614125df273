package io.mekong.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The Jackson configuration that turns mapping output into canonical records and canonical records into JSON. */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * Strict where a mapping mistake would otherwise pass silently (unknown fields, 1.5 into an integer), lenient
     * where JSONata's own semantics differ from JSON's (a one-element sequence is a single value).
     */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
