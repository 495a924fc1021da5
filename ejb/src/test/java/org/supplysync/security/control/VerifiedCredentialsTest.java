package org.supplysync.security.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedCredentialsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final VerifiedCredentials cache = new VerifiedCredentials(Duration.ofSeconds(60), 3, now::get);

    @Test
    void remembersAVerifiedSecretAgainstTheSameStoredHash() {
        cache.remember("site:north", "secret", "hash-1");

        assertThat(cache.remembers("site:north", "secret", "hash-1")).isTrue();
    }

    @Test
    void neverTakesAnotherSecretOrAnotherCaller() {
        cache.remember("site:north", "secret", "hash-1");

        assertThat(cache.remembers("site:north", "wrong", "hash-1")).isFalse();
        assertThat(cache.remembers("site:south", "secret", "hash-1")).isFalse();
        // The name's length is part of the key: moving characters between name and secret is another entry.
        assertThat(cache.remembers("site:nort", "hsecret", "hash-1")).isFalse();
    }

    @Test
    void aChangedStoredHashMissesEvenBeforeItIsForgotten() {
        cache.remember("site:north", "secret", "hash-1");

        assertThat(cache.remembers("site:north", "secret", "hash-2")).isFalse();
        assertThat(cache.remembers("site:north", "secret", null)).isFalse();
    }

    @Test
    void expiresAfterItsTimeToLive() {
        cache.remember("site:north", "secret", "hash-1");

        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(cache.remembers("site:north", "secret", "hash-1")).isTrue();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.remembers("site:north", "secret", "hash-1")).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void holdsAtMostItsBoundAndDropsTheLeastRecentlyUsed() {
        cache.remember("site:a", "s", "h-a");
        cache.remember("site:b", "s", "h-b");
        cache.remember("site:c", "s", "h-c");
        assertThat(cache.remembers("site:a", "s", "h-a")).isTrue();

        cache.remember("site:d", "s", "h-d");

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.remembers("site:b", "s", "h-b")).isFalse();
        assertThat(cache.remembers("site:a", "s", "h-a")).isTrue();
        assertThat(cache.remembers("site:c", "s", "h-c")).isTrue();
        assertThat(cache.remembers("site:d", "s", "h-d")).isTrue();
    }

    @Test
    void forgetsEverySecretOfOneCallerOnly() {
        cache.remember("site:north", "secret", "hash-1");
        cache.remember("site:north", "other", "hash-1");
        cache.remember("site:south", "secret", "hash-2");

        cache.forget("site:north");

        assertThat(cache.remembers("site:north", "secret", "hash-1")).isFalse();
        assertThat(cache.remembers("site:north", "other", "hash-1")).isFalse();
        assertThat(cache.remembers("site:south", "secret", "hash-2")).isTrue();
    }

    @Test
    void aZeroTimeToLiveOrSizeRemembersNothing() {
        VerifiedCredentials off = new VerifiedCredentials(Duration.ZERO, 10, now::get);
        off.remember("site:north", "secret", "hash-1");
        assertThat(off.remembers("site:north", "secret", "hash-1")).isFalse();

        VerifiedCredentials empty = new VerifiedCredentials(Duration.ofSeconds(60), 0, now::get);
        empty.remember("site:north", "secret", "hash-1");
        assertThat(empty.remembers("site:north", "secret", "hash-1")).isFalse();
        assertThat(empty.size()).isZero();
    }
}
