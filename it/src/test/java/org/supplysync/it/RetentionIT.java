package org.supplysync.it;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.Database.number;
import static org.supplysync.it.RemoteSite.record;

/**
 * The retention cleanup ({@code POST /api/retention/run}) over rows aged in the database: what has aged past its period
 * goes (the IT server runs with the default periods, the audit's ten years instead of forever), what is young stays,
 * and so do a quarantined record still waiting, a stopped job run that can still be restarted and a deletion some site
 * has not read past. The audit still refuses any other DELETE.
 */
class RetentionIT extends DeployedApplication {

    @Test
    void removesSyncSessionsAndRefusalsPastTheirPeriodAndTheSiteStillCountsItsRefusals() throws SQLException {
        String store = Api.createStore(Api.createSite("desktop", "p"));
        RemoteSite aged = RemoteSite.register("desktop");
        RemoteSite young = RemoteSite.register("desktop");
        String old = unique("LOC");
        String recent = unique("LOC");
        aged.push(location(old, store));
        aged.push(location(recent, store));
        young.push(location(unique("LOC"), store));
        assertThat(refusedRecords(aged)).isEqualTo(2);
        update("update sync_session set started_at = started_at - interval 100 day,"
                + " ended_at = ended_at - interval 100 day where site_id = ?", aged.id);
        update("update refusal set refused_at = refused_at - interval 100 day where site_id = ? and record_id = ?",
                aged.id, old);

        JsonPath removed = runRetention();

        assertThat(removed.getLong("removed.syncSessions")).isGreaterThanOrEqualTo(1);
        assertThat(removed.getLong("removed.refusals")).isGreaterThanOrEqualTo(1);
        assertThat(number("select count(*) from sync_session where site_id = ?", aged.id)).isZero();
        assertThat(number("select count(*) from sync_session where site_id = ?", young.id)).isPositive();
        assertThat(admin().get("/api/sites/" + aged.id + "/refusals").then().statusCode(200).extract()
                .jsonPath().getList("recordId", String.class)).containsExactly(recent);
        assertThat(refusedRecords(aged)).as("refused ever, the removed one included").isEqualTo(2);
        assertThat(refusedRecords(young)).isEqualTo(1);
    }

    @Test
    void theAuditLetsOnlyTheCleanupRemoveEntriesPastItsPeriod() throws SQLException {
        String who = unique("retention-it");
        insertAudit(who, "eleven years ago", "interval 4015 day");
        insertAudit(who, "a year ago", "interval 365 day");
        insertAudit(who, "ten days ago", "interval 10 day");

        try (Connection db = Database.application().getConnection(); Statement statement = db.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate(
                    "delete from audit where who = '" + who + "' and target = 'eleven years ago'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("the audit is never edited");
            // Whoever names a cutoff the way the cleanup does still removes nothing of the last 30 days.
            statement.execute("set @supplysync_audit_expired_before = utc_timestamp(3)");
            assertThatThrownBy(() -> statement.executeUpdate(
                    "delete from audit where who = '" + who + "' and target = 'ten days ago'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("the audit is never edited");
            assertThatThrownBy(() -> statement.executeUpdate("update audit set who = 'x' where who = '" + who + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("the audit is never edited");
        }

        JsonPath removed = runRetention();

        assertThat(removed.getLong("removed.audit")).isGreaterThanOrEqualTo(1);
        assertThat(auditTargets(who)).containsExactlyInAnyOrder("a year ago", "ten days ago");
        assertThat(auditTargets("admin").stream().filter("retention"::equals)).as("the run itself is audited").isNotEmpty();
    }

    @Test
    void keepsAQuarantinedRecordStillWaitingHoweverOld() throws SQLException {
        RemoteSite site = RemoteSite.register("desktop");
        String record = unique("LOC");
        update("""
                insert into quarantine (site_id, table_name, record_id, action, data, error, first_seen, last_seen)
                values (?, 'Location', ?, 'Update', '{}', 'retention test',
                        utc_timestamp(3) - interval 1000 day, utc_timestamp(3) - interval 1000 day)""", site.id, record);
        long id = number("select id from quarantine where site_id = ? and record_id = ?", site.id, record);
        try {
            runRetention();

            assertThat(number("select count(*) from quarantine where id = ?", id)).isEqualTo(1);
        } finally {
            admin().delete("/api/quarantine/" + id).then().statusCode(204);
        }
    }

    @Test
    void forgetsEndedJobRunsWithTheirExecutionsButKeepsARunThatCanStillBeRestarted() throws SQLException {
        RemoteSite twice = RemoteSite.register("desktop");
        RemoteSite stopped = RemoteSite.register("desktop");
        RemoteSite recent = RemoteSite.register("desktop");
        long superseded = initialise(twice);
        long completed = initialise(twice);
        long restartable = stopMidway(stopped);
        long young = initialise(recent);
        failedLongAgo(superseded);
        for (long execution : List.of(completed, restartable)) {
            update("update job_run set ended_at = ended_at - interval 100 day where execution_id = ?", execution);
            update("update EXECUTIONINSTANCEDATA set endtime = endtime - interval 100 day where jobexecid = ?", execution);
        }
        long supersededInstance = instanceOf(superseded);
        long completedInstance = instanceOf(completed);
        assertThat(number("select count(*) from STEPEXECUTIONINSTANCEDATA where jobexecid = ?", completed)).isPositive();

        JsonPath removed = runRetention();

        assertThat(removed.getLong("removed.jobRuns")).isGreaterThanOrEqualTo(2);
        assertThat(removed.getLong("removed.batchJobInstances")).isGreaterThanOrEqualTo(2);
        for (long execution : List.of(superseded, completed)) {
            assertThat(number("select count(*) from job_run where execution_id = ?", execution)).isZero();
            assertThat(number("select count(*) from EXECUTIONINSTANCEDATA where jobexecid = ?", execution)).isZero();
            assertThat(number("select count(*) from STEPEXECUTIONINSTANCEDATA where jobexecid = ?", execution)).isZero();
        }
        for (long instance : List.of(supersededInstance, completedInstance)) {
            assertThat(number("select count(*) from JOBINSTANCEDATA where jobinstanceid = ?", instance)).isZero();
            assertThat(number("select count(*) from CHECKPOINTDATA where id like ?", instance + ",%")).isZero();
        }
        for (long execution : List.of(restartable, young)) {
            assertThat(number("select count(*) from job_run where execution_id = ?", execution)).isEqualTo(1);
            assertThat(number("select count(*) from EXECUTIONINSTANCEDATA where jobexecid = ?", execution)).isEqualTo(1);
        }
        long again = admin().post("/api/jobs/" + restartable + "/restart").then().statusCode(202)
                .extract().jsonPath().getLong("executionId");
        awaitStatus(again, "COMPLETED", Duration.ofSeconds(120));
    }

    @Test
    void removesADeletionOfCentralDataOnlyOnceEverySiteHasReadPastIt() throws SQLException {
        String gone = unique("ITEM");
        String kept = unique("ITEM");
        String later = unique("ITEM");
        for (String item : List.of(gone, kept, later)) {
            central(item, "Update");
        }
        central(gone, "Delete");
        central(later, "Delete");
        long goneCursor = stampedCursor(gone);
        assertThat(stampedCursor(later)).isGreaterThan(goneCursor);
        update("update central_change set changed_at = changed_at - interval 400 day where table_name = 'item'"
                + " and record_id in (?, ?, ?)", gone, kept, later);
        // A site that has not read the log yet may still hold the item: its deletion stays.
        RemoteSite behind = RemoteSite.register("desktop");
        assertThat(number("select central_cursor from site_activity where site_id = ?", behind.id)).isLessThan(goneCursor);

        runRetention();
        assertThat(centralEntries(gone, kept, later)).containsOnlyKeys(gone, kept, later);

        // Every site reads past the first deletion (the sites of other tests too, put back afterwards).
        Map<Integer, Long> cursors = behindOf(goneCursor);
        try {
            update("update site_activity set central_cursor = ? where central_cursor < ?", goneCursor, goneCursor);

            JsonPath removed = runRetention();

            assertThat(removed.getLong("removed.tombstones")).isGreaterThanOrEqualTo(1);
        } finally {
            for (Map.Entry<Integer, Long> site : cursors.entrySet()) {
                update("update site_activity set central_cursor = ? where site_id = ?", site.getValue(), site.getKey());
            }
        }
        assertThat(centralEntries(gone, kept, later)).as("the latest change of a live record stays, and a deletion"
                + " some site has not read past").containsOnlyKeys(kept, later);
        assertThat(centralEntries(kept).get(kept)).isEqualTo("update");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static JsonPath runRetention() {
        return admin().post("/api/retention/run").then().statusCode(200).extract().jsonPath();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode location(String id, String store) {
        return record("Location", id, "Update", Map.of("ID", id, "store_ID", store, "code", id));
    }

    private static long refusedRecords(RemoteSite site) {
        return admin().get("/api/sites/" + site.id).then().statusCode(200).extract().jsonPath().getLong("refusedRecords");
    }

    private static void insertAudit(String who, String target, String age) throws SQLException {
        update("insert into audit (at, who, action, target) values (utc_timestamp(3) - " + age + ", ?, 'test', ?)",
                who, target);
    }

    private static List<String> auditTargets(String who) throws SQLException {
        return Database.strings("select target from audit where who = ? order by id", who);
    }

    private static long initialise(RemoteSite site) {
        long execution = start(site);
        awaitStatus(execution, "COMPLETED", Duration.ofSeconds(60));
        return execution;
    }

    /** An initialisation stopped between two chunks: a run an administrator, or the site, may go on with. */
    private static long stopMidway(RemoteSite site) {
        InitialisationIT.pushMany(site, Api.createStore(site.id), 3_000);
        long execution = start(site);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> job(execution).getLong("done") > 0);
        admin().post("/api/jobs/" + execution + "/stop").then().statusCode(202);
        awaitStatus(execution, "STOPPED", Duration.ofSeconds(60));
        assertThat(job(execution).getLong("done")).isLessThan(job(execution).getLong("total"));
        return execution;
    }

    private static long start(RemoteSite site) {
        return admin().body(Map.of("siteId", site.id)).post("/api/jobs/initialise-site")
                .then().statusCode(202).extract().jsonPath().getLong("executionId");
    }

    private static JsonPath job(long execution) {
        return admin().get("/api/jobs/" + execution).then().statusCode(200).extract().jsonPath();
    }

    private static void awaitStatus(long execution, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500))
                .until(() -> status.equals(job(execution).getString("status")));
    }

    /**
     * As a run the server was killed in ends: its execution and its run failed, here 100 days ago (in one statement
     * each, so that the alert check never sees a job that failed just now). The batch runtime's own status of the
     * instance is left as it was: this run is never restarted, only superseded.
     */
    private static void failedLongAgo(long execution) throws SQLException {
        update("update EXECUTIONINSTANCEDATA set batchstatus = 'FAILED', exitstatus = 'FAILED',"
                + " endtime = endtime - interval 100 day where jobexecid = ?", execution);
        update("update job_run set state = 'FAILED', ended_at = ended_at - interval 100 day where execution_id = ?",
                execution);
    }

    private static long instanceOf(long execution) throws SQLException {
        return number("select jobinstanceid from EXECUTIONINSTANCEDATA where jobexecid = ?", execution);
    }

    private static void central(String item, String action) {
        admin().body(Map.of("data", List.of(Map.of("tableName", "item", "recordId", item, "action", action,
                        "recordData", Map.of("ID", item, "item_name", "retention " + item)))))
                .post("/api/records").then().statusCode(200).body("accepted", org.hamcrest.Matchers.equalTo(1));
    }

    private static long stampedCursor(String item) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> number(
                "select coalesce(cursor_id, 0) from central_change where table_name = 'item' and record_id = ?", item),
                cursor -> cursor > 0);
    }

    /** The log's entry (its action) of each item that has one. */
    private static Map<String, String> centralEntries(String... items) throws SQLException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (Connection db = Database.application().getConnection();
             PreparedStatement select = db.prepareStatement(
                     "select record_id, action from central_change where table_name = 'item' and record_id = ?")) {
            for (String item : items) {
                select.setString(1, item);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        entries.put(row.getString(1), row.getString(2));
                    }
                }
            }
        }
        return entries;
    }

    private static Map<Integer, Long> behindOf(long cursor) throws SQLException {
        Map<Integer, Long> cursors = new LinkedHashMap<>();
        try (Connection db = Database.application().getConnection();
             PreparedStatement select = db.prepareStatement(
                     "select site_id, central_cursor from site_activity where central_cursor < ?")) {
            select.setLong(1, cursor);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    cursors.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        return cursors;
    }

    private static int update(String sql, Object... parameters) throws SQLException {
        try (Connection db = Database.application().getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
