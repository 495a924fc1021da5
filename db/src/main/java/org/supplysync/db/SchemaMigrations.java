package org.supplysync.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Brings a MariaDB database to the schema this release expects: a new database is created from the
 * first migration, an older one is upgraded, an up-to-date one is left alone.
 *
 * <p>The migrations are the SQL files under {@code db/migration} in this jar; JPA never generates schema.
 */
public final class SchemaMigrations {

    public static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {
    }

    /** Applies every pending migration and returns how many ran. */
    public static MigrateResult migrate(DataSource dataSource) {
        return configure(dataSource, null).migrate();
    }

    /** Applies migrations up to and including {@code version} only; for upgrade tests. */
    public static MigrateResult migrateTo(DataSource dataSource, String version) {
        return configure(dataSource, version).migrate();
    }

    private static Flyway configure(DataSource dataSource, String target) {
        var config = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                // The batch runtime keeps its job repository in the same database and may create its tables first.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .validateMigrationNaming(true);
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }
}
