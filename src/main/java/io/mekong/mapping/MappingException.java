package io.mekong.mapping;

/** A mapping file that cannot be used: bad YAML, bad JSONata, an unknown field. The message names file and field. */
public class MappingException extends RuntimeException {

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }

    public MappingException(String message) {
        super(message);
    }
}
