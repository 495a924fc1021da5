package org.supplysync.security.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Audit;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.Requests;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.security.control.Passwords;
import org.supplysync.security.entity.Administrator;
import org.supplysync.security.entity.Role;

import java.util.List;

/**
 * The administrators of the admin API, as administrators keep them: create one with a role, change a password or a
 * role, deactivate and activate. Every change is audited under the name of who made it; there is always an active
 * administrator in the admin role left.
 */
@Stateless
public class Administrators {

    private static final String ROLES = "\"admin\" or \"viewer\"";

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    Credentials credentials;

    @Inject
    Audit audit;

    public Administrator create(String name, String password, String role, String who) {
        String username = checkedName(name);
        Role wanted = role(role);
        String hash = passwords.hash(Requests.required(password, "password"));
        if (em.find(Administrator.class, username) != null) {
            throw new ConflictException("an administrator named '" + username + "' exists already");
        }
        Administrator administrator = new Administrator(username, hash, wanted, who);
        em.persist(administrator);
        em.flush();
        em.refresh(administrator);
        audit.record(who, "administrator.create", target(administrator), "administrator " + username + " created, role "
                + wanted.label());
        return administrator;
    }

    public List<Administrator> all() {
        return em.createNamedQuery(Administrator.ALL, Administrator.class).getResultList();
    }

    public Administrator find(String name) {
        Administrator administrator = name == null ? null : em.find(Administrator.class, name);
        if (administrator == null) {
            throw UnknownResourceException.inPath("there is no administrator " + name);
        }
        return administrator;
    }

    /** Sets a new password; a lock of the name from wrong passwords goes with the old one. */
    public void changePassword(String name, String password, String who) {
        Administrator administrator = find(name);
        administrator.changePasswordHash(passwords.hash(Requests.required(password, "password")));
        credentials.forgetAdministrator(administrator.username());
        audit.record(who, "administrator.password", target(administrator), "password of administrator "
                + administrator.username() + " changed");
    }

    public Administrator changeRole(String name, String role, String who) {
        Role wanted = role(role);
        Administrator administrator = lockedForChange(name);
        Role before = administrator.role();
        if (before == wanted) {
            return administrator;
        }
        if (administrator.isActiveAdmin()) {
            refuseLastAdmin(administrator, "made a " + wanted.label());
        }
        administrator.changeRole(wanted);
        audit.record(who, "administrator.role", target(administrator), "role of administrator "
                + administrator.username() + ": " + before.label() + " -> " + wanted.label());
        return administrator;
    }

    /** Deactivates ({@code false}) or activates the administrator; deactivated, they are refused like a stranger. */
    public Administrator changeActive(String name, boolean active, String who) {
        Administrator administrator = lockedForChange(name);
        if (administrator.isActive() == active) {
            return administrator;
        }
        if (!active && administrator.isActiveAdmin()) {
            refuseLastAdmin(administrator, "deactivated");
        }
        administrator.changeActive(active);
        credentials.forgetAdministrator(administrator.username());
        audit.record(who, active ? "administrator.activate" : "administrator.deactivate", target(administrator),
                "administrator " + administrator.username() + (active ? " activated" : " deactivated"));
        return administrator;
    }

    /**
     * The administrator, with every active admin's row locked until the transaction ends: two administrators who
     * demote or deactivate each other at once are checked one after the other, so one of them stays.
     */
    private Administrator lockedForChange(String name) {
        Administrator administrator = find(name);
        em.createQuery("select a from Administrator a where a.active = true and a.role = :role", Administrator.class)
                .setParameter("role", Role.ADMIN.label()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        em.refresh(administrator, LockModeType.PESSIMISTIC_WRITE);
        return administrator;
    }

    private void refuseLastAdmin(Administrator administrator, String change) {
        long others = em.createQuery("select count(a) from Administrator a where a.active = true and a.role = :role"
                        + " and a.username <> :name", Long.class)
                .setParameter("role", Role.ADMIN.label()).setParameter("name", administrator.username()).getSingleResult();
        if (others == 0) {
            throw new ConflictException(administrator.username() + " is the last active administrator in the admin"
                    + " role and cannot be " + change + "; make another one first");
        }
    }

    private static String checkedName(String name) {
        String username = Requests.required(name, "name", Administrator.MAX_NAME);
        if (!username.equals(username.strip()) || username.contains(":") || username.contains("/")
                || username.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("name must not hold a colon (HTTP Basic splits on it), a slash (it is"
                    + " part of the administrator's path), control characters or leading or trailing spaces");
        }
        return username;
    }

    private static Role role(String label) {
        return Role.of(Requests.required(label, "role"))
                .orElseThrow(() -> new InvalidRequestException("role must be " + ROLES + ", got \"" + label + "\""));
    }

    private static String target(Administrator administrator) {
        return "administrator " + administrator.username();
    }
}
