package org.supplysync.retention.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TombstoneFloorTest {

    @Test
    void theFloorIsTheCursorOfTheSiteFurthestBehind() {
        assertThat(TombstoneFloor.of(List.of(900L, 120L, 4_000L), 5_000)).isEqualTo(120);
    }

    @Test
    void aSiteThatNeverReadHoldsEveryEntry() {
        assertThat(TombstoneFloor.of(List.of(900L, 0L), 5_000)).isZero();
    }

    @Test
    void withNoSiteReadingEveryStampedEntryIsBelowTheFloor() {
        assertThat(TombstoneFloor.of(List.of(), 5_000)).isEqualTo(5_000);
    }
}
