package org.supplysync.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.api.SyncApiException;
import org.supplysync.client.api.SyncV5Api;
import org.supplysync.client.chaos.ChaosCampaign;
import org.supplysync.client.local.LocalDatabase;
import org.supplysync.client.local.LocalDatabaseException;
import org.supplysync.client.local.LocalRecord;
import org.supplysync.client.simulate.Simulation;
import org.supplysync.client.sync.RemoteSite;
import org.supplysync.client.sync.SiteSettings;
import org.supplysync.client.sync.SyncFailure;
import org.supplysync.client.sync.SyncReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code supplysync-site}: a remote site on the command line. Every failure ends with a readable message on standard
 * error and a non-zero exit (1 for a failed operation, 2 for a wrong command line).
 */
@Command(name = "supplysync-site", mixinStandardHelpOptions = true, version = "supplysync-site 0.1.0",
        description = "A remote site in a box: syncs a local SQLite database with a supplysync (mSupply sync v5) server.",
        subcommands = {SiteCommand.Init.class, SiteCommand.Sync.class, SiteCommand.Status.class, SiteCommand.Put.class,
                SiteCommand.Get.class, Simulation.Command.class, ChaosCampaign.Command.class})
public final class SiteCommand {

    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SiteCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("supplysync-site: " + readable(e));
            return 1;
        });
        return cli.execute(args);
    }

    static String readable(Throwable e) {
        if (e instanceof SyncApiException api) {
            return api.readable();
        }
        if (e instanceof SyncFailure failure) {
            return "sync failed at " + failure.step() + ": " + failure.getMessage();
        }
        if (e instanceof LocalDatabaseException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The site database option every subcommand shares. */
    static class Database {
        @Option(names = "--db", paramLabel = "FILE", defaultValue = "supplysync-site.db",
                description = "the site's SQLite database (default: ${DEFAULT-VALUE})")
        Path file;

        RemoteSite openConfigured() {
            if (!Files.exists(file)) {
                throw new IllegalStateException("no site database at " + file + ": run supplysync-site init first");
            }
            RemoteSite site = RemoteSite.open(file);
            if (!site.isConfigured()) {
                site.close();
                throw new IllegalStateException(file + " has no server and site yet: run supplysync-site init first");
            }
            return site;
        }
    }

    @Command(name = "init", description = "Creates (or re-points) the site database and checks the credentials.")
    static final class Init implements Callable<Integer> {
        @CommandLine.Mixin
        Database db;
        @Option(names = "--server", required = true, paramLabel = "URL", description = "server base URL, e.g. http://localhost:8080")
        URI server;
        @Option(names = "--site", required = true, paramLabel = "NAME", description = "the sync site name")
        String siteName;
        @Option(names = "--password", required = true, paramLabel = "PW", description = "the site password")
        String password;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (RemoteSite site = RemoteSite.open(db.file)) {
                site.configure(server, siteName, password);
                JsonNode info = site.api().site();
                PrintWriter out = spec.commandLine().getOut();
                out.println("site " + siteName + " (sync id " + info.path("siteId").asText() + ", initialisation "
                        + info.path("initialisationStatus").asText() + ") on " + server);
                out.println("database " + db.file.toAbsolutePath() + ", hardware id " + site.db().hardwareId());
                out.println("next: supplysync-site sync --db " + db.file);
            }
            return 0;
        }
    }

    @Command(name = "sync", description = "Runs one sync cycle: push local changes, pull central and queued records, integrate.")
    static final class Sync implements Callable<Integer> {
        @CommandLine.Mixin
        Database db;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (RemoteSite site = db.openConfigured()) {
                ConsoleProgress progress = new ConsoleProgress(System.err, System.console() != null);
                SyncReport report;
                try {
                    report = site.sync(progress);
                } finally {
                    progress.finish();
                }
                PrintWriter out = spec.commandLine().getOut();
                if (report.initialisation() != null) {
                    out.println("initialisation: " + report.initialisation());
                }
                out.printf("sync done: pushed %d (refused %d), pulled %d central + %d queued, integrated %d%n",
                        report.pushed(), report.refused().size(), report.pulledCentral(), report.pulledQueue(),
                        report.integrated());
                report.refused().forEach(r -> out.println("  refused: " + r));
                report.integrationErrors().forEach(r -> out.println("  not integrated: " + r));
            }
            return 0;
        }
    }

    @Command(name = "status", description = "Shows queue sizes, the last sync and the last error.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Mixin
        Database db;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (RemoteSite site = db.openConfigured()) {
                LocalDatabase local = site.db();
                PrintWriter out = spec.commandLine().getOut();
                long pushCursor = local.setting(SiteSettings.PUSH_CURSOR).map(Long::parseLong).orElse(0L);
                int siteId = site.siteId();
                row(out, "server", local.setting(SiteSettings.SERVER_URL).orElse("?"));
                row(out, "site", local.setting(SiteSettings.SITE_NAME).orElse("?")
                        + (siteId > 0 ? " (sync id " + siteId + ")" : ""));
                row(out, "active stores", siteId > 0 ? String.join(", ", local.activeStores(siteId)) : "unknown until the first sync");
                row(out, "initialised", local.setting(SiteSettings.INITIALISED).orElse("false")
                        + local.setting(SiteSettings.INITIALISATION_NOTE).map(n -> " (" + n + ")").orElse(""));
                row(out, "records held", Long.toString(local.liveRecordCount()));
                row(out, "to push", Long.toString(siteId > 0 ? local.pushable(pushCursor, siteId) : 0));
                row(out, "pulled, not integrated", Long.toString(local.buffered()));
                row(out, "server queue (last pull)", local.setting(SiteSettings.SERVER_QUEUE_LENGTH).orElse("?"));
                row(out, "central cursor", local.setting(SiteSettings.CENTRAL_CURSOR).orElse("0") + " of "
                        + local.setting(SiteSettings.CENTRAL_MAX_CURSOR).orElse("?"));
                row(out, "last sync started", local.setting(SiteSettings.LAST_SYNC_STARTED).orElse("never"));
                row(out, "last successful sync", local.setting(SiteSettings.LAST_SUCCESSFUL_SYNC).orElse("never"));
                row(out, "last error", local.setting(SiteSettings.LAST_ERROR)
                        .map(e -> e + local.setting(SiteSettings.LAST_ERROR_AT).map(t -> " (" + t + ")").orElse(""))
                        .orElse("none"));
            }
            return 0;
        }

        private static void row(PrintWriter out, String label, String value) {
            out.printf("%-26s %s%n", label, value);
        }
    }

    @Command(name = "put", description = "Edits a record locally (logged for the next push). JSON is the mSupply row; "
            + "its ID field is the record id. Use - to read the JSON from standard input.")
    static final class Put implements Callable<Integer> {
        @CommandLine.Mixin
        Database db;
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;
        @Parameters(index = "1", paramLabel = "JSON")
        String json;
        @Option(names = "--delete", description = "delete the record (JSON is then just its id)")
        boolean delete;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String text = "-".equals(json) ? new String(System.in.readAllBytes()) : json;
            try (RemoteSite site = db.openConfigured()) {
                if (delete) {
                    String id = text.trim();
                    if (!site.db().delete(table, id)) {
                        throw new IllegalArgumentException("the site holds no " + table + " " + id);
                    }
                    spec.commandLine().getOut().println("deleted " + table + " " + id + " (pushed at the next sync)");
                    return 0;
                }
                JsonNode row;
                try {
                    row = JSON.readTree(text);
                } catch (IOException e) {
                    throw new IllegalArgumentException("JSON is not valid: " + e.getMessage());
                }
                if (!(row instanceof ObjectNode object)) {
                    throw new IllegalArgumentException("JSON must be an object (the mSupply row)");
                }
                String id = Optional.ofNullable(object.get("ID")).map(JsonNode::asText).filter(s -> !s.isBlank())
                        .orElseThrow(() -> new IllegalArgumentException("the row has no \"ID\" field"));
                site.db().put(table, id, object);
                spec.commandLine().getOut().println("stored " + table + " " + id + " (pushed at the next sync)");
            }
            return 0;
        }
    }

    @Command(name = "get", description = "Prints a record the site holds.")
    static final class Get implements Callable<Integer> {
        @CommandLine.Mixin
        Database db;
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;
        @Parameters(index = "1", paramLabel = "ID")
        String id;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (RemoteSite site = db.openConfigured()) {
                LocalRecord record = site.db().get(table, id)
                        .orElseThrow(() -> new IllegalArgumentException("the site holds no " + table + " " + id));
                if (record.deleted()) {
                    throw new IllegalArgumentException(table + " " + id + " was deleted");
                }
                spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record.data()));
            }
            return 0;
        }
    }

    static String sha256(String password) {
        return SyncV5Api.sha256Hex(password);
    }
}
