package org.supplysync.security.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The defaults: five wrong passwords within 5 minutes lock a name for 60 s, then 120 s, 240 s, at most 300 s. */
class BackoffTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 9, 0);
    private final Backoff backoff = new Backoff(5, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofSeconds(300));

    @Test
    void theFifthFailureWithinTheWindowLocksTheNameForTheFirstLock() {
        Backoff.State four = failures(Backoff.State.NONE, 4, T0);
        assertThat(four.failures()).isEqualTo(4);
        assertThat(backoff.blockedFor(four, T0.plusMinutes(1))).isEmpty();

        Backoff.State locked = backoff.afterFailure(four, T0.plusMinutes(2));

        assertThat(locked.locks()).isEqualTo(1);
        assertThat(backoff.blockedFor(locked, T0.plusMinutes(2))).contains(Duration.ofSeconds(60));
        assertThat(backoff.blockedFor(locked, T0.plusMinutes(2).plusSeconds(45))).contains(Duration.ofSeconds(15));
        assertThat(backoff.blockedFor(locked, T0.plusMinutes(3))).as("the lock ends after its time").isEmpty();
    }

    @Test
    void failuresSpreadWiderThanTheWindowNeverLock() {
        Backoff.State state = Backoff.State.NONE;
        for (int i = 0; i < 20; i++) {
            state = backoff.afterFailure(state, T0.plusSeconds(80L * i));
            assertThat(backoff.blockedFor(state, T0.plusSeconds(80L * i))).as("failure %d", i).isEmpty();
        }
        assertThat(state.failures()).as("the window restarts at the first failure after it closed").isLessThan(5);
    }

    @Test
    void failuresThatGoOnAfterALockLockAgainTwiceAsLongUpToTheLongest() {
        Backoff.State state = Backoff.State.NONE;
        LocalDateTime now = T0;
        long[] expected = {60, 120, 240, 300, 300};
        for (long seconds : expected) {
            state = failures(state, 5, now);
            assertThat(backoff.blockedFor(state, now.plusSeconds(4))).as("from the fifth failure")
                    .contains(Duration.ofSeconds(seconds));
            now = state.lockedUntil();
        }
        assertThat(state.locks()).isEqualTo(5);
    }

    @Test
    void aQuietWindowAfterALockForgetsIt() {
        Backoff.State locked = failures(Backoff.State.NONE, 5, T0);
        LocalDateTime lockEnds = locked.lockedUntil();

        Backoff.State soonAfter = failures(locked, 5, lockEnds.plusMinutes(4));
        assertThat(backoff.blockedFor(soonAfter, lockEnds.plusMinutes(4).plusSeconds(4))).contains(Duration.ofSeconds(120));

        LocalDateTime quiet = lockEnds.plusMinutes(5);
        assertThat(backoff.forgetBefore(quiet)).isEqualTo(lockEnds);
        Backoff.State afterQuiet = failures(locked, 5, quiet);
        assertThat(afterQuiet).isEqualTo(failures(Backoff.State.NONE, 5, quiet));
        assertThat(backoff.blockedFor(afterQuiet, quiet.plusSeconds(4))).contains(Duration.ofSeconds(60));
    }

    @Test
    void aFailureAfterTheLockStartsAFreshCountAndKeepsTheLockInMemory() {
        Backoff.State locked = failures(Backoff.State.NONE, 5, T0);
        Backoff.State next = backoff.afterFailure(locked, locked.lockedUntil());

        assertThat(next.failures()).isEqualTo(1);
        assertThat(next.windowStart()).isEqualTo(locked.lockedUntil());
        assertThat(next.locks()).isEqualTo(1);
        assertThat(backoff.blockedFor(next, locked.lockedUntil())).isEmpty();
        assertThat(next.isNone()).isFalse();
    }

    @Test
    void aSingleFailureMaxLocksAtOnce() {
        Backoff strict = new Backoff(1, Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(10));
        Backoff.State locked = strict.afterFailure(Backoff.State.NONE, T0);
        assertThat(strict.blockedFor(locked, T0)).contains(Duration.ofSeconds(10));
        assertThat(strict.lock(50)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryAfterAndTimeoutRemainingAreRoundedUpAndNeverZero() {
        assertThat(Backoff.seconds(Duration.ofMillis(59_001))).isEqualTo(60);
        assertThat(Backoff.seconds(Duration.ofSeconds(60))).isEqualTo(60);
        assertThat(Backoff.seconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(Backoff.seconds(Duration.ZERO)).isEqualTo(1);
        assertThat(Backoff.millis(Duration.ofNanos(59_000_000_001L))).isEqualTo(59_001);
        assertThat(Backoff.millis(Duration.ofMillis(59_000))).isEqualTo(59_000);
    }

    @Test
    void refusesSettingsThatLockNothingOrForever() {
        assertThatThrownBy(() -> new Backoff(0, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofSeconds(300)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(5, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(5, Duration.ZERO, Duration.ofSeconds(60), Duration.ofSeconds(300)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code count} wrong passwords a second apart from {@code start}, none of them while locked. */
    private Backoff.State failures(Backoff.State state, int count, LocalDateTime start) {
        for (int i = 0; i < count; i++) {
            state = backoff.afterFailure(state, start.plusSeconds(i));
        }
        return state;
    }
}
