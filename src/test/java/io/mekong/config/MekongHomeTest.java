package io.mekong.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A home without the folders the hub reads is refused at start, naming each missing folder and what to set. */
class MekongHomeTest {

    @Test
    void theProjectFolderIsAHome() {
        assertThatCode(() -> MekongHome.check(Path.of("."))).doesNotThrowAnyException();
    }

    @Test
    void aFolderWithoutRoutesIsRefusedNamingIt(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("connectors"));
        Files.createDirectories(home.resolve("mappings"));

        assertThatThrownBy(() -> MekongHome.check(home))
                .isInstanceOf(MekongHome.MissingHomeFoldersException.class)
                .hasMessage("MEKONG_HOME (" + home.toAbsolutePath().normalize() + ") has no routes/ folder");
    }

    @Test
    void theStartFailureSaysWhatToDo(@TempDir Path home) {
        Throwable failure = new IllegalStateException("bean creation failed",
                catchMissing(home));

        FailureAnalysis analysis = new MekongHomeFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).startsWith("MEKONG_HOME (" + home.toAbsolutePath().normalize()
                + ") has no connectors/, mappings/, routes/ folder");
        assertThat(analysis.getAction()).contains("set MEKONG_HOME to that folder");
    }

    private static Throwable catchMissing(Path home) {
        try {
            MekongHome.check(home);
        } catch (MekongHome.MissingHomeFoldersException e) {
            return e;
        }
        throw new AssertionError("an empty folder was accepted as a home");
    }
}
