package org.supplysync.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a run, printed at the end: sections of labelled lines, every rate beside the raw insert baseline
 * (a mix's own raw insert rate for its push and pull figures; for the others the run's baseline, the first mix's), and a row per mix
 * to paste into BENCHMARKS.md.
 */
final class Report {

    static final String MARKDOWN_HEADER = """
            | date | machine | mix / sites / stores / records / batch / threads | setup s | push rec/s | push p50 / p99 / max ms | pull+ack rec/s | raw insert rows/s | push / raw | pull+ack / raw |
            |---|---|---|---|---|---|---|---|---|---|""";

    private final List<Line> lines = new ArrayList<>();
    private final List<String> markdownRows = new ArrayList<>();
    private double baseline = Double.NaN;

    /** The run's raw insert rate, for the figures that have no mix of their own; the first one set stays. */
    void baseline(double rowsPerSecond) {
        if (Double.isNaN(baseline)) {
            baseline = rowsPerSecond;
        }
    }

    void section(String title) {
        lines.add(new Line(null, title, Double.NaN, Double.NaN));
    }

    /** A line as it is (a table row): no label, no blank line before it. */
    void text(String text) {
        lines.add(new Line("", text, Double.NaN, Double.NaN));
    }

    void line(String label, String text) {
        lines.add(new Line(label, text, Double.NaN, Double.NaN));
    }

    /** A rate, shown with its ratio to the run's baseline. */
    void rate(String label, double perSecond, String text) {
        lines.add(new Line(label, text, perSecond, Double.NaN));
    }

    /** A rate, shown with its ratio to a raw insert rate of its own (the same rows). */
    void rate(String label, double perSecond, String text, double rawPerSecond) {
        lines.add(new Line(label, text, perSecond, rawPerSecond));
    }

    void markdownRow(String row) {
        markdownRows.add(row);
    }

    void print(PrintStream out) {
        int width = lines.stream().filter(l -> l.label != null).mapToInt(l -> l.label.length()).max().orElse(0);
        out.println();
        out.println("supplysync sync benchmark");
        for (Line line : lines) {
            if (line.label == null) {
                out.println();
                out.println(line.text);
            } else if (line.label.isEmpty()) {
                out.println(line.text);
            } else {
                out.printf("  %-" + width + "s  %s%s%n", line.label, line.text, ratio(line));
            }
        }
        if (!markdownRows.isEmpty()) {
            out.println();
            out.println("BENCHMARKS.md rows (header below them if the file has none):");
            markdownRows.forEach(out::println);
            out.println(MARKDOWN_HEADER);
        }
    }

    private String ratio(Line line) {
        if (Double.isNaN(line.rate)) {
            return "";
        }
        double raw = Double.isNaN(line.raw) ? baseline : line.raw;
        if (Double.isNaN(raw)) {
            return "  [no raw insert baseline in this run]";
        }
        return String.format(Locale.ROOT, "  [%.3f x raw insert %s rows/s%s]", line.rate / raw, rate(raw),
                Double.isNaN(line.raw) ? ", the run's baseline" : " of the same rows");
    }

    static double perSecond(long count, long nanos) {
        return count * 1e9 / Math.max(1, nanos);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String millis(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    static String mib(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }

    /** The machine the bench JVM runs on: with ./supplysync bench, the server's machine too. */
    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores (Java " + System.getProperty("java.version") + ")";
    }

    private record Line(String label, String text, double rate, double raw) {
    }
}
