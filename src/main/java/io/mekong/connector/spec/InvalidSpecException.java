package io.mekong.connector.spec;

/** A connector spec file that cannot be used; the message names the file, the line, the option and the reason. */
public class InvalidSpecException extends RuntimeException {

    private final String file;
    private final String option;
    private final int line;
    private final String reason;

    public InvalidSpecException(String file, int line, String option, String reason, Throwable cause) {
        super("Invalid connector spec " + file + (line > 0 ? " (line " + line + ")" : "")
                + (option.isEmpty() ? "" : ", option '" + option + "'") + ": " + reason, cause);
        this.file = file;
        this.option = option;
        this.line = line;
        this.reason = reason;
    }

    /** 1-based; 0 when unknown */
    public int line() {
        return line;
    }

    /** What is wrong, without the file, line and option */
    public String reason() {
        return reason;
    }

    public String file() {
        return file;
    }

    /** Dotted path of the offending option, e.g. {@code streams.orders.cursor.lookback}; empty for the whole file. */
    public String option() {
        return option;
    }
}
