package io.mekong.deadletter;

/**
 * An edited payload that is not JSON: what is wrong and where, so that a person can find it in what they typed.
 *
 * @see DeadLetterService#edit(long, String)
 */
public class MalformedPayloadException extends IllegalArgumentException {

    private final int line;
    private final int column;
    private final String problem;

    MalformedPayloadException(int line, int column, String problem) {
        super("payload is not valid JSON: " + problem + (line > 0 ? " (line " + line + ", column " + column + ")" : ""));
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** 1-based; 0 when the text is empty. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The parser's words for what it met, without the place. */
    public String problem() {
        return problem;
    }
}
