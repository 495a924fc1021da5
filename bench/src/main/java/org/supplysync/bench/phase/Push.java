package org.supplysync.bench.phase;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.supplysync.bench.BenchmarkFailure;
import org.supplysync.bench.api.SiteClient;
import org.supplysync.bench.workload.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many sites push at once, each as Open mSupply does: its batches in order, then the empty last batch that starts
 * integration. The clock stops when every site reports idle again, because only then are the records checked,
 * stored centrally and queued for their destination: that is the rate a site population gets.
 */
public final class Push {

    private static final long POLL_MILLIS = 100;

    private final List<SiteClient> sites;
    private final Workload workload;
    private final int threads;
    private final long idleTimeoutNanos;

    public Push(List<SiteClient> sites, Workload workload, int threads, int idleTimeoutSeconds) {
        this.sites = sites;
        this.workload = workload;
        this.threads = threads;
        this.idleTimeoutNanos = TimeUnit.SECONDS.toNanos(idleTimeoutSeconds);
    }

    public Result run() {
        // Microseconds; a request gives up after ten minutes, so an hour leaves room. Three significant digits.
        Histogram latencies = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);
        long start = System.nanoTime();
        Parallel.forEach(threads, sites.size(), site -> {
            SiteClient client = sites.get(site);
            for (Workload.Batch batch : workload.batchesOf(site)) {
                long sent = System.nanoTime();
                client.push(batch.body());
                latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent));
            }
            client.finishPush();
        });
        long pushed = System.nanoTime();
        awaitIdle(start);
        long end = System.nanoTime();
        return new Result(workload.rows().size(), end - start, pushed - start, latencies);
    }

    private void awaitIdle(long start) {
        List<SiteClient> busy = List.copyOf(sites);
        while (!busy.isEmpty()) {
            List<SiteClient> asked = busy;
            String[] statuses = new String[asked.size()];
            Parallel.forEach(threads, asked.size(), site -> statuses[site] = asked.get(site).status());
            List<SiteClient> stillBusy = new ArrayList<>();
            for (int site = 0; site < asked.size(); site++) {
                if (!"idle".equals(statuses[site])) {
                    stillBusy.add(asked.get(site));
                }
            }
            busy = stillBusy;
            if (!busy.isEmpty() && System.nanoTime() - start > idleTimeoutNanos) {
                throw new BenchmarkFailure(busy.size() + " sites still not idle after "
                        + TimeUnit.NANOSECONDS.toSeconds(idleTimeoutNanos) + " s, e.g. " + busy.get(0).name()
                        + " (" + statuses[asked.indexOf(busy.get(0))] + ")");
            }
            if (!busy.isEmpty()) {
                sleep(POLL_MILLIS);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted", e);
        }
    }

    /**
     * {@code nanos} from the first push until every site was idle; {@code sendingNanos} until the last request was
     * answered (the rest is integration still running); latencies of each batch POST in microseconds.
     */
    public record Result(long records, long nanos, long sendingNanos, Histogram latencies) {
    }
}
