package org.supplysync.site.boundary;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How a site's sync looks at a glance, from its last contact (the seed's "Sync report": red after a month): green
 * while recent, amber after {@code supplysync.dashboard.amber-after}, red after {@code supplysync.dashboard.red-after},
 * never when it has not synced at all.
 */
public enum SiteHealth {
    GREEN, AMBER, RED, NEVER;

    public static SiteHealth of(Instant lastContact, Instant now, Duration amberAfter, Duration redAfter) {
        if (lastContact == null) {
            return NEVER;
        }
        Duration silent = Duration.between(lastContact, now);
        if (silent.compareTo(redAfter) > 0) {
            return RED;
        }
        return silent.compareTo(amberAfter) > 0 ? AMBER : GREEN;
    }

    /** As the dashboard writes it: "green", "amber", "red", "never". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
