package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.bench.measure.ServerHeap;
import org.supplysync.bench.workload.Mix;
import org.supplysync.bench.workload.Topology;
import org.supplysync.bench.workload.Workload;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.api.SyncV5Api;
import org.supplysync.client.simulate.CentralRecords;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A site population at work: every site syncs every {@code interval}, the sites' starts spread evenly over one
 * interval, for a bounded time. A sync is Open mSupply's: push a small batch of realistic records (and the empty last
 * batch), wait until idle, pull and acknowledge the queue, read central records from its cursor. Meanwhile the
 * central edits a few items every sample, and the backlog (queue lengths, sites not idle, central cursor lag, from
 * {@code GET /api/sites}) and the server's heap are sampled: under a load the server keeps up with, they stay flat.
 * At the end every site drains its queue and each pushed record must have arrived exactly once where it belongs.
 */
public final class Soak {

    private static final long IDLE_POLL_MILLIS = 500;
    private static final long IDLE_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(2);

    private final AdminApi admin;
    private final List<SyncV5Api> sites;
    private final Topology topology;
    private final ServerHeap heap;
    private final int pullLimit;

    public Soak(AdminApi admin, List<SyncV5Api> sites, Topology topology, ServerHeap heap, int pullLimit) {
        this.admin = admin;
        this.sites = sites;
        this.topology = topology;
        this.heap = heap;
        this.pullLimit = pullLimit;
    }

    public Result run(double intervalMinutes, double minutes, int recordsPerSync, double sampleSeconds,
                      long idleTimeoutNanos) {
        long intervalMillis = Math.max(1, (long) (intervalMinutes * 60_000));
        long durationMillis = (long) (minutes * 60_000);
        int cycles = (int) (durationMillis / intervalMillis) + 2;
        Workload workload = Workload.of(topology, Mix.REALISTIC, sites.size() * cycles * recordsPerSync, recordsPerSync);
        Delivery delivery = new Delivery(workload, true);
        long startCursor = sites.get(0).centralRecords(0, 1).path("maxCursor").asLong();
        long[] cursors = new long[sites.size()];
        int[] positions = new int[sites.size()];
        Arrays.fill(cursors, startCursor);
        AtomicInteger syncs = new AtomicInteger();
        AtomicInteger failedSyncs = new AtomicInteger();
        AtomicLong centralReceived = new AtomicLong();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Sample> samples = new ArrayList<>();

        ScheduledExecutorService pool = Executors.newScheduledThreadPool(Math.min(sites.size(), 128));
        ((ThreadPoolExecutor) pool).setMaximumPoolSize(Math.min(sites.size(), 128));
        long start = System.nanoTime();
        for (int site = 0; site < sites.size(); site++) {
            int index = site;
            pool.scheduleAtFixedRate(() -> {
                try {
                    centralReceived.addAndGet(sync(index, workload, delivery, positions, cursors, recordsPerSync));
                    syncs.incrementAndGet();
                } catch (RuntimeException e) {
                    failedSyncs.incrementAndGet();
                    if (failures.size() < 10) {
                        failures.add(sites.get(index).siteName() + ": " + e.getMessage());
                    }
                }
            }, intervalMillis * site / sites.size(), intervalMillis, TimeUnit.MILLISECONDS);
        }
        long sampleMillis = Math.max(1000, (long) (sampleSeconds * 1000));
        int edit = 0;
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(durationMillis)) {
            Sites.sleep(Math.min(sampleMillis, Math.max(1, durationMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))));
            try {
                editItems(++edit);
            } catch (AdminApi.AdminApiException e) {
                failures.add("central edit " + edit + ": " + e.getMessage());
            }
            samples.add(sample(start, syncs.get(), failedSyncs.get()));
            Sample last = samples.get(samples.size() - 1);
            say("soak: %d s, %d syncs (%d failed), %d records queued, %d sites busy, heap %d MiB", last.seconds(),
                    last.syncs(), last.failedSyncs(), last.queuedRecords(), last.busySites(), last.heapBytes() >> 20);
        }
        pool.shutdown();
        awaitTermination(pool, intervalMillis + IDLE_WAIT_MILLIS);
        long soakNanos = System.nanoTime() - start;

        Sites.awaitIdle(sites, 8, idleTimeoutNanos);
        Parallel.forEach(8, sites.size(), site -> Sites.drainEnvelopes(sites.get(site), pullLimit,
                records -> delivery.received(site, records)));
        samples.add(sample(start, syncs.get(), failedSyncs.get()));
        return new Result(sites.size(), intervalMinutes, soakNanos, syncs.get(), failedSyncs.get(), List.copyOf(failures),
                centralReceived.get(), samples, delivery.result(), heap.source());
    }

    /** One sync of one site; returns the central records it read. Sites never sync twice at once (fixed rate). */
    private long sync(int site, Workload workload, Delivery delivery, int[] positions, long[] cursors, int records) {
        SyncV5Api api = sites.get(site);
        List<Workload.Row> mine = workload.rowsOf(site);
        int from = positions[site];
        List<Workload.Row> batch = mine.subList(Math.min(from, mine.size()), Math.min(from + records, mine.size()));
        if (!batch.isEmpty()) {
            api.push(Workload.body(batch.size(), from, batch));
            delivery.pushed(batch);
            positions[site] = from + batch.size();
            Sites.finishPush(api);
            long waited = 0;
            while (!"idle".equals(api.siteStatus().path("code").asText()) && waited < IDLE_WAIT_MILLIS) {
                Sites.sleep(IDLE_POLL_MILLIS);
                waited += IDLE_POLL_MILLIS;
            }
        }
        Sites.drainEnvelopes(api, pullLimit, pulled -> delivery.received(site, pulled));
        long received = 0;
        while (true) {
            JsonNode page = api.centralRecords(cursors[site], pullLimit).path("data");
            if (page.isEmpty()) {
                return received;
            }
            received += page.size();
            cursors[site] = page.get(page.size() - 1).path("ID").asLong();
        }
    }

    /** The central's own work during the soak: a few items renamed, so every site has central records to read. */
    private void editItems(int round) {
        List<ObjectNode> edits = new ArrayList<>();
        for (int item = 0; item < Topology.ITEMS; item++) {
            edits.add(AdminApi.update("item", topology.itemId(item), CentralRecords.item(topology.itemId(item),
                    "Bench item " + item + " rev " + round, topology.unitId(), 1)));
        }
        admin.recordsAllAccepted(edits);
    }

    /** A sample; a {@code GET /api/sites} that fails or times out is shown as -1, it does not end the soak. */
    private Sample sample(long start, int syncs, int failed) {
        long queued = 0;
        long lag = 0;
        int busy = 0;
        try {
            for (JsonNode site : admin.sites()) {
                if (topology.isRunSite(site.path("id").asInt())) {
                    queued += site.path("queueLength").asLong();
                    lag += site.path("centralCursorLag").asLong();
                    busy += "idle".equals(site.path("status").asText("?")) ? 0 : 1;
                }
            }
        } catch (AdminApi.AdminApiException e) {
            queued = -1;
            lag = -1;
            busy = -1;
        }
        return new Sample(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), syncs, failed, queued, busy, lag,
                heap.usedBytes());
    }

    private static void say(String format, Object... args) {
        System.out.printf("bench: " + format + "%n", args);
    }

    private static void awaitTermination(ScheduledExecutorService pool, long millis) {
        try {
            if (!pool.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    /** At {@code seconds}: syncs done and failed so far, sum of queue lengths, sites not idle, cursor lag, heap. */
    public record Sample(long seconds, int syncs, int failedSyncs, long queuedRecords, int busySites,
                         long centralLag, long heapBytes) {
    }

    /** The soak's figures; the per-endpoint latencies are the run's {@code Traffic} of the phase. */
    public record Result(int sites, double intervalMinutes, long nanos, int syncs, int failedSyncs,
                         List<String> failures, long centralReceived, List<Sample> samples,
                         Delivery.Result delivery, String heapSource) {
    }
}
