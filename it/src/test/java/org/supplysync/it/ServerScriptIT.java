package org.supplysync.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./supplysync} ends in a clean stop or a clean start after what operators do to it, on a server of its own
 * (its own data directory and ports; the shared server of the other tests is never touched).
 */
class ServerScriptIT {

    private static final ServerScript SERVER = ServerScript.ofItsOwn(
            Path.of(System.getProperty("supplysync.it.dataDir") + "-script"),
            "supplysync.it.scriptHttpPort", "supplysync.it.scriptDbPort");

    /**
     * Runs a command and keeps what its parent would reap: orphans (Payara, once asadmin has started it) become its
     * children (a subreaper), and it never waits for them, so a killed one stays a zombie until this process ends.
     */
    private static final String ZOMBIE_KEEPER = """
            import ctypes, subprocess, sys
            ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
            print("exit", subprocess.call(sys.argv[1:]), flush=True)
            sys.stdin.read()
            """;

    @AfterAll
    static void stopTheServer() throws Exception {
        assertThat(SERVER.run("stop").exitCode()).isZero();
        assertThatNothingRuns();
    }

    @Test
    void ctrlCOnARunPipedIntoTeeStopsPayaraAndTheDatabase() throws Exception {
        Path log = SERVER.dataDir.resolve("run-tee.log");
        Files.deleteIfExists(log);
        // As a terminal runs `./supplysync run | tee log`: both in one process group of their own, which Ctrl-C
        // signals as a whole (tee ends at once, and the script's messages meet a closed pipe). SIGINT at its default:
        // a build started in the background may have inherited it ignored.
        ProcessBuilder terminal = new ProcessBuilder("setsid", "env", "--default-signal=INT", "bash", "-c",
                "\"$0\" run --no-deploy | tee \"$1\" > /dev/null", ServerScript.SCRIPT, log.toString())
                .redirectErrorStream(true).redirectOutput(SERVER.dataDir.resolve("run-terminal.log").toFile());
        terminal.environment().putAll(SERVER.environment());
        Process run = terminal.start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Files.exists(log) && Files.readString(log).contains("Ctrl-C stops everything")
                        || !run.isAlive());
        assertThat(run.isAlive()).as("./supplysync run is up").isTrue();
        long database = databaseLauncher();

        assertThat(new ProcessBuilder("kill", "-INT", "--", "-" + run.pid()).start().waitFor()).isZero();

        assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("./supplysync run ended after Ctrl-C").isTrue();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(ProcessHandle.of(database).map(ProcessHandle::isAlive).orElse(false))
                        .as("the embedded MariaDB's launcher is still running").isFalse());
        assertThatNothingRuns();
    }

    @Test
    void aStartRightAfterPayaraWasKilledStartsItAgainWhileTheDeadServerIsNotYetReaped() throws Exception {
        assertThat(SERVER.run("stop").exitCode()).isZero();
        Process keeper = keepingZombies("start", "--no-deploy");
        try {
            long server = serverPid();
            ProcessHandle.of(server).orElseThrow().destroyForcibly();

            ServerScript.Run start = SERVER.run("start", "--no-deploy");

            assertThat(processState(server)).as("the killed server, not yet reaped").isEqualTo("Z");
            assertThat(start.exitCode()).as(start.output()).isZero();
            assertThat(start.output()).doesNotContain("the server is already running");
            assertThat(serverPid()).isNotEqualTo(server);
            assertThat(answers(SERVER.adminPort())).as("the new server's admin port").isTrue();
            assertThat(SERVER.run("status").output()).contains("server: running", "embedded MariaDB: running");
        } finally {
            keeper.getOutputStream().close();
            keeper.waitFor(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void aKilledMariadbdTakesItsLauncherWithItAndTheNextStartStartsTheDatabaseAgain() throws Exception {
        assertThat(SERVER.run("start", "--no-deploy").exitCode()).isZero();
        ProcessHandle launcher = ProcessHandle.of(databaseLauncher()).orElseThrow();
        ProcessHandle mariadbd = launcher.children()
                .filter(child -> child.info().command().orElse("").endsWith("/mariadbd")).findFirst().orElseThrow();

        mariadbd.destroyForcibly();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(launcher.isAlive()).as("the launcher of the killed mariadbd").isFalse());
        assertThat(SERVER.run("status").output()).contains("embedded MariaDB: stopped");
        ServerScript.Run start = SERVER.run("start", "--no-deploy");
        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).contains("starting the embedded MariaDB");
        assertThat(answers(SERVER.dbPort)).isTrue();
        assertThat(ProcessHandle.of(databaseLauncher()).map(ProcessHandle::isAlive)).hasValue(true);
    }

    /** Starts the server under a process that keeps its orphans' zombies; returns once the script has ended. */
    private static Process keepingZombies(String... arguments) throws IOException {
        ProcessBuilder builder = SERVER.command(arguments);
        builder.command().addAll(0, List.of("python3", "-c", ZOMBIE_KEEPER));
        builder.redirectErrorStream(false).redirectError(SERVER.dataDir.resolve("keeper.log").toFile());
        Process keeper = builder.start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(keeper.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.startsWith("exit ")) {
                // the script's own output, up to its exit status
            }
            assertThat(line).as("./supplysync start under the zombie keeper").isEqualTo("exit 0");
        }
        return keeper;
    }

    private static void assertThatNothingRuns() throws Exception {
        assertThat(SERVER.run("status").output()).contains("server: stopped", "embedded MariaDB: stopped");
        assertThat(answers(SERVER.adminPort())).as("Payara's admin port").isFalse();
        assertThat(answers(SERVER.httpPort)).as("Payara's HTTP port").isFalse();
        assertThat(answers(SERVER.dbPort)).as("MariaDB's port").isFalse();
    }

    private static long serverPid() throws IOException {
        return Long.parseLong(Files.readString(
                SERVER.dataDir.resolve("domains").resolve("supplysync").resolve("config").resolve("pid")).trim());
    }

    private static long databaseLauncher() throws IOException {
        return Long.parseLong(Files.readString(SERVER.dataDir.resolve("mariadb.pid")).trim());
    }

    /** The state letter of /proc/PID/stat (R, S, Z, ...), or "gone". */
    private static String processState(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return "gone";
        }
        String line = Files.readString(stat);
        return line.substring(line.lastIndexOf(')') + 2).split(" ")[0];
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
