package org.supplysync.user.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Audit;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.Requests;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.security.control.Passwords;
import org.supplysync.store.entity.Store;
import org.supplysync.user.control.LoginFailures;
import org.supplysync.user.entity.UserAccount;
import org.supplysync.user.entity.UserDetails;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Users who log in on remote sites, as administrators keep them: create, change the password, the stores and the
 * permissions, deactivate. Every change is audited under the administrator's name; no answer carries a password.
 */
@Stateless
public class Users {

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    LoginFailures failures;

    @Inject
    Audit audit;

    public UserAccount create(UserRegistration registration, String who) {
        if (registration == null) {
            throw new InvalidRequestException("the request body is missing");
        }
        String name = Requests.required(registration.name(), "name", UserAccount.MAX_NAME);
        String password = Requests.required(registration.password(), "password");
        UserDetails details = checked(registration.details());
        List<StoreGrant> stores = checked(registration.stores() == null ? List.of() : registration.stores());
        if (named(name).isPresent()) {
            throw new ConflictException("a user named '" + name + "' exists already (user names are compared"
                    + " case-insensitively)");
        }
        UserAccount user = UserAccount.created(name, passwords.hash(password), details, who);
        grant(user, stores);
        em.persist(user);
        audit.record(who, "user.create", target(user), "user " + name + " created with stores " + user.stores());
        return user;
    }

    public List<UserAccount> all() {
        return em.createNamedQuery(UserAccount.ALL, UserAccount.class).getResultList();
    }

    public UserAccount find(String id) {
        UserAccount user = em.find(UserAccount.class, id);
        if (user == null) {
            throw UnknownResourceException.inPath("there is no user " + id);
        }
        user.stores();
        return user;
    }

    /** Sets the password (a user a site pushed has none until then) and lifts a lock of failed logins. */
    public void changePassword(String id, String password, String who) {
        UserAccount user = find(id);
        user.changePasswordHash(passwords.hash(Requests.required(password, "password")));
        failures.clear(user.name());
        audit.record(who, "user.password", target(user), "password of user " + user.name() + " changed");
    }

    /** Replaces the stores the user may use and the permissions in each; a store kept keeps its join id. */
    public UserAccount changeStores(String id, List<StoreGrant> stores, String who) {
        if (stores == null) {
            throw new InvalidRequestException("stores is required: an array, empty to take every store away");
        }
        List<StoreGrant> checked = checked(stores);
        UserAccount user = find(id);
        String before = user.stores().toString();
        grant(user, checked);
        audit.record(who, "user.stores", target(user), "stores of user " + user.name() + ": " + before + " -> "
                + user.stores());
        return user;
    }

    /** An inactive user is refused at login; nothing else of it changes, so it can be activated again. */
    public UserAccount changeActive(String id, boolean active, String who) {
        UserAccount user = find(id);
        if (user.isActive() != active) {
            user.changeActive(active);
            audit.record(who, active ? "user.activate" : "user.deactivate", target(user),
                    "user " + user.name() + (active ? " activated" : " deactivated"));
        }
        return user;
    }

    /** Until when failed logins lock the user's name, if they do now. */
    public Optional<LocalDateTime> lockedUntil(UserAccount user) {
        return failures.lockedUntil(user.name(), LocalDateTime.now(ZoneOffset.UTC));
    }

    private Optional<UserAccount> named(String name) {
        return em.createNamedQuery(UserAccount.BY_NAME, UserAccount.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    private static void grant(UserAccount user, List<StoreGrant> stores) {
        user.keepOnly(stores.stream().map(StoreGrant::storeId).toList());
        for (StoreGrant store : stores) {
            user.grant(store.storeId()).change(store.canLogin(), store.isDefault(), store.canActionReplenishments(),
                    store.permissions());
        }
    }

    private static UserDetails checked(UserDetails details) {
        if (details == null) {
            return new UserDetails(null, null, null, null);
        }
        Requests.fitting(details.firstName(), "firstName", UserAccount.MAX_TEXT);
        Requests.fitting(details.lastName(), "lastName", UserAccount.MAX_TEXT);
        Requests.fitting(details.email(), "email", UserAccount.MAX_TEXT);
        Requests.fitting(details.jobTitle(), "jobTitle", UserAccount.MAX_TEXT);
        return details;
    }

    /** Each store once, known to the central, at most one of them the default. */
    private List<StoreGrant> checked(List<StoreGrant> stores) {
        Set<String> seen = new HashSet<>();
        long defaults = 0;
        for (StoreGrant store : stores) {
            if (!seen.add(store.storeId())) {
                throw new InvalidRequestException("store " + store.storeId() + " is listed twice");
            }
            if (em.find(Store.class, store.storeId()) == null) {
                throw UnknownResourceException.inBody("there is no store " + store.storeId());
            }
            defaults += store.isDefault() ? 1 : 0;
        }
        if (defaults > 1) {
            throw new InvalidRequestException("at most one store is the user's default, got " + defaults);
        }
        return stores;
    }

    private static String target(UserAccount user) {
        return "user " + user.id();
    }
}
