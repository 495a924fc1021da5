package org.supplysync.user.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.security.control.Backoff;
import org.supplysync.security.control.Passwords;
import org.supplysync.site.entity.Site;
import org.supplysync.store.entity.Store;
import org.supplysync.user.control.LoginFailures;
import org.supplysync.user.entity.StoreAccess;
import org.supplysync.user.entity.UserAccount;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Logs users in for remote sites ({@code POST /api/v4/login}, msupply-sync-v5.md §1.11): checks the password against
 * the slow hash, counts failures per user name in the database and locks a name after too many
 * ({@code supplysync.users.*}), and says which stores the user may use on the site that asks.
 */
@Stateless
public class Logins {

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    LoginFailures failures;

    @Inject
    @ConfigProperty(name = "supplysync.users.login-max-failures")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "supplysync.users.login-failure-window-seconds")
    long windowSeconds;

    @Inject
    @ConfigProperty(name = "supplysync.users.login-lockout-seconds")
    long lockoutSeconds;

    /**
     * One login. A locked name is answered as locked before its password is looked at, right or wrong; any other
     * failure counts towards the lock, and a success clears the count. The failure count commits with the answer.
     *
     * @param siteName the sync site the user logs in on: the answer lists the user's stores active there (all of them
     *                 when the client names no site)
     */
    public LoginOutcome login(String username, String password, Optional<String> siteName) {
        if (username.codePointCount(0, username.length()) > UserAccount.MAX_NAME) {
            // No user has such a name, and the count has no room for it.
            passwords.spendVerification(password);
            return new LoginOutcome.Refused();
        }
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        Backoff lockout = lockout();
        Backoff.State state = failures.lock(username);
        Optional<Duration> blocked = lockout.blockedFor(state, now);
        if (blocked.isPresent()) {
            return new LoginOutcome.Blocked(Backoff.millis(blocked.get()));
        }
        Optional<UserAccount> user = em.createNamedQuery(UserAccount.BY_NAME, UserAccount.class)
                .setParameter("name", username).getResultStream().findFirst()
                .filter(UserAccount::isActive).filter(UserAccount::hasPassword);
        boolean valid;
        if (user.isPresent()) {
            valid = passwords.verify(password, user.get().passwordHash());
        } else {
            passwords.spendVerification(password);
            valid = false;
        }
        if (!valid) {
            failures.save(username, lockout.afterFailure(state, now));
            return new LoginOutcome.Refused();
        }
        failures.clear(username);
        user.get().loggedIn(now);
        return loggedIn(user.get(), siteName);
    }

    /**
     * The stores the answer lists: those active on the named site, which are the only ones the client lets the user
     * log in to (it keeps the others and filters them out by site), so the central tells a site nothing of the user's
     * stores elsewhere. A site name the central does not know has none.
     */
    private LoginOutcome.LoggedIn loggedIn(UserAccount user, Optional<String> siteName) {
        Optional<Site> site = siteName.flatMap(name -> em.createNamedQuery(Site.BY_NAME, Site.class)
                .setParameter("name", name).getResultStream().findFirst());
        Map<String, Store> stores = new TreeMap<>();
        em.createQuery("select s from Store s where s.id in (select a.storeId from StoreAccess a where a.user = :user)",
                Store.class).setParameter("user", user).getResultList().forEach(store -> stores.put(store.id(), store));
        List<StoreAccess> listed = new ArrayList<>();
        for (StoreAccess access : user.stores()) {
            Store store = stores.get(access.storeId());
            if (siteName.isEmpty() || site.isPresent() && store != null && store.isActiveOn(site.get().id())) {
                listed.add(access);
            }
        }
        String storeName = listed.stream().filter(StoreAccess::canLogin)
                .min(Comparator.comparing((StoreAccess access) -> !access.isDefault()))
                .map(access -> stores.get(access.storeId()).name()).orElse("");
        String service = site.map(known -> known.type().name().toLowerCase(Locale.ROOT)).orElse("");
        return new LoginOutcome.LoggedIn(user, listed, storeName, service);
    }

    /** Forgets failure counts whose window closed and locks that ended, so that the table holds only live ones. */
    @Schedule(minute = "*/10", hour = "*", persistent = false)
    void forgetExpiredFailures() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        failures.forgetExpired(now.minusSeconds(windowSeconds), now);
    }

    /** The sites' and administrators' back-off, with every lock as long as the first: mSupply's fixed lockout. */
    private Backoff lockout() {
        Duration lock = Duration.ofSeconds(lockoutSeconds);
        return new Backoff(maxFailures, Duration.ofSeconds(windowSeconds), lock, lock);
    }
}
