package io.mekong.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Fresh random credentials for the simulators: each start of the sandbox makes its own, so no secret is written in
 * the code. The demo keeps the ones it hands to its connections (sealed like any other secret) and gives them back to
 * the simulators at the next start.
 */
public final class SandboxSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SandboxSecrets() {
    }

    /** {@code prefix} then 32 random bytes in lower-case hex, e.g. {@code random("sk_test_")}. */
    public static String random(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
