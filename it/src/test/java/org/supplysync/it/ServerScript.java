package org.supplysync.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./supplysync} as the build runs it around the integration tests (it/pom.xml): the same environment, for the
 * shared server the build started ({@link #theItServer()}) or for a server of a test's own ({@link #ofItsOwn}), which
 * differs only in its data directory and ports.
 */
final class ServerScript {

    static final String SCRIPT = System.getProperty("supplysync.it.script");

    final Path dataDir;
    final int httpPort;
    final int dbPort;

    private ServerScript(Path dataDir, int httpPort, int dbPort) {
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.dbPort = dbPort;
    }

    /** The server the build started: the tests after the current one expect to find it as the build left it. */
    static ServerScript theItServer() {
        return new ServerScript(Path.of(System.getProperty("supplysync.it.dataDir")),
                Integer.parseInt(System.getProperty("supplysync.it.httpPort")),
                Integer.parseInt(System.getProperty("supplysync.it.dbPort")));
    }

    /** A server of a test's own, in a data directory and on ports of its own, otherwise as the build's. */
    static ServerScript ofItsOwn(Path dataDir, String httpPortProperty, String dbPortProperty) {
        return new ServerScript(dataDir, Integer.parseInt(System.getProperty(httpPortProperty)),
                Integer.parseInt(System.getProperty(dbPortProperty)));
    }

    int adminPort() {
        return httpPort - 32;
    }

    String baseUri() {
        return "http://localhost:" + httpPort;
    }

    /** The script with these arguments, in the environment it/pom.xml gives it; the caller starts it. */
    ProcessBuilder command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(SCRIPT));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment());
        return builder;
    }

    /**
     * Runs the script to its end and returns what it printed; its output is kept in a file. Ten minutes at most: the
     * first start creates the domain, which takes minutes on a loaded machine.
     */
    Run run(String... arguments) throws IOException, InterruptedException {
        Path output = dataDir.resolve("script-" + arguments[0] + ".log");
        Files.createDirectories(dataDir);
        Process process = command(arguments).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./supplysync " + String.join(" ", arguments) + " did not end within 10 minutes");
        }
        return new Run(process.exitValue(), Files.readString(output));
    }

    /** What a run of the script printed, and how it ended. */
    record Run(int exitCode, String output) {
    }

    /** As it/pom.xml's exec-maven-plugin gives it to the script: keep the two lists the same. */
    Map<String, String> environment() {
        return Map.ofEntries(
                Map.entry("SUPPLYSYNC_DATA_DIR", dataDir.toString()),
                Map.entry("SUPPLYSYNC_HTTP_PORT", Integer.toString(httpPort)),
                Map.entry("SUPPLYSYNC_EMBEDDED_DB_PORT", Integer.toString(dbPort)),
                Map.entry("SUPPLYSYNC_ADMIN_PASSWORD", Api.ADMIN_PASSWORD),
                Map.entry("SUPPLYSYNC_SYNC_MAX_BATCH_BYTES", "2000000"),
                Map.entry("SUPPLYSYNC_HEAP", "1024m"),
                Map.entry("SUPPLYSYNC_BROKER_MAX_MESSAGES_PER_TRANSACTION", System.getProperty("supplysync.it.maxMessages")),
                Map.entry("SUPPLYSYNC_QUEUE_MAX_MESSAGES_PER_TRANSACTION", System.getProperty("supplysync.it.maxMessages")),
                Map.entry("SUPPLYSYNC_RESYNC_PAGE_RECORDS", System.getProperty("supplysync.it.resyncPageRecords")),
                Map.entry("SUPPLYSYNC_USERS_LOGIN_LOCKOUT_SECONDS", System.getProperty("supplysync.it.loginLockoutSeconds")),
                Map.entry("SUPPLYSYNC_SECURITY_LOCK_SECONDS", System.getProperty("supplysync.it.securityLockSeconds")),
                Map.entry("SUPPLYSYNC_SECURITY_LONGEST_LOCK_SECONDS", System.getProperty("supplysync.it.securityLockSeconds")),
                Map.entry("SUPPLYSYNC_ALERTS_WEBHOOK_URL",
                        "http://127.0.0.1:" + System.getProperty("supplysync.it.webhookPort") + "/alerts"),
                Map.entry("SUPPLYSYNC_ALERTS_INTERVAL", System.getProperty("supplysync.it.alertsInterval")),
                Map.entry("SUPPLYSYNC_DASHBOARD_REFRESH_SECONDS",
                        System.getProperty("supplysync.it.dashboardRefreshSeconds")),
                Map.entry("SUPPLYSYNC_RETENTION_AUDIT", System.getProperty("supplysync.it.retentionAudit")));
    }
}
