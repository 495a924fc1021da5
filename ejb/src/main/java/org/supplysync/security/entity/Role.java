package org.supplysync.security.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an administrator may do: {@code admin} everything, {@code viewer} read (the dashboard, reports, audit). */
public enum Role {
    ADMIN, VIEWER;

    /** As the database, the API and Jakarta Security's groups spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String label) {
        return Arrays.stream(values()).filter(role -> role.label().equals(label)).findFirst();
    }
}
