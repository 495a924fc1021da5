package org.supplysync.user.control;

import org.junit.jupiter.api.Test;
import org.supplysync.security.control.Backoff;

import java.time.Duration;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Users' logins: five failures within 15 minutes lock a name for 15 minutes (the defaults), every time. */
class LockoutTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 9, 0);
    private final Backoff lockout = new Backoff(5, Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(15));

    @Test
    void theFifthFailureWithinTheWindowLocksTheName() {
        Backoff.State state = failures(4, T0);
        assertThat(state.failures()).isEqualTo(4);
        assertThat(lockout.blockedFor(state, T0.plusMinutes(2))).isEmpty();

        Backoff.State locked = lockout.afterFailure(state, T0.plusMinutes(3));

        assertThat(lockout.blockedFor(locked, T0.plusMinutes(3))).contains(Duration.ofMinutes(15));
        assertThat(lockout.blockedFor(locked, T0.plusMinutes(10))).contains(Duration.ofMinutes(8));
    }

    @Test
    void theLockEndsAfterItsTimeAndLeavesAFreshCount() {
        Backoff.State locked = lockout.afterFailure(failures(4, T0), T0);
        LocalDateTime after = T0.plusMinutes(15);

        assertThat(lockout.blockedFor(locked, after.minusNanos(1_000_000))).isPresent();
        assertThat(lockout.blockedFor(locked, after)).isEmpty();
        Backoff.State next = lockout.afterFailure(locked, after);
        assertThat(next.failures()).isEqualTo(1);
        assertThat(lockout.blockedFor(next, after)).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowStartTheCountAgain() {
        Backoff.State state = failures(4, T0);

        Backoff.State later = lockout.afterFailure(state, T0.plusMinutes(15));

        assertThat(later).isEqualTo(new Backoff.State(1, T0.plusMinutes(15), 0, null));
        assertThat(lockout.afterFailure(state, T0.plusMinutes(14)).lockedUntil()).isEqualTo(T0.plusMinutes(29));
    }

    @Test
    void oneFailureAllowedLocksAtOnce() {
        Backoff strict = new Backoff(1, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(30));

        assertThat(strict.blockedFor(strict.afterFailure(Backoff.State.NONE, T0), T0)).contains(Duration.ofSeconds(30));
    }

    @Test
    void theRemainingTimeIsGivenInWholeMillisecondsRoundedUp() {
        assertThat(Backoff.millis(Duration.ofSeconds(42))).isEqualTo(42_000);
        assertThat(Backoff.millis(Duration.ofMillis(1500).plusNanos(1))).isEqualTo(1501);
        assertThat(Backoff.millis(Duration.ofNanos(1))).isEqualTo(1);
    }

    /** {@code n} failures, 30 seconds apart from {@code start}. */
    private Backoff.State failures(int n, LocalDateTime start) {
        Backoff.State state = Backoff.State.NONE;
        for (int i = 0; i < n; i++) {
            state = lockout.afterFailure(state, start.plusSeconds(30L * i));
        }
        return state;
    }
}
