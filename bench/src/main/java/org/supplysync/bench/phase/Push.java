package org.supplysync.bench.phase;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.supplysync.bench.workload.Workload;
import org.supplysync.client.api.SyncV5Api;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many sites push at once, each as Open mSupply does: its batches in order, then the empty last batch that starts
 * integration. The clock stops when every site reports idle again, because only then are the records checked,
 * stored centrally and queued for their destination: that is the rate a site population gets.
 */
public final class Push {

    private final List<SyncV5Api> sites;
    private final Workload workload;
    private final int threads;
    private final long idleTimeoutNanos;

    public Push(List<SyncV5Api> sites, Workload workload, int threads, int idleTimeoutSeconds) {
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
            SyncV5Api client = sites.get(site);
            for (Workload.Batch batch : workload.batchesOf(site)) {
                long sent = System.nanoTime();
                client.push(batch.body());
                latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent));
            }
            Sites.finishPush(client);
        });
        long pushed = System.nanoTime();
        Sites.awaitIdle(sites, threads, idleTimeoutNanos - (pushed - start));
        long end = System.nanoTime();
        return new Result(workload.rows().size(), end - start, pushed - start, latencies);
    }

    /**
     * {@code nanos} from the first push until every site was idle; {@code sendingNanos} until the last request was
     * answered (the rest is integration still running); latencies of each batch POST in microseconds.
     */
    public record Result(long records, long nanos, long sendingNanos, Histogram latencies) {
    }
}
