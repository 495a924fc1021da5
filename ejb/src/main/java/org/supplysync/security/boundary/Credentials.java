package org.supplysync.security.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.security.control.Passwords;
import org.supplysync.security.entity.Administrator;
import org.supplysync.site.entity.Site;

import java.util.Locale;
import java.util.Optional;

/** Checks who is calling: an administrator, or a remote site presenting the SHA-256 of its password. */
@Stateless
public class Credentials {

    // Administrators and sites are told apart in the cache of verified credentials.
    private static final String ADMINISTRATOR = "admin:";
    private static final String SITE = "site:";

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    public boolean isAdministrator(String username, String password) {
        Administrator admin = em.find(Administrator.class, username);
        return admin != null && passwords.verify(ADMINISTRATOR + username, password, admin.passwordHash());
    }

    /** The site, when {@code passwordSha256} is the SHA-256 hex of its password. */
    public Optional<Site> site(String siteName, String passwordSha256) {
        return em.createNamedQuery(Site.BY_NAME, Site.class)
                .setParameter("name", siteName)
                .getResultStream()
                .findFirst()
                .filter(site -> passwords.verify(siteCaller(site.name()), passwordSha256.toLowerCase(Locale.ROOT),
                        site.passwordHash()));
    }

    /**
     * Forgets the site's recently verified credentials, once its password, its device binding or its existence
     * changed. Not needed for safety (a remembered secret only matches the stored hash it was checked against, and
     * the device is checked on every call), but nothing of a changed site lingers.
     */
    public void forgetSite(String siteName) {
        passwords.forget(siteCaller(siteName));
    }

    private static String siteCaller(String siteName) {
        return SITE + siteName;
    }
}
