package io.mekong.ops;

import java.util.Arrays;
import java.util.Optional;

/**
 * A change refused by a rule: bad input (400), a conflict with the current state (409) or an unknown subject (404). The
 * message is English for the API; the console shows {@code <area>.error.<code>} from its bundles ({@code admin},
 * {@code destinations}) with the same arguments, next to {@link #field()} when the refusal concerns one field.
 */
public class RefusedChange extends RuntimeException {

    public enum Reason { INVALID, CONFLICT, NOT_FOUND }

    private final Reason reason;
    private final String field;
    private final String code;
    private final transient Object[] args;

    private RefusedChange(Reason reason, String field, String code, String message, Object... args) {
        super(message);
        this.reason = reason;
        this.field = field;
        this.code = code;
        this.args = args.clone();
    }

    public static RefusedChange invalid(String field, String code, String message, Object... args) {
        return new RefusedChange(Reason.INVALID, field, code, message, args);
    }

    public static RefusedChange conflict(String code, String message, Object... args) {
        return new RefusedChange(Reason.CONFLICT, null, code, message, args);
    }

    public static RefusedChange notFound(String code, String message, Object... args) {
        return new RefusedChange(Reason.NOT_FOUND, null, code, message, args);
    }

    public Reason reason() {
        return reason;
    }

    /** The input field at fault, if the refusal concerns one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The message key suffix: {@code <area>.error.<code>}. */
    public String code() {
        return code;
    }

    public Object[] args() {
        return Arrays.copyOf(args, args.length);
    }
}
