package org.supplysync.security.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.security.control.AuthenticationFailures;
import org.supplysync.security.control.AuthenticationFailures.Key;
import org.supplysync.security.control.Backoff;
import org.supplysync.security.control.Passwords;
import org.supplysync.security.entity.Administrator;
import org.supplysync.site.entity.Site;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks who is calling: an administrator, or a remote site presenting the SHA-256 of its password. Wrong passwords
 * are counted per name in the database and lock it for a while ({@link Backoff}, {@code supplysync.security.*}); a
 * locked name is refused before its password is looked at, so a lock costs no slow hash. A site's name is counted
 * apart for its bound device and for every other caller, so that wrong passwords from elsewhere never lock the real
 * site out. Each check is one transaction: the count commits with the answer.
 */
@Stateless
public class Credentials {

    // Administrators and sites are told apart in the cache of verified credentials and in the failure counts.
    private static final String ADMINISTRATOR = "admin";
    private static final String SITE = "site";
    private static final String SITE_DEVICE = "site-device";

    /** The failure table's name column: VARCHAR(100), as wide as administrator and site names. */
    private static final int MAX_NAME = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    AuthenticationFailures failures;

    @Inject
    @ConfigProperty(name = "supplysync.security.lock-after-failures")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "supplysync.security.failure-window-seconds")
    long windowSeconds;

    @Inject
    @ConfigProperty(name = "supplysync.security.lock-seconds")
    long lockSeconds;

    @Inject
    @ConfigProperty(name = "supplysync.security.longest-lock-seconds")
    long longestLockSeconds;

    /**
     * The active administrator, when {@code password} is theirs and the name is not locked. Unknown names are counted
     * and locked alike, and cost the same slow hash, so that neither the answer nor its time tells which names exist.
     */
    public Optional<Administrator> administrator(String username, String password) {
        if (username.codePointCount(0, username.length()) > MAX_NAME) {
            // No administrator has such a name, and the count has no room for it.
            passwords.spendVerification(password);
            return Optional.empty();
        }
        Optional<Administrator> admin = Optional.ofNullable(em.find(Administrator.class, username))
                .filter(Administrator::isActive);
        boolean valid = check(new Key(ADMINISTRATOR, username), ADMINISTRATOR + ":" + username, password,
                admin.map(Administrator::passwordHash).orElse(null));
        return valid ? admin : Optional.empty();
    }

    /**
     * The site, when {@code passwordSha256} is the SHA-256 hex of its password and its name is not locked for the
     * device that calls ({@code hardwareId}, the {@code msupply-site-uuid} header; null when there is none).
     */
    public Optional<Site> site(String siteName, String passwordSha256, String hardwareId) {
        Optional<Site> site = named(siteName);
        if (site.isEmpty() || site.get().passwordHash() == null) {
            // Unknown or retired: no password to guess, nothing to count (the sync API names unknown sites anyway).
            return Optional.empty();
        }
        boolean valid = check(siteKey(site.get(), hardwareId), siteCaller(site.get().name()),
                passwordSha256.toLowerCase(Locale.ROOT), site.get().passwordHash());
        return valid ? site : Optional.empty();
    }

    /** How long the administrator's name stays locked, if it is. */
    public Optional<Duration> administratorLockedFor(String username) {
        return username.codePointCount(0, username.length()) > MAX_NAME ? Optional.empty()
                : lockedFor(new Key(ADMINISTRATOR, username));
    }

    /** How long the site's name stays locked for the device that calls, if it is. */
    public Optional<Duration> siteLockedFor(String siteName, String hardwareId) {
        return named(siteName).flatMap(site -> lockedFor(siteKey(site, hardwareId)));
    }

    /**
     * Forgets the site's recently verified credentials, once its password, its device binding or its existence
     * changed. Not needed for safety (a remembered secret only matches the stored hash it was checked against, and
     * the device is checked on every call), but nothing of a changed site lingers.
     */
    public void forgetSite(String siteName) {
        passwords.forget(siteCaller(siteName));
    }

    /**
     * An administrator's password changed, or their account: their remembered credentials go, and so does a lock of
     * their name (an administrator who set a new password for a colleague locked out lets them in at once).
     */
    public void forgetAdministrator(String username) {
        passwords.forget(ADMINISTRATOR + ":" + username);
        failures.clear(new Key(ADMINISTRATOR, username));
    }

    /** Forgets the counts that say nothing any more, so that the table holds only live ones. */
    @Schedule(minute = "*/10", hour = "*", persistent = false)
    void forgetExpiredFailures() {
        failures.forgetOlderThan(backoff().forgetBefore(now()));
    }

    /**
     * Whether {@code secret} is the one of {@code hash} (null: nobody's, a slow hash is spent all the same), refused
     * unchecked while the name is locked. The credentials remembered for a moment are taken without the slow hash
     * and without writing anything; otherwise the name's row is locked first, so that attempts at once are counted
     * one after the other.
     */
    private boolean check(Key key, String caller, String secret, String hash) {
        Backoff backoff = backoff();
        Backoff.State state = failures.read(key);
        if (backoff.blockedFor(state, now()).isPresent()) {
            return false;
        }
        if (hash != null && passwords.remembered(caller, secret, hash)) {
            if (!state.isNone()) {
                failures.clear(key);
            }
            return true;
        }
        state = failures.lock(key);
        LocalDateTime now = now();
        if (backoff.blockedFor(state, now).isPresent()) {
            return false;
        }
        boolean valid;
        if (hash == null) {
            passwords.spendVerification(secret);
            valid = false;
        } else {
            valid = passwords.verify(caller, secret, hash);
        }
        if (valid) {
            failures.clear(key);
        } else {
            failures.save(key, backoff.afterFailure(state, now));
        }
        return valid;
    }

    private Optional<Duration> lockedFor(Key key) {
        return backoff().blockedFor(failures.read(key), now());
    }

    private Optional<Site> named(String siteName) {
        return em.createNamedQuery(Site.BY_NAME, Site.class).setParameter("name", siteName).getResultStream().findFirst();
    }

    private static Key siteKey(Site site, String hardwareId) {
        boolean boundDevice = site.hardwareId() != null && site.hardwareId().equals(hardwareId);
        return new Key(boundDevice ? SITE_DEVICE : SITE, site.name());
    }

    private static String siteCaller(String siteName) {
        return SITE + ":" + siteName;
    }

    private Backoff backoff() {
        return new Backoff(maxFailures, Duration.ofSeconds(windowSeconds), Duration.ofSeconds(lockSeconds),
                Duration.ofSeconds(longestLockSeconds));
    }

    /** In milliseconds, as the database keeps times: a lock ends when it says, not a fraction later. */
    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
