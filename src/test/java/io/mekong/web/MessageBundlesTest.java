package io.mekong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console speaks both of its languages everywhere: no text exists in English only, or in Vietnamese only. */
class MessageBundlesTest {

    private static final Path BUNDLES = Path.of("src", "main", "resources", "messages");

    @Test
    void everyEnglishBundleHasAVietnameseTwinWithTheSameKeys() throws IOException {
        List<Path> english;
        try (Stream<Path> files = Files.list(BUNDLES)) {
            english = files.filter(f -> f.getFileName().toString().matches("[a-z]+\\.properties")).sorted().toList();
        }
        assertThat(english).as("bundles in %s", BUNDLES).isNotEmpty();
        for (Path bundle : english) {
            Path vietnamese = bundle.resolveSibling(bundle.getFileName().toString().replace(".properties", "_vi.properties"));
            assertThat(vietnamese).as("the Vietnamese twin of %s", bundle).exists();
            Set<String> en = keys(bundle);
            Set<String> vi = keys(vietnamese);
            assertThat(diff(en, vi)).as("keys of %s missing in %s", bundle, vietnamese).isEmpty();
            assertThat(diff(vi, en)).as("keys of %s missing in %s", vietnamese, bundle).isEmpty();
        }
    }

    @Test
    void noBundleOutsideEnglishAndVietnamese() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .allMatch(name -> name.matches("[a-z]+(_vi)?\\.properties"), "named <area>.properties or <area>_vi.properties");
        }
    }

    private static Set<String> keys(Path bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> missing = new TreeSet<>(a);
        missing.removeAll(b);
        return missing;
    }
}
