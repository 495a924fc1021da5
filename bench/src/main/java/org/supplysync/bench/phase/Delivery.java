package org.supplysync.bench.phase;

import org.supplysync.bench.workload.Workload;
import org.supplysync.client.api.SyncV5Api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The exactly-once check: every pulled record of the workload is counted where it arrived, so that at the end each
 * must have arrived once, at the one site it must reach (its store's collector copy), and nowhere else. Records that
 * are not the workload's (set-up records, another run's) are only counted.
 */
public final class Delivery {

    private final Workload workload;
    private final AtomicIntegerArray arrivals;
    /** Null when every record of the workload is pushed; else which ones were (1). */
    private final AtomicIntegerArray pushed;
    private final LongAdder misrouted = new LongAdder();
    private final LongAdder others = new LongAdder();

    /** Every record of the workload is pushed. */
    public Delivery(Workload workload) {
        this(workload, false);
    }

    /** With {@code markPushed}, only the records {@link #pushed(List) marked pushed} are expected. */
    public Delivery(Workload workload, boolean markPushed) {
        this.workload = workload;
        this.arrivals = new AtomicIntegerArray(workload.rows().size());
        this.pushed = markPushed ? new AtomicIntegerArray(workload.rows().size()) : null;
    }

    /** These records were accepted by the server (a push answered 200). */
    public void pushed(List<Workload.Row> rows) {
        for (Workload.Row row : rows) {
            pushed.set(workload.indexOf(row.table(), row.recordId()), 1);
        }
    }

    /** A page pulled by site {@code site} (its index in the topology). */
    public void received(int site, List<SyncV5Api.PulledEnvelope> records) {
        for (SyncV5Api.PulledEnvelope record : records) {
            int index = workload.indexOf(record.tableName(), record.recordId());
            if (index < 0) {
                others.increment();
                continue;
            }
            arrivals.incrementAndGet(index);
            if (workload.rows().get(index).destination() != site) {
                misrouted.increment();
            }
        }
    }

    public Result result() {
        Map<String, Integer> missingByTable = new TreeMap<>();
        long expected = 0;
        long arrived = 0;
        long missing = 0;
        long duplicates = 0;
        for (int i = 0; i < arrivals.length(); i++) {
            int count = arrivals.get(i);
            boolean wasPushed = pushed == null || pushed.get(i) == 1;
            expected += wasPushed ? 1 : 0;
            arrived += count;
            if (count == 0 && wasPushed) {
                missing++;
                missingByTable.merge(workload.rows().get(i).table(), 1, Integer::sum);
            } else if (count > 1) {
                duplicates += count - 1;
            }
        }
        return new Result(expected, arrived, missing, duplicates, misrouted.sum(), others.sum(), missingByTable);
    }

    /**
     * {@code expected} records pushed; {@code arrived} copies of them pulled; {@code missing} never arrived;
     * {@code duplicates} extra copies; {@code misrouted} copies at a site other than their destination;
     * {@code others} pulled records that are not the workload's; the missing ones by table.
     */
    public record Result(long expected, long arrived, long missing, long duplicates, long misrouted, long others,
                         Map<String, Integer> missingByTable) {

        public boolean exactlyOnce() {
            return missing == 0 && duplicates == 0 && misrouted == 0 && arrived == expected;
        }

        public String describe() {
            return arrived + " copies of " + expected + " pushed records pulled: " + missing + " missing"
                    + (missing == 0 ? "" : " " + missingByTable) + ", "
                    + duplicates + " duplicates, " + misrouted + " at a wrong site (" + others
                    + " other records pulled): " + (exactlyOnce() ? "OK, each exactly once where it belongs" : "WRONG");
        }
    }
}
