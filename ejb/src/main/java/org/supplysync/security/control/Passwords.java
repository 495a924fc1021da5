package org.supplysync.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Slow, salted password hashes (PBKDF2, from Jakarta Security) for administrators, sites and users.
 *
 * <p>A v5 site never sends its password, only the lowercase hex SHA-256 of it; so a site's stored hash is the
 * slow hash of that digest, and the digest is what gets verified.
 */
@ApplicationScoped
public class Passwords {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "supplysync.security.hash-iterations", defaultValue = "100000")
    int iterations;

    @Inject
    @ConfigProperty(name = "supplysync.security.credential-cache-seconds", defaultValue = "600")
    int cacheSeconds;

    @Inject
    @ConfigProperty(name = "supplysync.security.credential-cache-size", defaultValue = "10000")
    int cacheSize;

    private VerifiedCredentials verified;

    private volatile String decoy;

    @PostConstruct
    void configure() {
        verified = new VerifiedCredentials(Duration.ofSeconds(cacheSeconds), cacheSize);
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    public String hash(String secret) {
        return pbkdf2.generate(secret.toCharArray());
    }

    /** The slow check, every time. */
    public boolean verify(String secret, String hash) {
        return secret != null && hash != null && pbkdf2.verify(secret.toCharArray(), hash);
    }

    /**
     * Spends the time a verification takes, for a caller with no hash to check it against (an unknown user): such a
     * caller is answered no sooner than one with a wrong password, so the time of an answer tells no names.
     */
    public void spendVerification(String secret) {
        verify(secret == null ? "" : secret, decoy());
    }

    private String decoy() {
        String hash = decoy;
        if (hash == null) {
            // Of a random secret nobody knows; made once, two racing first calls make two, which does no harm.
            hash = hash(UUID.randomUUID().toString());
            decoy = hash;
        }
        return hash;
    }

    /**
     * Whether {@code caller} (any name unique among the callers checked here) presented the secret of {@code hash}:
     * sites authenticate on every call, so a secret verified moments ago against the same stored hash is taken
     * without the slow hash ({@code supplysync.security.credential-cache-seconds}).
     */
    public boolean verify(String caller, String secret, String hash) {
        if (verified.remembers(caller, secret, hash)) {
            return true;
        }
        boolean valid = verify(secret, hash);
        if (valid) {
            verified.remember(caller, secret, hash);
        }
        return valid;
    }

    /** Whether {@code caller} presented the secret of {@code hash} moments ago: no slow hash. */
    public boolean remembered(String caller, String secret, String hash) {
        return verified.remembers(caller, secret, hash);
    }

    /** Forgets the verified secrets of {@code caller}: its password, device binding or existence changed. */
    public void forget(String caller) {
        verified.forget(caller);
    }

    /** The slow hash stored for a site whose password is {@code password}. */
    public String siteHash(String password) {
        return hash(sha256Hex(password));
    }

    /** What an mSupply remote site sends as its Basic-auth password. */
    public static String sha256Hex(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
