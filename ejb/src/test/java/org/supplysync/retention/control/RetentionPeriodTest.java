package org.supplysync.retention.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPeriodTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void rowsOlderThanThePeriodHaveExpired() {
        RetentionPeriod days = RetentionPeriod.parse("s", "P90D");

        assertThat(days.expiredBefore(NOW)).contains(Instant.parse("2026-09-02T10:00:00Z"));
        assertThat(RetentionPeriod.parse("s", " PT12H ").expiredBefore(NOW)).contains(Instant.parse("2026-11-30T22:00:00Z"));
    }

    @Test
    void readsAsItIsSet() {
        assertThat(RetentionPeriod.parse("s", "P90D")).hasToString("P90D");
        assertThat(RetentionPeriod.parse("s", "PT36H")).hasToString("PT36H");
        assertThat(RetentionPeriod.FOREVER).hasToString("forever");
    }

    @Test
    void nothingEverExpiresWhenKeptForever() {
        assertThat(RetentionPeriod.parse("s", "forever").expiredBefore(NOW)).isEmpty();
        assertThat(RetentionPeriod.parse("s", "FOREVER")).isEqualTo(RetentionPeriod.FOREVER);
    }

    @Test
    void refusesAPeriodThatIsNoDurationOrNoTimeAtAll() {
        assertThatThrownBy(() -> RetentionPeriod.parse("supplysync.retention.refusals", "90 days"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supplysync.retention.refusals");
        assertThatThrownBy(() -> RetentionPeriod.parse("s", "P0D")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionPeriod.parse("s", "-P1D")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionPeriod.parse("s", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnAuditPeriodShorterThanTheFloorTheDatabaseKeepsButNotForever() {
        Duration floor = RetentionSettings.AUDIT_FLOOR;

        assertThatThrownBy(() -> RetentionPeriod.parse("a", "P29D").atLeast(floor, "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
        assertThat(RetentionPeriod.parse("a", "P30D").atLeast(floor, "a").expiredBefore(NOW)).isPresent();
        assertThat(RetentionPeriod.FOREVER.atLeast(floor, "a")).isEqualTo(RetentionPeriod.FOREVER);
    }
}
