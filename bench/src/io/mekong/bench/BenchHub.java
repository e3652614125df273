package io.mekong.bench;

import io.mekong.MekongApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub as the benchmarks run it: embedded PostgreSQL in a fresh temporary directory, a free port, no demo and no
 * sandbox (a benchmark serves its own simulated systems), warnings only.
 */
final class BenchHub {

    private BenchHub() {
    }

    static Path dataDir(String name) throws IOException {
        return Files.createTempDirectory("mekong-bench-" + name + "-");
    }

    static ConfigurableApplicationContext start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** @param extra more settings, e.g. {@code mekong.security.basic-cache.ttl} */
    static ConfigurableApplicationContext start(Path dataDir, Map<String, String> extra) {
        Map<String, String> props = new TreeMap<>(Map.of(
                "server.port", "0",
                "mekong.data-dir", dataDir.toString(),
                "mekong.admin-password", "bench-admin",
                "mekong.master-key", "bench-passphrase",
                "mekong.demo.enabled", "false",
                "mekong.sandbox.enabled", "false",
                "logging.level.root", "WARN"));
        props.putAll(extra);
        return new SpringApplicationBuilder(MekongApplication.class)
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
