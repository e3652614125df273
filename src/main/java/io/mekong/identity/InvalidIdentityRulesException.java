package io.mekong.identity;

/** identity.yaml cannot be used; the message names the file, the line, the option and the reason. */
public class InvalidIdentityRulesException extends RuntimeException {

    public InvalidIdentityRulesException(String file, int line, String option, String reason, Throwable cause) {
        super("Invalid identity rules " + file + (line > 0 ? " (line " + line + ")" : "")
                + (option.isEmpty() ? "" : ", option '" + option + "'") + ": " + reason, cause);
    }
}
