package io.mekong.sandbox.hooks;

import java.util.regex.Pattern;

/**
 * One simulated webhook endpoint at {@code /sandbox/hooks/<name>} (a merchant's own system, a Zapier or n8n hook)
 * and the secret its deliveries are signed with.
 */
public record HookReceiver(String name, String secret) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public HookReceiver {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a hook receiver's name is 1 to 63 lower-case letters, digits and dashes,"
                    + " starting with a letter or digit, was '" + name + "'");
        }
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("hook receiver " + name + " needs a secret of at least 16 characters");
        }
    }

    /** The secret stays out of logs and toString. */
    @Override
    public String toString() {
        return "HookReceiver[name=" + name + "]";
    }
}
