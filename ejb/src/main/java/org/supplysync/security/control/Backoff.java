package org.supplysync.security.control;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * When wrong passwords lock a name (a site's or an administrator's): {@code maxFailures} failures within
 * {@code window} of the first lock it for {@code firstLock}; failures that go on after a lock ended lock it again, each
 * time twice as long, never longer than {@code longestLock}. While locked, no password is looked at, right or wrong,
 * and nothing is counted. A quiet window after a lock ended forgets it; a success clears everything. The locks are
 * short on purpose: an attacker who sends wrong passwords for a real site's name slows guessing down without keeping
 * the site out for long. A pure function of the stored state and the time.
 */
public record Backoff(int maxFailures, Duration window, Duration firstLock, Duration longestLock) {

    public Backoff {
        if (maxFailures < 1 || !positive(window) || !positive(firstLock) || !positive(longestLock)
                || longestLock.compareTo(firstLock) < 0) {
            throw new IllegalArgumentException("a back-off needs at least one failure, a window and locks above 0, the"
                    + " longest lock no shorter than the first");
        }
    }

    /**
     * A name's failures: those in the current window (from the first of them), the locks in a row and the end of the
     * last one.
     */
    public record State(int failures, LocalDateTime windowStart, int locks, LocalDateTime lockedUntil) {

        public static final State NONE = new State(0, null, 0, null);

        public boolean isNone() {
            return failures == 0 && locks == 0 && lockedUntil == null;
        }
    }

    /** How long the name stays locked, if it is locked at {@code now}. */
    public Optional<Duration> blockedFor(State state, LocalDateTime now) {
        if (state.lockedUntil() == null || !now.isBefore(state.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, state.lockedUntil()));
    }

    /** The state after a wrong password at {@code now}, for a name that is not locked. */
    public State afterFailure(State state, LocalDateTime now) {
        boolean remembersLock = state.lockedUntil() != null && now.isBefore(state.lockedUntil().plus(window));
        int locks = remembersLock ? state.locks() : 0;
        LocalDateTime lastLock = remembersLock ? state.lockedUntil() : null;
        boolean windowOpen = state.windowStart() != null && now.isBefore(state.windowStart().plus(window));
        int failures = windowOpen ? state.failures() + 1 : 1;
        if (failures >= maxFailures) {
            return new State(0, null, locks + 1, now.plus(lock(locks + 1)));
        }
        return new State(failures, windowOpen ? state.windowStart() : now, locks, lastLock);
    }

    /** How long the {@code n}th lock in a row lasts: the first lock, doubled for each one before, at most the longest. */
    public Duration lock(int n) {
        Duration lock = firstLock;
        for (int i = 1; i < n && lock.compareTo(longestLock) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(longestLock) > 0 ? longestLock : lock;
    }

    /**
     * What a state older than this says no more than {@link State#NONE} at {@code now}: its window and the end of its
     * last lock both at or before it (what {@link #afterFailure} no longer counts).
     */
    public LocalDateTime forgetBefore(LocalDateTime now) {
        return now.minus(window);
    }

    /** Whole seconds, rounded up, at least 1: what a {@code Retry-After} header says. */
    public static long seconds(Duration remaining) {
        return Math.max(1, ceil(remaining, Duration.ofSeconds(1)));
    }

    /** Whole milliseconds, rounded up, at least 1: mSupply's {@code timeoutRemaining}. */
    public static long millis(Duration remaining) {
        return Math.max(1, ceil(remaining, Duration.ofMillis(1)));
    }

    private static long ceil(Duration remaining, Duration unit) {
        long whole = remaining.dividedBy(unit);
        return remaining.minus(unit.multipliedBy(whole)).isZero() ? whole : whole + 1;
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
