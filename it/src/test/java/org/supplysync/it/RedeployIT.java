package org.supplysync.it;

import org.junit.jupiter.api.Test;
import org.supplysync.client.chaos.HeldRows;

import java.io.File;
import java.nio.file.Path;
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
        try (HeldRows held = new HeldRows(new HeldRows.Database(Database.SERVER_URL + "/supplysync", "root", ""))) {
            held.hold("job_run", "run_id", run);
            // The job's next chunk reads its page and then waits to note its progress: inside its transaction.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                    HeldRows.waitFor(held.waits(), "run_id", run, "update job_run set position_table").isPresent());
            undeploy = asadmin("undeploy", "--properties", "retain-batch-jobs=true", "supplysync");
            // Released once the application is stopping and waits for the job (InterruptedJobs).
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                    serverLog().contains("waiting for executions [" + execution + "] to end their chunk"));
            assertThat(undeploy.isAlive()).as("the undeploy waits for the chunk").isTrue();
            held.release();
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

    /** Transactions of other connections than this one (the application is undeployed: none of it may be left). */
    private static long openTransactions() throws SQLException {
        return Database.number("select count(*) from information_schema.innodb_trx"
                + " where trx_mysql_thread_id <> connection_id()");
    }

    private static String runState(long run) throws SQLException {
        return Database.strings("select state from job_run where run_id = ?", run).stream().findFirst().orElse(null);
    }

    private static List<String> failures(long run) throws SQLException {
        return Database.strings("select message from job_failure where run_id = ?", run);
    }
}
