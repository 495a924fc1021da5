package org.supplysync.it.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supplysync.client.cli.SiteCommand;
import org.supplysync.it.DeployedApplication;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.site.ServerUnderTest.ADMIN;
import static org.supplysync.it.site.ServerUnderTest.BASE_URI;

/** The command line against the real server: the happy path, and readable failures with a non-zero exit. */
class CommandLineIT extends DeployedApplication {

    @TempDir
    Path dir;

    @Test
    void initSyncPutGetAndStatusWorkAndFailuresAreReadable() {
        String name = ServerUnderTest.unique("cli").toLowerCase();
        int siteId = ServerUnderTest.newSite(name);
        String store = name.toUpperCase() + "_STORE";
        ADMIN.createStore(store, "CLI", "CLI store", store + "_NAME", siteId);
        String db = dir.resolve("site.db").toString();

        Run wrong = run("init", "--server", BASE_URI.toString(), "--site", name, "--password", "not-it", "--db",
                dir.resolve("other.db").toString());
        assertThat(wrong.exit).isEqualTo(1);
        assertThat(wrong.err).contains("wrong site name or password");

        Run refused = run("init", "--server", "http://127.0.0.1:1", "--site", name, "--password", "pw-" + name,
                "--db", dir.resolve("nowhere.db").toString());
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.err).contains("cannot reach the server").contains("connection refused");

        assertThat(run("init", "--server", BASE_URI.toString(), "--site", name, "--password", "pw-" + name, "--db", db).exit)
                .isZero();
        Run first = run("sync", "--db", db);
        assertThat(first.exit).isZero();
        assertThat(first.out).contains("initialisation: initialised: the server queued");
        assertThat(run("put", "--db", db, "Location", "{\"ID\":\"" + store + "_LOC\",\"store_ID\":\"" + store
                + "\",\"Description\":\"Fridge\",\"code\":\"F\",\"hold\":false,\"type_ID\":\"\",\"Volume\":1}").exit).isZero();
        Run push = run("sync", "--db", db);
        assertThat(push.exit).isZero();
        assertThat(push.out).contains("pushed 1 (refused 0)");
        assertThat(ADMIN.record("Location", store + "_LOC")).isPresent();
        Run get = run("get", "--db", db, "Location", store + "_LOC");
        assertThat(get.out).contains("Fridge");
        Run status = run("status", "--db", db);
        assertThat(status.out).contains("to push").contains(store).contains("last error                 none");

        // The site is bound to this database's hardware id: another database (another device) is refused.
        Run otherDevice = run("init", "--server", BASE_URI.toString(), "--site", name, "--password", "pw-" + name,
                "--db", dir.resolve("device2.db").toString());
        assertThat(otherDevice.exit).isEqualTo(1);
        assertThat(otherDevice.err).contains("bound to another device");
        assertThat(run("get", "--db", db, "Location", "nope").exit).isEqualTo(1);
        assertThat(run("sync", "--db", dir.resolve("missing.db").toString()).err).contains("run supplysync-site init first");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = SiteCommand.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
