package io.mekong.ops;

import io.mekong.config.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts connection secrets (a {@code Map<String,String>}, serialised as JSON) with AES-256-GCM under the
 * {@link MasterKey}. Layout of one value: {@code version(1) | key fingerprint(4) | IV(12) | ciphertext+tag(16)}.
 * The header is authenticated as associated data, so changing any byte fails decryption.
 */
public class SecretCipher {

    static final byte VERSION = 1;
    private static final int FINGERPRINT_BYTES = 4;
    private static final int IV_BYTES = 12;
    private static final int HEADER_BYTES = 1 + FINGERPRINT_BYTES + IV_BYTES;
    private static final int TAG_BITS = 128;
    private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() { };

    private final MasterKey key;
    private final ObjectMapper json = Json.MAPPER;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(MasterKey key) {
        this.key = key;
    }

    public byte[] encrypt(Map<String, String> secrets) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(VERSION).put(key.fingerprint()).put(iv).array();
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv);
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(secrets));
            return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new SecretCipherException("Cannot encrypt connection secrets", e);
        }
    }

    public Map<String, String> decrypt(byte[] value) {
        if (value == null || value.length < HEADER_BYTES + TAG_BITS / 8) {
            throw new SecretCipherException("Stored connection secrets are truncated or empty");
        }
        if (value[0] != VERSION) {
            throw new SecretCipherException("Stored connection secrets have unknown format version " + value[0]);
        }
        byte[] fingerprint = Arrays.copyOfRange(value, 1, 1 + FINGERPRINT_BYTES);
        if (!MessageDigest.isEqual(fingerprint, key.fingerprint())) {
            throw new SecretCipherException("Stored connection secrets were encrypted with a different master key "
                    + "than the one from " + key.source() + "; restore the original key (see docs/operations.md)");
        }
        byte[] iv = Arrays.copyOfRange(value, 1 + FINGERPRINT_BYTES, HEADER_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, iv);
            cipher.updateAAD(value, 0, HEADER_BYTES);
            byte[] plain = cipher.doFinal(value, HEADER_BYTES, value.length - HEADER_BYTES);
            return json.readValue(plain, SECRETS);
        } catch (AEADBadTagException e) {
            throw new SecretCipherException("Stored connection secrets fail authentication under the master key from "
                    + key.source() + ": they were altered or corrupted", e);
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("Cannot decrypt connection secrets with the master key from "
                    + key.source(), e);
        } catch (IOException e) {
            // no cause attached: a JSON parser message would quote the decrypted text
            throw new SecretCipherException("Decrypted connection secrets are not a JSON object of strings");
        }
    }

    private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.secretKey(), new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }

    /** Failure to encrypt or decrypt; the message names the key source and never contains secret values. */
    public static class SecretCipherException extends RuntimeException {
        SecretCipherException(String message) {
            super(message);
        }

        SecretCipherException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
