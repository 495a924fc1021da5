package org.supplysync.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The command line: {@code --name value} or {@code --name=value}; a later occurrence wins (the script's defaults come first). */
public record Options(String url, String adminUser, String adminPassword,
                      String dbUrl, String dbUser, String dbPassword,
                      int sites, int stores, int records, int batch, int threads, int pullLimit,
                      int idleTimeoutSeconds) {

    /** Site ids are 100000 + (run second % 100000) * 1000 + site index: a run has room for 1000 sites. */
    public static final int MAX_SITES = 1000;
    /** What the server accepts in one request (supplysync.sync.max-batch-records, max-pull-records). */
    public static final int MAX_RECORDS_PER_REQUEST = 5000;

    static final String USAGE = """
            usage: ./supplysync bench [options]     (or java -jar supplysync-bench.jar [options])

            Creates sites and stores on a running server, pushes store records from many sites at once through
            sync v5, pulls and acknowledges them at their destinations, and compares the push rate with raw
            batched inserts into the same MariaDB.

              --url URL              the server (http://localhost:8080)
              --admin-user NAME      administrator of the admin API (admin)
              --admin-password PW    its password (required; ./supplysync passes SUPPLYSYNC_ADMIN_PASSWORD)
              --db-url JDBC_URL      the server's MariaDB, for the raw insert baseline
                                     (jdbc:mariadb://127.0.0.1:3307/supplysync)
              --db-user NAME         (root)
              --db-password PW       (empty)
              --sites N              remote sites to create (100; 2 to 1000)
              --stores N             stores, spread over the sites (1000; at least --sites)
              --records N            store records to push (200000)
              --batch N              records per push request and per raw insert batch (1000; at most 5000)
              --threads N            sites pushing or pulling at once, and raw insert connections (8)
              --pull-limit N         records asked for per pull (1000; at most 5000)
              --idle-timeout S       longest wait for the pushed records to be integrated (1800)
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
            } else if (i + 1 < args.length) {
                values.put(arg.substring(2), args[++i]);
            } else {
                throw new Usage(arg + " needs a value");
            }
        }
        Reader in = new Reader(values);
        Options options = new Options(
                in.text("url", "http://localhost:8080").replaceAll("/+$", ""),
                in.text("admin-user", "admin"),
                in.text("admin-password", ""),
                in.text("db-url", "jdbc:mariadb://127.0.0.1:3307/supplysync"),
                in.text("db-user", "root"),
                in.text("db-password", ""),
                in.number("sites", 100),
                in.number("stores", 1000),
                in.number("records", 200_000),
                in.number("batch", 1000),
                in.number("threads", 8),
                in.number("pull-limit", 1000),
                in.number("idle-timeout", 1800));
        if (!values.isEmpty()) {
            throw new Usage("unknown option --" + values.keySet().iterator().next());
        }
        options.check();
        return options;
    }

    private void check() {
        if (adminPassword.isEmpty()) {
            throw new Usage("--admin-password is required");
        }
        // Every store's records go to one *other* site, so there must be two; and the store that makes a store
        // visible on its destination is that site's first store, so every site needs one.
        if (sites < 2 || sites > MAX_SITES) {
            throw new Usage("--sites must be 2 to " + MAX_SITES);
        }
        if (stores < sites) {
            throw new Usage("--stores must be at least --sites (every site needs a store)");
        }
        if (records < 1 || threads < 1 || idleTimeoutSeconds < 1) {
            throw new Usage("--records, --threads and --idle-timeout must be positive");
        }
        if (batch < 1 || batch > MAX_RECORDS_PER_REQUEST || pullLimit < 1 || pullLimit > MAX_RECORDS_PER_REQUEST) {
            throw new Usage("--batch and --pull-limit must be 1 to " + MAX_RECORDS_PER_REQUEST);
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
            String value = values.remove(name);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new Usage("--" + name + " must be a number, got " + value);
            }
        }
    }
}
