package org.supplysync.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.supplysync.db.SchemaMigrations;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The db module's migrations on a real MariaDB: from nothing, again, and from an older version. */
class MigrationsIT {

    @Test
    void createsTheWholeSchemaInAnEmptyDatabaseAndLeavesItAloneTheSecondTime() throws SQLException {
        DataSource empty = Database.fresh("supplysync_it_empty");

        MigrateResult first = SchemaMigrations.migrate(empty);
        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(2);
        assertThat(count(empty, "select count(*) from site where id = 1")).isEqualTo(1);
        assertThat(count(empty, "select count(*) from data_type")).isGreaterThan(50);

        long applied = count(empty, "select count(*) from flyway_schema_history");
        MigrateResult second = SchemaMigrations.migrate(empty);
        assertThat(second.migrationsExecuted).isZero();
        assertThat(count(empty, "select count(*) from flyway_schema_history")).isEqualTo(applied);
        assertThat(count(empty, "select count(*) from site")).isEqualTo(1);
    }

    @Test
    void upgradesAnOlderDatabaseWithoutLosingItsData() throws SQLException {
        DataSource old = Database.fresh("supplysync_it_upgrade");
        SchemaMigrations.migrateTo(old, "1");
        execute(old, "insert into site (id, uuid, name, type, password_hash) values (7, uuid(), 'district-7', 'MOBILE', 'x')");
        execute(old, "insert into store (id, code, name, name_id, active_site_id) values ('S7', 'S7', 'Store 7', 'N7', 7)");

        MigrateResult upgrade = SchemaMigrations.migrate(old);

        assertThat(upgrade.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(count(old, "select count(*) from site where id = 7 and name = 'district-7' and sync_status = 'idle'"))
                .isEqualTo(1);
        assertThat(count(old, "select count(*) from store where id = 'S7' and active_site_id = 7")).isEqualTo(1);
        assertThat(count(old, "select count(*) from site_queue where site_id = 7 and queue_length = 0")).isEqualTo(1);
        assertThat(count(old, "select count(*) from site_activity where site_id = 7 and central_cursor = 0")).isEqualTo(1);
    }

    @Test
    void recordsStagedOneByOneBeforeStayStagedInTheirOrderAsLinesOfV5Json() throws SQLException {
        DataSource old = Database.fresh("supplysync_it_staged");
        SchemaMigrations.migrateTo(old, "5");
        execute(old, "insert into site (id, uuid, name, type, password_hash) values (8, uuid(), 'district-8', 'MOBILE', 'x')");
        execute(old, "insert into outbound_record (site_id, table_name, record_id, action, data) values"
                + " (8, 'Location', 'L\"1', 'update', '{\"ID\": \"L1\",\n \"code\": \"a\\\\nb\"}'),"
                + " (8, 'item', 'I2', 'delete', '{}')");

        SchemaMigrations.migrate(old);

        assertThat(count(old, "select count(*) from outbound_batch where site_id = 8 and record_count = 1")).isEqualTo(2);
        try (Connection connection = old.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select records from outbound_batch order by batch_id")) {
            rows.next();
            JsonNode first = new ObjectMapper().readTree(rows.getString(1));
            assertThat(rows.getString(1)).doesNotContain("\n");
            assertThat(first.path("recordId").asText()).isEqualTo("L\"1");
            assertThat(first.path("recordData").path("code").asText()).isEqualTo("a\nb");
            rows.next();
            assertThat(rows.getString(1))
                    .isEqualTo("{\"tableName\":\"item\",\"recordId\":\"I2\",\"action\":\"delete\",\"recordData\":{}}");
        } catch (JsonProcessingException e) {
            throw new AssertionError("a staged record is not JSON", e);
        }
    }

    @Test
    void theApplicationDatabaseIsAtTheLatestVersion() throws SQLException {
        DataSource application = Database.application();
        assertThat(SchemaMigrations.migrate(application).migrationsExecuted).isZero();
        assertThat(count(application, "select count(*) from flyway_schema_history where success = 0")).isZero();
    }

    private static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
