package org.supplysync.it;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;

/**
 * The application is undeployed (an upgrade, or the server shutting down) while an initialisation runs, at the worst
 * moment: the job's chunk is inside its transaction, waiting for a lock. Cut off there, the chunk's transaction used
 * to stay open in the database with its locks, and syncs and jobs of the next deployment waited on them. Now the
 * undeploy waits for the chunk, the job stops between two chunks, nothing is left open, and the initialisation goes
 * on by itself once the application is deployed again: the site gets every record once.
 */
class RedeployIT extends DeployedApplication {

    private static final String NOTE = "stopped between two chunks because the application stopped";

    @Test
    void anInitialisationCutOffByAnUndeployStopsBetweenTwoChunksAndGoesOnWhenTheApplicationIsBack() throws Exception {
        RemoteSite site = RemoteSite.register("desktop");
        // Enough pages (100 records each in the tests) that the job is still busy when its row is taken.
        List<String> ids = InitialisationIT.pushMany(site, createStore(site.id), 8_000);
        long execution = admin().body(Map.of("siteId", site.id)).post("/api/jobs/initialise-site")
                .then().statusCode(202).extract().jsonPath().getLong("executionId");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> InitialisationIT.job(execution).getLong("done") > 0);
        long run = InitialisationIT.job(execution).getLong("runId");

        Process undeploy;
        try (Connection hold = Database.application().getConnection()) {
            hold.setAutoCommit(false);
            try (PreparedStatement lock = hold.prepareStatement("select run_id from job_run where run_id = ? for update")) {
                lock.setLong(1, run);
                lock.executeQuery().close();
            }
            // The job's next chunk reads its page and then waits to note its progress: inside its transaction.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> waitingTransactions() > 0);
            undeploy = asadmin("undeploy", "--properties", "retain-batch-jobs=true", "supplysync");
            // Released once the application is stopping and waits for the job (InterruptedJobs).
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                    serverLog().contains("waiting for executions [" + execution + "] to end their chunk"));
            assertThat(undeploy.isAlive()).as("the undeploy waits for the chunk").isTrue();
            hold.rollback();
        }
        assertThat(undeploy.waitFor(3, TimeUnit.MINUTES)).as("undeploy ended").isTrue();
        assertThat(undeploy.exitValue()).as("undeploy").isZero();

        assertThat(openTransactions()).as("transactions of the application left open in the database").isZero();
        assertThat(runState(run)).isEqualTo("STOPPED");
        assertThat(failures(run)).anySatisfy(message -> assertThat(message).startsWith(NOTE));

        Process deploy = asadmin("deploy", "--name", "supplysync", "--properties", "retain-batch-jobs=true",
                System.getProperty("supplysync.it.ear"));
        assertThat(deploy.waitFor(5, TimeUnit.MINUTES)).as("deploy ended").isTrue();
        assertThat(deploy.exitValue()).as("deploy").isZero();

        // Nobody restarts it: the site is waiting for its initialisation.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                "completed".equals(site.get("/sync/v5/site").expect(200).json().path("initialisationStatus").asText()));
        assertThat(runState(run)).isEqualTo("COMPLETED");
        List<String> pulled = new ArrayList<>();
        site.drainQueue().stream().filter(r -> r.path("tableName").asText().equals("Location"))
                .forEach(r -> pulled.add(r.path("recordId").asText()));
        assertThat(pulled).as("every record once, none twice").containsExactlyInAnyOrderElementsOf(ids);
    }

    /** asadmin of the build's server, as ./supplysync runs it; the caller waits for it. */
    private static Process asadmin(String... arguments) throws Exception {
        ServerScript server = ServerScript.theItServer();
        Path root = Path.of(ServerScript.SCRIPT).getParent();
        List<String> command = new ArrayList<>(List.of(root.resolve("runtime/target/payara6/bin/asadmin").toString(),
                "--port", Integer.toString(server.adminPort()), "--user", "admin",
                "--passwordfile", server.dataDir.resolve("asadmin-password").toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(server.dataDir.toFile(), "redeploy-" + arguments[0] + ".log")).start();
    }

    private static String serverLog() throws java.io.IOException {
        return java.nio.file.Files.readString(ServerScript.theItServer().dataDir
                .resolve("domains/supplysync/logs/server.log"));
    }

    /** The job's chunk, waiting to note its progress on the held row (JobRuns.advance). */
    private static long waitingTransactions() throws SQLException {
        return count("select count(*) from information_schema.innodb_trx where trx_state = 'LOCK WAIT'"
                + " and trx_query like 'update job_run set position_table%'");
    }

    /** Transactions of other connections than this one (the application is undeployed: none of it may be left). */
    private static long openTransactions() throws SQLException {
        return count("select count(*) from information_schema.innodb_trx where trx_mysql_thread_id <> connection_id()");
    }

    private static String runState(long run) throws SQLException {
        try (Connection db = Database.application().getConnection();
             PreparedStatement select = db.prepareStatement("select state from job_run where run_id = ?")) {
            select.setLong(1, run);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static List<String> failures(long run) throws SQLException {
        List<String> messages = new ArrayList<>();
        try (Connection db = Database.application().getConnection();
             PreparedStatement select = db.prepareStatement("select message from job_failure where run_id = ?")) {
            select.setLong(1, run);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    messages.add(rows.getString(1));
                }
            }
        }
        return messages;
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = Database.application().getConnection();
             PreparedStatement select = db.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }
}
