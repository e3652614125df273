package io.mekong.ops;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.context.MessageSourceResolvable;

/**
 * A change refused by a rule: bad input (400), a conflict with the current state (409) or an unknown subject (404).
 * It speaks two ways. Its message is English, for the API's error body and the log. As a
 * {@link MessageSourceResolvable} it is the console's words: {@link #code()} is the key of a message in the console's
 * bundles ({@code admin.error.user-exists}, {@code syncs.error.cron-invalid}), filled with {@link #args()}, in the
 * reader's language; the English message stands in only for a key no bundle has. It is shown next to
 * {@link #field()} when the refusal concerns one field.
 *
 * <p>An {@link IllegalArgumentException}, so that what treats bad input as such (the API's 400, a caller skipping a
 * stored value it cannot use) goes on doing so whatever the refusal's area.
 */
public class RefusedChange extends IllegalArgumentException implements MessageSourceResolvable {

    public enum Reason { INVALID, CONFLICT, NOT_FOUND }

    private final Reason reason;
    private final String field;
    private final String code;
    private final transient Object[] args;

    protected RefusedChange(Reason reason, String field, String code, String message, Object... args) {
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

    /** The key of the refusal's message in the console's bundles. */
    public String code() {
        return code;
    }

    public Object[] args() {
        return Arrays.copyOf(args, args.length);
    }

    @Override
    public String[] getCodes() {
        return new String[] {code};
    }

    @Override
    public Object[] getArguments() {
        return args();
    }

    @Override
    public String getDefaultMessage() {
        return getMessage();
    }
}
