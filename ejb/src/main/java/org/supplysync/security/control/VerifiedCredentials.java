package org.supplysync.security.control;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Credentials that passed the slow hash a moment ago, so that a caller who syncs every few seconds pays it once a
 * minute, not once a call. Bounded (least recently used out first) and short-lived.
 *
 * <p>An entry is keyed by an HMAC of the caller's name and the secret it presented, under a key drawn at random for
 * this process: what stays in memory cannot be tested against guessed secrets without that key, unlike a plain
 * hash. An entry also holds the stored hash it was verified against, and only matches that same stored hash: a
 * changed password (a new salted hash) or a deleted caller (no stored hash) misses at once, on every server of a
 * cluster, whether or not {@link #forget} was called.
 */
public class VerifiedCredentials {

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries;

    private record Entry(String name, String storedHash, long expiresAt) {
    }

    public VerifiedCredentials(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = Math.max(0, maxEntries);
        this.nanoClock = nanoClock;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, "HmacSHA256");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedCredentials.this.maxEntries;
            }
        };
    }

    public VerifiedCredentials(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    /** Whether {@code name} presented {@code secret} and it was verified against {@code storedHash} moments ago. */
    public boolean remembers(String name, String secret, String storedHash) {
        if (ttlNanos <= 0 || name == null || secret == null || storedHash == null) {
            return false;
        }
        String id = id(name, secret);
        synchronized (entries) {
            Entry entry = entries.get(id);
            if (entry == null) {
                return false;
            }
            if (nanoClock.getAsLong() - entry.expiresAt() >= 0) {
                entries.remove(id);
                return false;
            }
            return entry.storedHash().equals(storedHash);
        }
    }

    /** Notes that {@code secret} was just verified against {@code storedHash}, the stored hash of {@code name}. */
    public void remember(String name, String secret, String storedHash) {
        if (ttlNanos <= 0 || maxEntries == 0 || name == null || secret == null || storedHash == null) {
            return;
        }
        Entry entry = new Entry(name, storedHash, nanoClock.getAsLong() + ttlNanos);
        String id = id(name, secret);
        synchronized (entries) {
            entries.put(id, entry);
        }
    }

    /** Drops what is remembered of {@code name}: its password, device or existence changed. */
    public void forget(String name) {
        synchronized (entries) {
            entries.values().removeIf(entry -> entry.name().equals(name));
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private String id(String name, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            // The name's length first: ("ab", "c") and ("a", "bc") must not share an entry.
            mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(nameBytes.length).array());
            mac.update(nameBytes);
            return Base64.getEncoder().encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
