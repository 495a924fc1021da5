package org.supplysync.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.supplysync.db.SchemaMigrations;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Applies the versioned SQL migrations of the {@code db} module when the application deploys, before any
 * other bean touches the database: a new database gets the whole schema, an old one is upgraded.
 */
@Startup
@Singleton
// Flyway commits each migration itself; a container transaction around it would only get in the way.
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result = SchemaMigrations.migrate(dataSource);
        LOG.info(() -> "schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }
}
