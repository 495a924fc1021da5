package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.JsonNode;
import org.supplysync.bench.measure.ServerHeap;
import org.supplysync.bench.workload.Topology;
import org.supplysync.bench.workload.Workload;
import org.supplysync.client.api.SyncApiException;
import org.supplysync.client.api.SyncV5Api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many large pushes in flight at once: {@code pushes} requests of about {@code megabytes} MB each (5,000 padded
 * locations of the pushing site's own store, the server's batch record limit), released together, one try each (no
 * retry hides a failure). Reports what each answered, the server's heap before, at its highest while they ran, and
 * after; then the accepted records are integrated, pulled and checked exactly once like every other phase's.
 */
public final class Memory {

    private static final int RECORDS_PER_PUSH = 5000;

    private final List<SyncV5Api> sites;
    private final Topology topology;
    private final ServerHeap heap;
    private final int threads;
    private final int pullLimit;

    public Memory(List<SyncV5Api> sites, Topology topology, ServerHeap heap, int threads, int pullLimit) {
        this.sites = sites;
        this.topology = topology;
        this.heap = heap;
        this.threads = threads;
        this.pullLimit = pullLimit;
    }

    public Result run(int pushes, int megabytes, long idleTimeoutNanos) {
        int recordBytes = (int) ((long) megabytes * 1024 * 1024 / RECORDS_PER_PUSH);
        List<byte[]> bodies = new ArrayList<>();
        for (int push = 0; push < pushes; push++) {
            bodies.add(Workload.paddedLocations(topology, "M" + push + "-", push % sites.size(), RECORDS_PER_PUSH, recordBytes));
        }
        long bodyBytes = bodies.stream().mapToLong(body -> body.length).sum();
        List<SyncV5Api> once = oneTryEach();
        long before = heap.usedBytes();
        AtomicLong highest = new AtomicLong(before);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                highest.accumulateAndGet(heap.usedBytes(), Math::max);
                Sites.sleep(500);
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(pushes);
        long start = System.nanoTime();
        Parallel.forEach(pushes, pushes, push -> {
            ready.countDown();
            awaitQuietly(ready);
            String answer;
            try {
                once.get(push % once.size()).push(bodies.get(push));
                answer = "200";
                accepted.incrementAndGet();
            } catch (SyncApiException e) {
                answer = e.status() > 0 ? Integer.toString(e.status()) + (e.code() == null ? "" : " " + e.code())
                        : e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.serverMessage();
            }
            answers.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
        });
        long nanos = System.nanoTime() - start;
        running.set(false);
        long after = heap.usedBytes();

        List<SyncV5Api> pushed = sites.subList(0, Math.min(pushes, sites.size()));
        Parallel.forEach(threads, pushed.size(), site -> Sites.finishPush(pushed.get(site)));
        Sites.awaitIdle(pushed, threads, idleTimeoutNanos);
        Map<String, Integer> arrivals = new ConcurrentHashMap<>();
        AtomicLong misrouted = new AtomicLong();
        String ours = topology.prefix() + "-M";
        Parallel.forEach(threads, sites.size(), site -> Sites.drain(sites.get(site), pullLimit, records -> {
            for (JsonNode record : records) {
                String id = record.path("recordId").asText();
                if (id.startsWith(ours)) {
                    arrivals.merge(id, 1, Integer::sum);
                    // The pushing site's own store has the site's index (stores are dealt out round-robin).
                    int store = topology.storeIndex(record.path("recordData").path("store_ID").asText());
                    if (store < 0 || topology.destinationSite(store) != site) {
                        misrouted.incrementAndGet();
                    }
                }
            }
        }));
        long duplicates = arrivals.values().stream().mapToLong(count -> count - 1).sum();
        Map<String, Integer> byAnswer = new TreeMap<>();
        answers.forEach((answer, count) -> byAnswer.put(answer, count.get()));
        return new Result(pushes, bodyBytes, nanos, byAnswer, before, highest.get(), after, heap.source(),
                (long) accepted.get() * RECORDS_PER_PUSH, arrivals.size(), duplicates, misrouted.get());
    }

    /** The same sites, with one connect attempt and no retry: a refused or dropped push must show as such. */
    private List<SyncV5Api> oneTryEach() {
        SyncV5Api.Options options = new SyncV5Api.Options(List.of(Duration.ofSeconds(30)), Duration.ofMinutes(10),
                "supplysync-bench", "2.20.0");
        SyncV5Api.Connections connections = SyncV5Api.Connections.of(options);
        List<SyncV5Api> once = new ArrayList<>();
        for (SyncV5Api site : sites) {
            once.add(new SyncV5Api(site.server(), site.siteName(), site.passwordSha256(),
                    site.hardwareId(), options, connections, SyncV5Api.Observer.NONE));
        }
        return once;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code pushes} requests of {@code bodyBytes} in all, answered within {@code nanos}, how many answered what;
     * heap before, highest seen, after (bytes, -1 unknown) and where it was read; records of the accepted pushes,
     * how many distinct ones arrived, extra copies and copies at a wrong site.
     */
    public record Result(int pushes, long bodyBytes, long nanos, Map<String, Integer> answers, long heapBefore,
                         long heapHighest, long heapAfter, String heapSource, long acceptedRecords, long arrived,
                         long duplicates, long misrouted) {

        public boolean exactlyOnce() {
            return arrived == acceptedRecords && duplicates == 0 && misrouted == 0;
        }
    }
}
