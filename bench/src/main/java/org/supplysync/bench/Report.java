package org.supplysync.bench;

import org.HdrHistogram.Histogram;
import org.supplysync.bench.phase.PullAndAck;
import org.supplysync.bench.phase.Push;
import org.supplysync.bench.phase.RawInserts;
import org.supplysync.bench.phase.Setup;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of a run: a table to read, and a row to paste into BENCHMARKS.md. */
record Report(Options options, String runPrefix, Setup.Result setup, Push.Result push, long refused,
              PullAndAck.Result pull, RawInserts.Result raw) {

    static final String MARKDOWN_HEADER = """
            | date | machine | sites / stores / records / batch / threads | setup s | push rec/s | push p50 / p99 / max ms | pull+ack rec/s | raw insert rows/s | push / raw |
            |---|---|---|---|---|---|---|---|---|""";

    boolean delivered() {
        return refused == 0 && pull.misrouted() == 0 && pull.runRecords() == push.records();
    }

    double pushRate() {
        return perSecond(push.records(), push.nanos());
    }

    double rawRate() {
        return perSecond(raw.rows(), raw.nanos());
    }

    void print(PrintStream out) {
        Histogram latencies = push.latencies();
        List<String[]> rows = new ArrayList<>();
        rows.add(row("run", runPrefix + " against " + options.url()));
        rows.add(row("machine", machine() + " (Java " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"));
        rows.add(row("parameters", parameters() + ", pull limit " + options.pullLimit()));
        rows.add(row("setup", seconds(setup.nanos()) + " (sites, stores, joins, collector copies; "
                + setup.drainedRecords() + " setup records drained)"));
        rows.add(row("push", rate(pushRate()) + " records/s: " + push.records() + " records checked, stored, routed in "
                + seconds(push.nanos()) + " (requests answered after " + seconds(push.sendingNanos())
                + ", then integration until every site was idle)"));
        rows.add(row("push latency", "p50 " + millis(latencies.getValueAtPercentile(50)) + " ms, p99 "
                + millis(latencies.getValueAtPercentile(99)) + " ms, max " + millis(latencies.getMaxValue())
                + " ms (each batch POST, " + latencies.getTotalCount() + " batches)"));
        rows.add(row("pull+ack", rate(perSecond(pull.received(), pull.nanos())) + " records/s: " + pull.received()
                + " records in " + seconds(pull.nanos()) + " (" + pull.pulls() + " pulls, " + pull.gzippedPulls()
                + " gzipped, " + size(pull.wireBytes()) + " on the wire)"));
        rows.add(row("delivered", pull.runRecords() + " of " + push.records() + " pushed records received, "
                + pull.misrouted() + " at a wrong site, " + refused + " refused: " + (delivered() ? "OK" : "WRONG")));
        rows.add(row("raw insert", rate(rawRate()) + " rows/s: " + raw.rows() + " rows in " + seconds(raw.nanos())
                + " (JDBC batches of " + options.batch() + ", a commit each, " + raw.connections() + " connections)"));
        rows.add(row("ratio", String.format(Locale.ROOT, "%.3f", pushRate() / rawRate())
                + " (push records/s / raw insert rows/s)"));

        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        out.println();
        out.println("supplysync sync benchmark");
        for (String[] r : rows) {
            out.printf("  %-" + width + "s  %s%n", r[0], r[1]);
        }
        out.println();
        out.println("BENCHMARKS.md row (header below it if the file has none):");
        out.println(markdownRow());
        out.println(MARKDOWN_HEADER);
    }

    String markdownRow() {
        Histogram latencies = push.latencies();
        return String.join(" | ", "", LocalDate.now().toString(), machine(),
                options.sites() + " / " + options.stores() + " / " + options.records() + " / " + options.batch()
                        + " / " + options.threads(),
                seconds(setup.nanos()).replace(" s", ""), rate(pushRate()),
                millis(latencies.getValueAtPercentile(50)) + " / " + millis(latencies.getValueAtPercentile(99))
                        + " / " + millis(latencies.getMaxValue()),
                rate(perSecond(pull.received(), pull.nanos())), rate(rawRate()),
                String.format(Locale.ROOT, "%.3f", pushRate() / rawRate()), "").trim();
    }

    private String parameters() {
        return options.sites() + " sites, " + options.stores() + " stores, " + options.records() + " records, batch "
                + options.batch() + ", " + options.threads() + " threads";
    }

    /** The machine the bench JVM runs on: with ./supplysync bench, the server's machine too. */
    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + gib(Runtime.getRuntime().maxMemory());
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    private static double perSecond(long count, long nanos) {
        return count * 1e9 / Math.max(1, nanos);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
