package io.mekong.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one ObjectMapper the hub reads and writes JSON with (thread-safe, shared). Purposes that need other settings keep
 * a configuration of their own and say why: the strict readers of connector specs and mappings (an unknown option is
 * refused), the mapping's strict conversion to canonical records ({@code CanonicalJson}) and the store's deterministic
 * form for content hashes. The REST API's HTTP messages use Spring Boot's, set by {@code spring.jackson} (it leaves out
 * null fields, which must not change page tokens or request bodies here).
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {
    }
}
