package org.supplysync.security.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.security.control.Passwords;
import org.supplysync.security.entity.Administrator;
import org.supplysync.site.entity.Site;

import java.util.Optional;

/** Checks who is calling: an administrator, or a remote site presenting the SHA-256 of its password. */
@Stateless
public class Credentials {

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    public boolean isAdministrator(String username, String password) {
        Administrator admin = em.find(Administrator.class, username);
        return admin != null && passwords.verify(password, admin.passwordHash());
    }

    /** The site, when {@code passwordSha256} is the SHA-256 hex of its password. */
    public Optional<Site> site(String siteName, String passwordSha256) {
        return em.createNamedQuery(Site.BY_NAME, Site.class)
                .setParameter("name", siteName)
                .getResultStream()
                .findFirst()
                .filter(site -> passwords.verify(passwordSha256.toLowerCase(), site.passwordHash()));
    }
}
