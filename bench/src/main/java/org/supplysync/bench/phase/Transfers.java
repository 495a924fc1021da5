package org.supplysync.bench.phase;

import org.HdrHistogram.Histogram;
import org.supplysync.bench.BenchmarkFailure;
import org.supplysync.bench.workload.Topology;
import org.supplysync.bench.workload.TransferPlan;
import org.supplysync.bench.workload.Workload;
import org.supplysync.client.api.SyncV5Api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stock transfers between stores of different sites with many in flight at once (issue 10): the sending site of each
 * pair of the {@link TransferPlan} pushes its share of the finalised customer invoices (with their lines), all sites
 * released together, as Open mSupply pushes (batches, then the empty last batch that starts integration); the central
 * makes each responding half while it integrates the invoice, and the responding sites pull it.
 *
 * <p>A transfer's latency runs from the moment the push request carrying its invoice was sent to the answer of the
 * responding site's pull that brought its responding half; the rate is the transfers over the time from the first push
 * to the last such answer. The responding sites pull as Open mSupply does, acknowledging each page, and ask again at
 * once after a page with records (that pull is work the site must do anyway); after an empty page a site waits
 * {@link #pollMillis} before asking again, so that all of them together make at most about 40 empty pulls a second,
 * and a site stops once every responding half it expects has come. An empty pull locks the site's queue row for a
 * moment, which an integration queueing records for that site then waits for: the few empty pulls keep that small,
 * at the price of a resolution of one poll interval in each latency. The ledger's {@code created_at} (written at the
 * end of the intake's database work, before it sends the queue messages and commits) gives, with no polling at all,
 * when the central made each responding half: the difference between the two figures is sending, committing, the
 * records queued ahead of it, and the polling.
 */
public final class Transfers {

    /** One poll of an empty queue per this many milliseconds over all polling sites together, at most. */
    private static final long EMPTY_PULL_SPACING_MILLIS = 25;
    private static final long MIN_POLL_MILLIS = 100;

    private final List<SyncV5Api> sites;
    private final Topology topology;
    private final CentralFeed.Database database;
    private final int batch;
    private final int pullLimit;
    private final int threads;
    private final long timeoutNanos;

    public Transfers(List<SyncV5Api> sites, Topology topology, CentralFeed.Database database, int batch, int pullLimit,
                     int threads, int idleTimeoutSeconds) {
        this.sites = sites;
        this.topology = topology;
        this.database = database;
        this.batch = batch;
        this.pullLimit = pullLimit;
        this.threads = threads;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(idleTimeoutSeconds);
    }

    /** How long a responding site waits after an empty pull: all of them together pull an empty queue ~40 times a second. */
    static long pollMillis(int pollingSites) {
        return Math.max(MIN_POLL_MILLIS, EMPTY_PULL_SPACING_MILLIS * pollingSites);
    }

    public Result run(int count, int pairs) {
        TransferPlan plan = TransferPlan.of(topology, count, pairs);
        List<Integer> sending = plan.sendingSites();
        List<Integer> responding = plan.respondingSites();
        List<List<byte[]>> bodies = sending.stream().map(site -> bodies(plan.rowsOf(site))).toList();
        // Untimed: whatever earlier phases left in the responding sites' queues is not this phase's.
        Parallel.forEach(threads, responding.size(), i -> Sites.drain(sites.get(responding.get(i)), pullLimit, r -> { }));

        Responses responses = new Responses(plan, topology.sites());
        AtomicLongArray pushedAt = new AtomicLongArray(count);
        AtomicLong start = new AtomicLong(Long.MAX_VALUE);
        AtomicLong pushesAnswered = new AtomicLong();
        LongAdder emptyPulls = new LongAdder();
        LongAdder pulls = new LongAdder();
        long poll = pollMillis(responding.size());
        long wallMicrosMinusNano = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;
        // Every thread of the phase starts at once: the sending sites push, the responding sites pull.
        CyclicBarrier ready = new CyclicBarrier(sending.size() + responding.size());
        Parallel.forEach(ready.getParties(), ready.getParties(), task -> {
            await(ready);
            if (task < sending.size()) {
                int site = sending.get(task);
                start.accumulateAndGet(System.nanoTime(), Math::min);
                push(sites.get(site), plan.rowsOf(site), bodies.get(task), plan, pushedAt);
                pushesAnswered.accumulateAndGet(System.nanoTime(), Math::max);
            } else {
                pullUntilAnswered(responding.get(task - sending.size()), responses, poll, pulls, emptyPulls);
            }
        });
        Responses.Result timed = responses.result();

        // Untimed: once every sending site is idle no responding half can still be made; every site of the run then
        // drains its queue, so a second responding half or a second copy anywhere is seen.
        List<SyncV5Api> senders = sending.stream().map(sites::get).toList();
        Sites.awaitIdle(senders, threads, timeoutNanos);
        Parallel.forEach(threads, sites.size(), site -> Sites.drain(sites.get(site), pullLimit,
                page -> responses.received(site, page, System.nanoTime())));

        Histogram latencies = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        long last = start.get();
        for (int n = 0; n < count; n++) {
            long arrived = responses.arrivedAt(n);
            if (arrived > 0) {
                latencies.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(arrived - pushedAt.get(n))));
                last = Math.max(last, arrived);
            }
        }
        Made made = made(plan, pushedAt, wallMicrosMinusNano, start.get());
        return new Result(count, sending.size(), sending.stream().mapToLong(site -> plan.rowsOf(site).size()).sum(), poll,
                last - start.get(), pushesAnswered.get() - start.get(), latencies, made, pulls.sum(), emptyPulls.sum(),
                timed.arrived() == count, responses.result());
    }

    /** The site's push requests, ready to send: batches counting {@code queueLength} down. */
    private List<byte[]> bodies(List<Workload.Row> rows) {
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batch) {
            bodies.add(Workload.body(rows.size() - from, from, rows.subList(from, Math.min(rows.size(), from + batch))));
        }
        return bodies;
    }

    /** The responding site pulls until every responding half it expects has come, waiting after an empty page. */
    private void pullUntilAnswered(int site, Responses responses, long pollMillis, LongAdder pulls, LongAdder emptyPulls) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (responses.awaited(site) > 0 && System.nanoTime() < deadline) {
            pulls.increment();
            if (Sites.pullPage(sites.get(site), pullLimit, page -> responses.received(site, page, System.nanoTime())) == 0) {
                emptyPulls.increment();
                Sites.sleep(pollMillis);
            }
        }
    }

    private void push(SyncV5Api site, List<Workload.Row> rows, List<byte[]> bodies, TransferPlan plan,
                      AtomicLongArray pushedAt) {
        for (int request = 0; request < bodies.size(); request++) {
            long sent = System.nanoTime();
            for (Workload.Row row : rows.subList(request * batch, Math.min(rows.size(), (request + 1) * batch))) {
                int n = row.table().equals("transact") ? plan.indexOf(row.recordId()) : -1;
                if (n >= 0) {
                    pushedAt.set(n, sent);
                }
            }
            site.push(bodies.get(request));
        }
        Sites.finishPush(site);
    }

    /**
     * When the central made each responding half, from the ledger (UTC, to the millisecond), against the push of its
     * invoice; without latencies, and why, when the database cannot be read.
     */
    private Made made(TransferPlan plan, AtomicLongArray pushedAt, long wallMicrosMinusNano, long start) {
        Histogram latencies = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        long lastMicros = Long.MIN_VALUE;
        try (Connection db = database.connect(); PreparedStatement select = db.prepareStatement("select initiating_id,"
                + " timestampdiff(microsecond, '1970-01-01 00:00:00', created_at) from transfer"
                + " where initiating_table = 'transact' and initiating_id like ? and status = 'CREATED'")) {
            select.setString(1, topology.prefix() + "-T-CI%");
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int n = plan.indexOf(row.getString(1));
                    if (n >= 0 && pushedAt.get(n) > 0) {
                        long created = row.getLong(2);
                        latencies.recordValue(Math.max(0, created - (pushedAt.get(n) / 1000 + wallMicrosMinusNano)));
                        lastMicros = Math.max(lastMicros, created);
                    }
                }
            }
        } catch (SQLException e) {
            return new Made(null, 0, "the ledger at " + database.url() + " could not be read: " + e.getMessage());
        }
        long lastNanos = lastMicros == Long.MIN_VALUE ? 0 : (lastMicros - wallMicrosMinusNano) * 1000 - start;
        return new Made(latencies, lastNanos, null);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted", e);
        } catch (BrokenBarrierException e) {
            throw new BenchmarkFailure("a thread of the transfer phase failed before it started", e);
        }
    }

    /**
     * Push-to-made latencies (µs) of the transfers the ledger lists as made, and the last one's time after the first
     * push; or, when the ledger could not be read, null latencies and the {@code problem}.
     */
    public record Made(Histogram latencies, long lastNanos, String problem) {
    }

    /**
     * {@code transfers} sent by {@code sendingSites} sites, {@code records} pushed in all; the responding sites'
     * wait after an empty pull; {@code nanos} from the first push to the pull that brought the last responding half;
     * {@code pushNanos} until every push request (and last batch) was answered; latencies push to pulled (µs); push to
     * made on the central; pulls of the responding sites while timed and how
     * many came back empty; whether every responding half came in time; the exactly-once check after every site drained.
     */
    public record Result(int transfers, int sendingSites, long records, long pollMillis, long nanos, long pushNanos,
                         Histogram latencies, Made made, long pulls, long emptyPulls, boolean inTime,
                         Responses.Result check) {

        public boolean ok() {
            return inTime && check.exactlyOnce();
        }

        public String describe() {
            return check.describe();
        }
    }
}
