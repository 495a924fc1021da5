package org.supplysync.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.security.entity.Administrator;
import org.supplysync.security.entity.Role;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Makes sure the first administrator exists, with the password from {@code supplysync.admin.password}
 * ({@code SUPPLYSYNC_ADMIN_PASSWORD}); setting a new value and restarting resets a forgotten password, and makes the
 * account an active admin again (the way back in for whoever runs the server, whatever was done to the account
 * through the API). Restarting with the same value changes nothing.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
public class AdministratorBootstrap {

    private static final Logger LOG = Logger.getLogger(AdministratorBootstrap.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    @ConfigProperty(name = "supplysync.admin.username", defaultValue = "admin")
    String username;

    @Inject
    @ConfigProperty(name = "supplysync.admin.password")
    Optional<String> password;

    @PostConstruct
    void ensureFirstAdministrator() {
        Administrator admin = em.find(Administrator.class, username);
        if (password.isEmpty() || password.get().isBlank()) {
            if (admin == null) {
                LOG.warning("no administrator yet: set SUPPLYSYNC_ADMIN_PASSWORD and restart to create '" + username + "'");
            }
            return;
        }
        if (admin == null) {
            em.persist(new Administrator(username, passwords.hash(password.get()), Role.ADMIN, null));
            LOG.info("administrator '" + username + "' created");
        } else if (!passwords.verify(password.get(), admin.passwordHash())) {
            admin.changePasswordHash(passwords.hash(password.get()));
            admin.changeRole(Role.ADMIN);
            admin.changeActive(true);
            LOG.info("administrator '" + username + "' password set from configuration, an active admin");
        }
    }
}
