package org.supplysync.bench.phase;

import org.supplysync.client.api.SyncV5Api;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every site drains its queue as Open mSupply does (§1.7, §1.8): pull a page (gzip accepted), acknowledge it, until a
 * page comes back empty; several sites at once. Each record is counted by the {@link Delivery} check, so a fast but
 * wrong delivery does not pass for a result. A bench site stores nothing, so it reads only each record's envelope:
 * the cores of the one machine go to the server, not to the sites' parsing.
 */
public final class PullAndAck {

    private final List<SyncV5Api> sites;
    private final Delivery delivery;
    private final int threads;
    private final int limit;

    public PullAndAck(List<SyncV5Api> sites, Delivery delivery, int threads, int limit) {
        this.sites = sites;
        this.delivery = delivery;
        this.threads = threads;
        this.limit = limit;
    }

    public Result run() {
        AtomicLong received = new AtomicLong();
        long start = System.nanoTime();
        Parallel.forEach(threads, sites.size(), site -> received.addAndGet(
                Sites.drainEnvelopes(sites.get(site), limit, records -> delivery.received(site, records))));
        return new Result(received.get(), System.nanoTime() - start);
    }

    /** {@code received}: every record pulled, the run's and any other. */
    public record Result(long received, long nanos) {
    }
}
