package org.supplysync.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Slow, salted password hashes (PBKDF2, from Jakarta Security) for administrators and sites.
 *
 * <p>A v5 site never sends its password, only the lowercase hex SHA-256 of it; so a site's stored hash is the
 * slow hash of that digest, and the digest is what gets verified.
 */
@ApplicationScoped
public class Passwords {

    private static final int MAX_REMEMBERED = 10_000;

    /** Successful verifications; a changed password has another hash, so it never matches an old entry. */
    private final Map<String, Boolean> verified = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "supplysync.security.hash-iterations", defaultValue = "100000")
    int iterations;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    public String hash(String secret) {
        return pbkdf2.generate(secret.toCharArray());
    }

    public boolean verify(String secret, String hash) {
        if (secret == null || hash == null) {
            return false;
        }
        // Sites authenticate on every call; the slow hash is worked out once per (hash, secret), not per request.
        String key = hash + '\n' + sha256Hex(secret);
        if (verified.containsKey(key)) {
            return true;
        }
        boolean valid = pbkdf2.verify(secret.toCharArray(), hash);
        if (valid) {
            if (verified.size() > MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(key, Boolean.TRUE);
        }
        return valid;
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
