package org.supplysync.user.control;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * When repeated failed logins lock a user name (mSupply's {@code user_login_timeout}): {@code maxFailures} failures
 * within {@code window} of the first lock the name for {@code lockout}, whatever password comes meanwhile; a lock that
 * ends leaves a fresh count, and a successful login clears it. A pure function of the stored state and the time.
 */
public record Lockout(int maxFailures, Duration window, Duration lockout) {

    public Lockout {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("a lockout needs at least one failure, a window and a lock time above 0");
        }
    }

    /** The failures a user name has to its count: none yet, or the first failure's time and the lock, if any. */
    public record State(int failures, LocalDateTime windowStart, LocalDateTime lockedUntil) {

        public static final State NONE = new State(0, null, null);
    }

    /** How long the name stays locked, if it is locked at {@code now}. */
    public Optional<Duration> blockedFor(State state, LocalDateTime now) {
        if (state.lockedUntil() == null || !now.isBefore(state.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, state.lockedUntil()));
    }

    /** The state after a failed login at {@code now} (a name that is not locked). */
    public State afterFailure(State state, LocalDateTime now) {
        boolean windowOpen = state.windowStart() != null && now.isBefore(state.windowStart().plus(window));
        int failures = windowOpen ? state.failures() + 1 : 1;
        if (failures >= maxFailures) {
            return new State(0, null, now.plus(lockout));
        }
        return new State(failures, windowOpen ? state.windowStart() : now, null);
    }

    /** The remaining lock in whole milliseconds, rounded up: the unit of the answer's {@code timeoutRemaining}. */
    public static long millis(Duration remaining) {
        long millis = remaining.toMillis();
        return remaining.minusMillis(millis).isZero() ? millis : millis + 1;
    }
}
