package io.mekong.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * Vietnamese has two ways to place the tone of an open oa, oe or uy (xóa or xoá, hủy or huỷ); the console uses the
     * first everywhere, its bundles and the connectors' texts, so that one word never appears spelt two ways.
     */
    @Test
    void vietnameseIsSpeltOneWay() throws IOException {
        Pattern otherWay = Pattern.compile("(?iu)(o[áàảãạéèẻẽẹ]|(?<!q)u[ýỳỷỹỵ])(?![\\p{L}])");
        List<Path> texts;
        try (Stream<Path> bundles = Files.list(BUNDLES); Stream<Path> connectors = Files.list(Path.of("connectors"))) {
            texts = Stream.concat(bundles.filter(f -> f.toString().endsWith("_vi.properties")),
                    connectors.filter(f -> f.toString().endsWith(".yaml"))).sorted().toList();
        }
        for (Path text : texts) {
            List<String> lines = Files.readAllLines(text, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher found = otherWay.matcher(lines.get(i));
                if (found.find()) {
                    fail("%s:%d spells \"%s\" with the tone on its second vowel; the console writes xóa, hủy",
                            text, i + 1, found.group());
                }
            }
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
