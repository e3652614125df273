package io.mekong.deadletter;

import io.mekong.ops.RefusedChange;
import java.util.List;
import java.util.Map;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * An edited payload that is not JSON: what is wrong and where, so that a person can find it in what they typed. The
 * console says it as {@code deadletters.error.malformed} (line, column, and the mistake as
 * {@code deadletters.json.<kind>}), the API in the parser's words.
 *
 * @see DeadLetterService#edit(long, String)
 */
public class MalformedPayloadException extends RefusedChange {

    /** The kinds of mistake the console has words for, by a part of the parser's (Jackson's) words; the first wins. */
    private static final List<Map.Entry<String, String>> KINDS = List.of(
            Map.entry("Unexpected close marker", "close-marker"),
            Map.entry("Unexpected end-of-input", "end-of-input"),
            Map.entry("double-quote to start field name", "field-name"),
            Map.entry("comma to separate", "comma"),
            Map.entry("colon to separate", "colon"),
            Map.entry("Unexpected character", "character"),
            Map.entry("Unrecognized token", "token"),
            Map.entry("Trailing token", "trailing"),
            Map.entry("Illegal unquoted character", "control-character"),
            Map.entry("Invalid numeric value", "number"));

    private final int line;
    private final int column;
    private final String problem;

    MalformedPayloadException(int line, int column, String problem) {
        super(Reason.INVALID, "payload", line == 0 ? "deadletters.error.empty" : "deadletters.error.malformed",
                "payload is not valid JSON: " + problem + (line > 0 ? " (line " + line + ", column " + column + ")" : ""),
                line, column, mistake(problem));
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

    /** The mistake in the console's words, or the parser's for a kind it has none for. */
    private static DefaultMessageSourceResolvable mistake(String problem) {
        String[] codes = KINDS.stream().filter(kind -> problem.contains(kind.getKey()))
                .map(kind -> "deadletters.json." + kind.getValue()).limit(1).toArray(String[]::new);
        return new DefaultMessageSourceResolvable(codes, problem);
    }
}
