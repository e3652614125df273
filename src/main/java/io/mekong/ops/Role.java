package io.mekong.ops;

import java.util.Arrays;
import java.util.Locale;

/** The four user roles of {@code app_user.role}; Spring authorities are {@code ROLE_<name>} in lower case. */
public enum Role {
    ADMIN, OPERATOR, MERCHANT, VIEWER;

    /** The name as stored in {@code app_user.role} and as used by {@code hasRole(..)} and {@code hawtio.roles}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + id();
    }

    public static Role fromId(String id) {
        return Arrays.stream(values())
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + id + "'"));
    }

    static String[] ids(Role... roles) {
        return Arrays.stream(roles).map(Role::id).toArray(String[]::new);
    }
}
