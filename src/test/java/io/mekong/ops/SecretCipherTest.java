package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private static final Map<String, String> SECRETS = Map.of("accessToken", "shpat_0123456789abcdef",
            "webhookSecret", "hush-ñ-😀");
    private static final String BASE64_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dataDir;

    @Test
    void roundTripWithFreshIvEachTime() {
        SecretCipher cipher = new SecretCipher(MasterKey.resolve(BASE64_KEY, dataDir));

        byte[] first = cipher.encrypt(SECRETS);
        byte[] second = cipher.encrypt(SECRETS);

        assertThat(cipher.decrypt(first)).isEqualTo(SECRETS);
        assertThat(first).isNotEqualTo(second);
        assertThat(first[0]).isEqualTo(SecretCipher.VERSION);
        assertThat(new String(first, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("shpat_");
    }

    @Test
    void tamperedCiphertextOrHeaderIsDetected() {
        SecretCipher cipher = new SecretCipher(MasterKey.resolve(BASE64_KEY, dataDir));
        byte[] body = cipher.encrypt(SECRETS);
        body[body.length - 3] ^= 1;
        byte[] iv = cipher.encrypt(SECRETS);
        iv[7] ^= 1;

        for (byte[] tampered : new byte[][] {body, iv}) {
            assertThatThrownBy(() -> cipher.decrypt(tampered))
                    .isInstanceOf(SecretCipher.SecretCipherException.class)
                    .hasMessageContaining("altered or corrupted")
                    .hasMessageContaining("MEKONG_MASTER_KEY");
        }
    }

    @Test
    void wrongKeyNamesTheKeySourceButNoSecret() {
        byte[] sealed = new SecretCipher(MasterKey.resolve(BASE64_KEY, dataDir)).encrypt(SECRETS);
        SecretCipher other = new SecretCipher(MasterKey.resolve("", dataDir));

        assertThatThrownBy(() -> other.decrypt(sealed))
                .isInstanceOf(SecretCipher.SecretCipherException.class)
                .hasMessageContaining("different master key")
                .hasMessageContaining("key file " + dataDir.resolve("master.key"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("shpat_", "hush"));
    }

    @Test
    void keyFileIsCreatedPrivateOnceAndReused() throws Exception {
        byte[] sealed = new SecretCipher(MasterKey.resolve(null, dataDir)).encrypt(SECRETS);
        Path keyFile = dataDir.resolve("master.key");
        String keyText = Files.readString(keyFile);

        SecretCipher afterRestart = new SecretCipher(MasterKey.resolve("  ", dataDir));

        assertThat(afterRestart.decrypt(sealed)).isEqualTo(SECRETS);
        assertThat(Files.readString(keyFile)).isEqualTo(keyText);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    /** Instances starting together on one data folder: none may meet the key file empty, all end with one key. */
    @Test
    void instancesCreatingTheKeyFileAtOnceAllReadOneWholeKey(@org.junit.jupiter.api.io.TempDir Path root) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 40; round++) {
                Path folder = Files.createDirectories(root.resolve("data-" + round));
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<byte[]>> sealed = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    sealed.add(pool.submit(() -> {
                        start.await();
                        return new SecretCipher(MasterKey.resolve(null, folder)).encrypt(SECRETS);
                    }));
                }
                start.countDown();
                SecretCipher reader = new SecretCipher(MasterKey.resolve(null, folder));
                for (java.util.concurrent.Future<byte[]> each : sealed) {
                    assertThat(reader.decrypt(each.get())).as("round %d", round).isEqualTo(SECRETS);
                }
                try (java.util.stream.Stream<Path> files = Files.list(folder)) {
                    assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left").containsExactly("master.key");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void passphraseDerivesTheSameKeyEveryTime() {
        byte[] sealed = new SecretCipher(MasterKey.resolve("correct horse battery staple", dataDir)).encrypt(SECRETS);
        MasterKey again = MasterKey.resolve("correct horse battery staple", dataDir);

        assertThat(new SecretCipher(again).decrypt(sealed)).isEqualTo(SECRETS);
        assertThat(again.source()).isEqualTo("MEKONG_MASTER_KEY (passphrase)");
        assertThat(Files.exists(dataDir.resolve("master.key"))).as("no key file when a key is configured").isFalse();
    }

    @Test
    void corruptKeyFileIsAClearError() throws Exception {
        Files.writeString(dataDir.resolve("master.key"), "not a key\n");

        assertThatThrownBy(() -> MasterKey.resolve("", dataDir))
                .hasMessageContaining("does not hold base64 of 32 bytes");
    }
}
