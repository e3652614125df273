package io.mekong.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The folder the hub reads its connectors, mappings and routes from. Checked once at start, so a jar started from the
 * wrong folder stops with a message saying what to do rather than Camel's {@code NoSuchFileException: ./routes}.
 */
public final class MekongHome {

    static final List<String> FOLDERS = List.of("connectors", "mappings", "routes");

    private MekongHome() {
    }

    static void check(Path home) {
        List<String> missing = FOLDERS.stream().filter(folder -> !Files.isDirectory(home.resolve(folder))).toList();
        if (!missing.isEmpty()) {
            throw new MissingHomeFoldersException(home.toAbsolutePath().normalize(), missing);
        }
    }

    /** Thrown at start when MEKONG_HOME lacks a folder the hub reads. */
    public static final class MissingHomeFoldersException extends IllegalStateException {

        private final transient Path home;
        private final List<String> missing;

        MissingHomeFoldersException(Path home, List<String> missing) {
            super("MEKONG_HOME (" + home + ") has no " + String.join("/, ", missing) + "/ folder");
            this.home = home;
            this.missing = missing;
        }

        public Path home() {
            return home;
        }

        public List<String> missing() {
            return missing;
        }
    }
}
