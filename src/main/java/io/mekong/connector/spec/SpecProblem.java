package io.mekong.connector.spec;

/**
 * Raised while a spec block is built: names the option (relative to the block) and the reason. The loader
 * prefixes the block's path and the file, so the final message reads like Debezium's configuration errors.
 */
public class SpecProblem extends IllegalArgumentException {

    private final String option;

    public SpecProblem(String option, String reason) {
        super(reason);
        this.option = option;
    }

    public String option() {
        return option;
    }

    static String require(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new SpecProblem(option, "is required");
        }
        return value;
    }

    static <T> T require(T value, String option) {
        if (value == null) {
            throw new SpecProblem(option, "is required");
        }
        return value;
    }
}
