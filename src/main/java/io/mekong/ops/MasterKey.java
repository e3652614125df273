package io.mekong.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that protects stored connection secrets, with a description of where it came from (for error
 * messages; never the key itself).
 * <ul>
 *   <li>{@code mekong.master-key} (MEKONG_MASTER_KEY) holding base64 of exactly 32 bytes: used as is;</li>
 *   <li>any other non-blank value is a passphrase: PBKDF2-HMAC-SHA256, {@value #PBKDF2_ITERATIONS} iterations,
 *       fixed salt {@value #PBKDF2_SALT} (fixed so the same passphrase gives the same key on every instance);</li>
 *   <li>blank: the key file {@code <data-dir>/master.key} (base64, one line), generated on first start with
 *       permissions 600 and reused afterwards.</li>
 * </ul>
 */
public final class MasterKey {

    static final String PBKDF2_SALT = "mekong-master-key-v1";
    static final int PBKDF2_ITERATIONS = 600_000;
    static final String KEY_FILE = "master.key";
    private static final int KEY_BYTES = 32;

    private final SecretKey key;
    private final String source;

    private MasterKey(byte[] raw, String source) {
        this.key = new SecretKeySpec(raw, "AES");
        this.source = source;
    }

    /** Resolves the key from the configured value, else from (or into) the key file under {@code dataDir}. */
    public static MasterKey resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return fromConfigured(configured.trim());
        }
        return fromKeyFile(dataDir.toAbsolutePath().normalize().resolve(KEY_FILE));
    }

    static MasterKey fromConfigured(String value) {
        byte[] raw = decodeBase64Key(value);
        if (raw != null) {
            return new MasterKey(raw, "MEKONG_MASTER_KEY (base64 key)");
        }
        return new MasterKey(derive(value), "MEKONG_MASTER_KEY (passphrase)");
    }

    static MasterKey fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                createKeyFile(file);
            }
            byte[] raw = decodeBase64Key(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (raw == null) {
                throw new IllegalStateException("Master key file " + file + " does not hold base64 of "
                        + KEY_BYTES + " bytes; restore it from backup or set MEKONG_MASTER_KEY");
            }
            return new MasterKey(raw, "key file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create master key file " + file, e);
        }
    }

    /**
     * Writes the key to a temporary file first and then links it into place, so that the key file appears whole or
     * not at all: neither a crash nor another instance starting on the same data folder can meet it empty.
     */
    private static void createKeyFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        Path written = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(file.getParent(), ".master-key-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(file.getParent(), ".master-key-", ".tmp");
        try {
            Files.writeString(written, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, written);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(written, file);
            }
        } catch (FileAlreadyExistsException e) {
            // another instance sharing the data dir created it first: use theirs
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static byte[] decodeBase64Key(String value) {
        try {
            byte[] raw = Base64.getDecoder().decode(value);
            return raw.length == KEY_BYTES ? raw : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static byte[] derive(String passphrase) {
        char[] chars = passphrase.toCharArray();
        try {
            PBEKeySpec spec = new PBEKeySpec(chars, PBKDF2_SALT.getBytes(StandardCharsets.UTF_8), PBKDF2_ITERATIONS,
                    KEY_BYTES * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    SecretKey secretKey() {
        return key;
    }

    /** Where the key came from, for messages. */
    public String source() {
        return source;
    }

    /** A short, non-secret identifier of the key, stored with each ciphertext to tell "wrong key" from tampering. */
    byte[] fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("mekong-key-id".getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(sha.digest(key.getEncoded()), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + source + "]";
    }
}
