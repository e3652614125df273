package io.mekong.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public vendor samples, read in place from {@code ../shared/fixtures} (the build sets the system property
 * {@code mekong.fixtures}). A plain clone without {@code ../shared} skips the tests that need them, saying why.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixtures of one vendor, e.g. {@code vendor("shopify")}; skips the calling test when they are absent. */
    public static Path vendor(String vendor) {
        String property = System.getProperty("mekong.fixtures", "../shared/fixtures");
        Path dir = Path.of(property).resolve(vendor);
        assumeTrue(Files.isDirectory(dir), "public " + vendor + " samples not found at " + dir.toAbsolutePath()
                + " (they live in ../shared/fixtures beside the clone); skipping");
        return dir;
    }
}
