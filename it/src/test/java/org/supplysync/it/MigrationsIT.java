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
import java.util.List;

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
    void recordsBufferedOneByOneBeforeStayBufferedAsPiecesInTheirOrder() throws SQLException {
        DataSource old = Database.fresh("supplysync_it_buffered");
        SchemaMigrations.migrateTo(old, "16");
        execute(old, "insert into site (id, uuid, name, type, password_hash) values (9, uuid(), 'district-9', 'MOBILE', 'x')");
        execute(old, "insert into push_buffer (site_id, session, table_name, record_id, action, data, is_line) values"
                + " (9, 1, 'trans_line', 'L1', 'update', '{\"ID\": \"L1\",\n \"transaction_ID\": \"T\\\\t1\"}', true),"
                + " (9, 1, 'transact', 'T\"1', 'update', '{\"ID\": \"T1\"}', false),"
                + " (9, 2, 'name', 'P1', 'update', '{\"ID\": \"P1\"}', false)");

        SchemaMigrations.migrate(old);

        try (Connection connection = old.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select session, integration_order, record_count, integrated,"
                     + " records from push_buffer where site_id = 9 order by integration_order, received")) {
            rows.next();
            assertThat(rows.getString(5)).isEqualTo("[\"name\", \"P1\", \"update\"]\t{\"ID\": \"P1\"}");
            assertThat(rows.getInt(1)).isEqualTo(2);
            assertThat(rows.getInt(2)).as("a patient can be a name").isZero();
            rows.next();
            assertThat(rows.getString(5)).isEqualTo("[\"transact\", \"T\\\"1\", \"update\"]\t{\"ID\": \"T1\"}");
            assertThat(rows.getInt(2)).isEqualTo(1);
            rows.next();
            assertThat(rows.getString(5)).as("a record to a line")
                    .isEqualTo("[\"trans_line\", \"L1\", \"update\"]\t{\"ID\": \"L1\",  \"transaction_ID\": \"T\\t1\"}");
            assertThat(List.of(rows.getInt(2), rows.getInt(3), rows.getInt(4))).containsExactly(2, 1, 0);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void theApplicationDatabaseIsAtTheLatestVersion() throws SQLException {
        DataSource application = Database.application();
        assertThat(SchemaMigrations.migrate(application).migrationsExecuted).isZero();
        assertThat(count(application, "select count(*) from flyway_schema_history where success = 0")).isZero();
    }

    @Test
    void projectsWhatTheCentralHeldBeforeForTheReportsByTheirRules() throws SQLException {
        DataSource old = Database.fresh("supplysync_it_reports");
        SchemaMigrations.migrateTo(old, "13");
        execute(old, """
                insert into sync_record (table_name, record_id, store_id, origin_site_id, deleted, held, data) values
                ('item_line', 'L1', 'S1', 2, false, true,
                 '{"ID":"L1","store_ID":"S1","item_ID":"I1","location_ID":"A","pack_size":10,"available":3,"cost_price":2.5}'),
                ('item_line', 'L2', 'S1', 2, true, true, '{"ID":"L2","store_ID":"S1","item_ID":"I1","available":3}'),
                ('item_line', 'L3', 'S9', 2, false, false, '{"store_ID":"S9"}'),
                ('transact', 'T1', 'S1', 2, false, true,
                 '{"ID":"T1","type":"ci","status":"fn","finalised_date":"2026-03-31","entry_date":"2026-03-01"}'),
                ('transact', 'T2', 'S1', 2, false, true,
                 '{"ID":"T2","type":"cc","status":"fn","finalised_date":"0000-00-00","entry_date":"2026-04-02"}'),
                ('transact', 'T3', 'S1', 2, false, true, '{"ID":"T3","type":"ci","status":"nw","entry_date":"2026-04-02"}'),
                ('trans_line', 'TL1', null, 2, false, true,
                 '{"ID":"TL1","transaction_ID":"T1","item_ID":"I1","type":"stock_out","quantity":3,"pack_size":10}'),
                ('trans_line', 'TL2', null, 2, false, true,
                 '{"ID":"TL2","transaction_ID":"T1","item_ID":"I1","type":"placeholder","quantity":3,"pack_size":10}')""");

        SchemaMigrations.migrate(old);

        assertThat(count(old, "select count(*) from report_stock_line where line_id = 'L1' and store_id = 'S1'"
                + " and item_id = 'I1' and location_id = 'A' and available_packs = 3 and pack_size = 10"
                + " and cost_price = 2.5")).isEqualTo(1);
        assertThat(count(old, "select count(*) from report_stock_line")).as("deleted, not held").isEqualTo(1);
        assertThat(count(old, "select count(*) from report_issue where (transact_id, month, sign) in"
                + " (('T1', '2026-03', 1), ('T2', '2026-04', -1))")).isEqualTo(2);
        assertThat(count(old, "select count(*) from report_issue")).as("not finalised").isEqualTo(2);
        assertThat(count(old, "select count(*) from report_issue_line where line_id = 'TL1' and units = 30"))
                .isEqualTo(1);
        assertThat(count(old, "select count(*) from report_issue_line")).as("a placeholder moves no stock").isEqualTo(1);
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
