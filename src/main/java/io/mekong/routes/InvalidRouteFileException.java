package io.mekong.routes;

/** A route file that does not load; the message names the file and Camel's reason (with line and column for YAML). */
public class InvalidRouteFileException extends RuntimeException {

    private final String file;

    public InvalidRouteFileException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
