package org.supplysync.bench;

import org.supplysync.bench.workload.Mix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line: {@code --name value} or {@code --name=value}; a later occurrence wins (the script's defaults come first). */
public record Options(String url, String adminUser, String adminPassword,
                      String dbUrl, String dbUser, String dbPassword, long serverPid,
                      int sites, int stores, int records, int warmUpRecords, int batch, int threads, int pullLimit,
                      int idleTimeoutSeconds, List<Mix> mixes,
                      int centralRecords, int centralLogMax, int centralSites, int pageReads,
                      int memoryPushes, int memoryMegabytes,
                      int initialiseRecords, Mix initialiseMix,
                      int transfers, int transferPairs,
                      int reportReads,
                      boolean soak, int soakSites, double soakIntervalMinutes, double soakMinutes,
                      int soakRecords, double soakSampleSeconds) {

    /** Site ids are 100000 + (run second % 100000) * 1000 + site index: a run has room for 1000 sites. */
    public static final int MAX_SITES = 1000;
    /** What the server accepts in one request (supplysync.sync.max-batch-records, max-pull-records). */
    public static final int MAX_RECORDS_PER_REQUEST = 5000;

    private static final Set<String> FLAGS = Set.of("soak");

    static final String USAGE = """
            usage: ./supplysync bench [options]     (or java -jar supplysync-bench.jar [options])

            Against a running server: creates sites and stores (timed), pushes store records from many sites at
            once through sync v5 for each table mix, pulls and acknowledges them at their destinations (each must
            arrive exactly once where it belongs), inserts the same rows straight into the same MariaDB (the
            baseline every rate is compared with), serves central data by cursor to many sites and times one page
            as the log grows, sends many large pushes at once while watching the server's heap, and times stock
            transfers between stores of different sites, many in flight at once. With --soak,
            instead: many sites syncing every few minutes for a bounded time.

              --url URL              the server (http://localhost:8080)
              --admin-user NAME      administrator of the admin API (admin)
              --admin-password PW    its password (required; ./supplysync passes SUPPLYSYNC_ADMIN_PASSWORD)
              --db-url JDBC_URL      the server's MariaDB, for the raw insert baseline and the central log filler
                                     (jdbc:mariadb://127.0.0.1:3307/supplysync)
              --db-user NAME         (root)
              --db-password PW       (empty)
              --server-pid PID       the server's process, for its heap through jcmd when /metrics does not tell (0)
              --sites N              remote sites to create (100; 2 to 1000)
              --stores N             stores, spread over the sites (1000; at least --sites)
              --records N            store records to push per mix (200000)
              --warmup-records N     records of each mix pushed, pulled and checked just before it, untimed, so
                                     that the mix is timed on a server that has compiled its work, as a server
                                     that runs for days has (50000; 0: the mix is the server's first such work)
              --mix M[,M]            table mixes, each pushed, pulled and compared on its own:
                                     locations, realistic (locations,realistic), reports (stock lines and
                                     finalised invoices with their lines, what the reports count); none skips them
              --batch N              records per push request and per raw insert batch (1000; at most 5000)
              --threads N            sites pushing or pulling at once, and raw insert connections (8)
              --pull-limit N         records asked for per pull, queue and central (1000; at most 5000)
              --idle-timeout S       longest wait for pushed records to be integrated (1800)
              --central-records N    central change log size the primary makes through the admin API, read by
                                     cursor from 0 by --central-sites sites (100000; 0 skips the central phase)
              --central-log-max N    log size, filled directly over JDBC, at which one page is timed again
                                     (1000000; at most --central-records: no second size)
              --central-sites N      sites reading the central log at once (--sites)
              --page-reads N         page reads timed at each log size (50)
              --memory-pushes N      pushes sent all at once in the memory phase (64; 0 skips it)
              --memory-mb N          size of each of them in MB (5)
              --initialise-records N one site with one store pushes N records, then is timed from POST
                                     /sync/v5/initialise until it has pulled and acknowledged its
                                     queue; each record must come back once (100000; 0 skips it)
              --initialise-mix M     what that site pushes: realistic or locations (realistic)
              --transfers N          stock transfers in flight at once: finalised customer invoices (3 lines
                                     each) to a store on another site, pushed together; timed until every
                                     responding half (si) is pulled at its site (1000; 0 skips it)
              --transfer-pairs N     pairs of sites they go between, one sending, one responding (10, at most
                                     --sites / 2)
              --report-reads N       after the mixes, reads of each report across stores and of the dashboard's
                                     site list timed, over what the central holds (5; 0 skips them)
              --soak                 run the soak instead of the phases above:
              --soak-sites N         sites syncing (1000; at most 1000)
              --soak-interval MIN    minutes between two syncs of a site, starts spread evenly (5)
              --soak-minutes MIN     how long the soak runs (15)
              --soak-records N       records a site pushes per sync (10)
              --soak-sample S        seconds between two samples of backlog and heap (30)
              --help
            """;

    static Options parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new Usage(null);
            }
            if (!arg.startsWith("--")) {
                throw new Usage("unexpected argument " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (FLAGS.contains(arg.substring(2))) {
                values.put(arg.substring(2), "true");
            } else if (i + 1 < args.length) {
                values.put(arg.substring(2), args[++i]);
            } else {
                throw new Usage(arg + " needs a value");
            }
        }
        Reader in = new Reader(values);
        int sites = in.number("sites", 100);
        int centralRecords = in.number("central-records", 100_000);
        Options options = new Options(
                in.text("url", "http://localhost:8080").replaceAll("/+$", ""),
                in.text("admin-user", "admin"),
                in.text("admin-password", ""),
                in.text("db-url", "jdbc:mariadb://127.0.0.1:3307/supplysync"),
                in.text("db-user", "root"),
                in.text("db-password", ""),
                in.number("server-pid", 0),
                sites,
                in.number("stores", 1000),
                in.number("records", 200_000),
                in.number("warmup-records", 50_000),
                in.number("batch", 1000),
                in.number("threads", 8),
                in.number("pull-limit", 1000),
                in.number("idle-timeout", 1800),
                mixes(in.text("mix", "locations,realistic")),
                centralRecords,
                in.number("central-log-max", 1_000_000),
                in.number("central-sites", sites),
                in.number("page-reads", 50),
                in.number("memory-pushes", 64),
                in.number("memory-mb", 5),
                in.number("initialise-records", 100_000),
                mix(in.text("initialise-mix", "realistic"), "--initialise-mix"),
                in.number("transfers", 1000),
                in.number("transfer-pairs", Math.min(10, sites / 2)),
                in.number("report-reads", 5),
                Boolean.parseBoolean(in.text("soak", "false")),
                in.number("soak-sites", 1000),
                in.decimal("soak-interval", 5),
                in.decimal("soak-minutes", 15),
                in.number("soak-records", 10),
                in.decimal("soak-sample", 30));
        if (!values.isEmpty()) {
            throw new Usage("unknown option --" + values.keySet().iterator().next());
        }
        options.check();
        return options;
    }

    private static List<Mix> mixes(String text) {
        List<Mix> mixes = new ArrayList<>();
        if (text.equals("none")) {
            return List.of();
        }
        for (String name : text.split(",")) {
            mixes.add(mix(name, "--mix"));
        }
        return List.copyOf(mixes);
    }

    private static Mix mix(String name, String option) {
        try {
            return Mix.parse(name);
        } catch (IllegalArgumentException e) {
            throw new Usage(option + " takes locations" + (option.equals("--mix") ? ", realistic and/or reports, or none"
                    : " or realistic")
                    + ", got " + name);
        }
    }

    private void check() {
        if (adminPassword.isEmpty()) {
            throw new Usage("--admin-password is required");
        }
        // Every store's records go to one *other* site, so there must be two; and the store that makes a store
        // visible on its destination is that site's first store, so every site needs one.
        if (sites < 2 || sites > MAX_SITES || soakSites < 2 || soakSites > MAX_SITES) {
            throw new Usage("--sites and --soak-sites must be 2 to " + MAX_SITES);
        }
        if (stores < sites) {
            throw new Usage("--stores must be at least --sites (every site needs a store)");
        }
        if (records < 1 || threads < 1 || idleTimeoutSeconds < 1 || pageReads < 1 || soakRecords < 0) {
            throw new Usage("--records, --threads, --idle-timeout and --page-reads must be positive");
        }
        if (warmUpRecords < 0) {
            throw new Usage("--warmup-records must be 0 or more");
        }
        if (batch < 1 || batch > MAX_RECORDS_PER_REQUEST || pullLimit < 1 || pullLimit > MAX_RECORDS_PER_REQUEST) {
            throw new Usage("--batch and --pull-limit must be 1 to " + MAX_RECORDS_PER_REQUEST);
        }
        if (centralRecords < 0 || centralSites < 1 || centralSites > sites) {
            throw new Usage("--central-records must be 0 or more, --central-sites 1 to --sites");
        }
        if (reportReads < 0) {
            throw new Usage("--report-reads must be 0 or more");
        }
        if (memoryPushes < 0 || memoryMegabytes < 1) {
            throw new Usage("--memory-pushes must be 0 or more, --memory-mb positive");
        }
        // The initialising site takes the run's next site id, which must stay in the run's range.
        if (initialiseRecords < 0 || initialiseRecords > 0 && sites >= MAX_SITES) {
            throw new Usage("--initialise-records must be 0 or more, and needs --sites below " + MAX_SITES
                    + " (its site takes the run's next site id; --initialise-records 0 skips it)");
        }
        if (transfers < 0 || transferPairs < 1 || 2 * transferPairs > sites) {
            throw new Usage("--transfers must be 0 or more, --transfer-pairs 1 to --sites / 2 (" + sites / 2 + ")");
        }
        if (soakIntervalMinutes <= 0 || soakMinutes <= 0 || soakSampleSeconds <= 0) {
            throw new Usage("--soak-interval, --soak-minutes and --soak-sample must be positive");
        }
    }

    /** Bad arguments: print the usage (with the problem, if any) and leave with status 2. */
    static final class Usage extends RuntimeException {
        Usage(String problem) {
            super(problem);
        }
    }

    /** Takes the options out of the map as it reads them, so that what is left over is unknown. */
    private record Reader(Map<String, String> values) {

        String text(String name, String fallback) {
            String value = values.remove(name);
            return value == null ? fallback : value;
        }

        int number(String name, int fallback) {
            return (int) decimal(name, fallback, true);
        }

        double decimal(String name, double fallback) {
            return decimal(name, fallback, false);
        }

        private double decimal(String name, double fallback, boolean whole) {
            String value = values.remove(name);
            if (value == null) {
                return fallback;
            }
            try {
                String plain = value.replace("_", "").replace(",", "");
                return whole ? Integer.parseInt(plain) : Double.parseDouble(plain);
            } catch (NumberFormatException e) {
                throw new Usage("--" + name + " must be a " + (whole ? "whole " : "") + "number, got " + value);
            }
        }
    }
}
