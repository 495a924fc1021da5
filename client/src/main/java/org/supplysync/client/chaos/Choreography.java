package org.supplysync.client.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import org.supplysync.client.admin.AdminApi;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One kill that finds every point at once: four sites held or caught at their points of a sync and an initialisation
 * job running, then the server or its database killed, then what each site logged and what the database said just
 * before the kill read back to prove which points were under way at that moment. The sites that can wait for the kill
 * (a push between two batches, a pull about to start, a page pulled and not acknowledged) are held at gates first,
 * and the job is started and seen past its first chunk. Then the campaign locks the rows that the job's next chunk,
 * the push batch, the pull and an integration chunk need ({@link HeldRows}), starts the integration and lets the push
 * and the pull go: each waits inside its transaction (the integration and the job's chunk after writing), and the
 * kill comes once InnoDB shows all four waiting.
 */
final class Choreography {

    static final String ACKNOWLEDGE = "/sync/v5/acknowledged_records";
    private static final String PUSH_SESSION = "push_session";
    private static final String SITE_QUEUE = "site_queue";
    private static final String JOB_RUN = "job_run";
    private static final String SITE_ID = "site_id";
    private static final String RUN_ID = "run_id";
    /** The statements the held work waits in (InnoDB's trx_query starts so). */
    private static final String PUSH_LOCKS_SESSION = "select open_session from push_session";
    private static final String PULL_LOCKS_QUEUE = "select queue_length from site_queue";
    private static final String INTEGRATION_COUNTS = "update site_queue set queue_length = queue_length +";
    private static final String JOB_ADVANCES = "update job_run set position_table";
    private static final Duration REACH = Duration.ofMinutes(3);
    /**
     * How long a push and a pull, once let go, may take to reach their held rows: less than InnoDB's lock wait timeout
     * (50 s by default), after which a held request gives up and fails.
     */
    private static final Duration HELD_WAIT = Duration.ofSeconds(40);

    /** The sites by the point each is taken to. */
    record Cast(ChaosSite pusher, ChaosSite integrator, ChaosSite puller, ChaosSite unacknowledged,
                ChaosSite initialised) {

        List<ChaosSite> all() {
            return List.of(pusher, integrator, puller, unacknowledged, initialised);
        }
    }

    /** What the kill did; the proofs are complete once the held sites' syncs have ended. */
    record Outcome(long killedNanos, Map<FaultPoint, PointProof> proofs, long jobExecution) {
    }

    private final Cast cast;
    private final AdminApi admin;
    private final ServerProcesses server;
    private final CampaignSize size;
    private final PrintStream out;
    private final HeldRows.Database database;

    Choreography(Cast cast, AdminApi admin, ServerProcesses server, HeldRows.Database database, CampaignSize size,
                 PrintStream out) {
        this.cast = cast;
        this.database = database;
        this.admin = admin;
        this.server = server;
        this.size = size;
        this.out = out;
    }

    Outcome perform(int run, Fault fault) throws Exception {
        ExecutorService syncs = Executors.newFixedThreadPool(4);
        try (HeldRows held = new HeldRows(database)) {
            Gate acknowledgement = cast.unacknowledged.holdBeforeAcknowledgement();
            Gate push = cast.pusher.holdAfterPushBatches(2);
            Gate pull = cast.puller.holdBeforeQueuePull();
            cast.unacknowledged.write(size.smallWrite(), "run " + run + " before an unacknowledged pull");
            cast.pusher.write(3 * size.pushBatch(), "run " + run + " pushed across the kill");
            cast.puller.write(size.smallWrite(), "run " + run + " before a pull in flight");
            List<Future<Optional<RuntimeException>>> running = List.of(
                    syncs.submit(cast.unacknowledged::sync), syncs.submit(cast.pusher::sync), syncs.submit(cast.puller::sync));
            for (Gate gate : List.of(acknowledgement, push, pull)) {
                if (!gate.awaitReached(REACH)) {
                    throw new IllegalStateException("run " + run + ": a site did not reach its point within " + REACH);
                }
            }
            // The job first, seen past its first chunk; then the rows the held work needs: the job's run (a chunk
            // moves its position on there last), the pusher's push session (a push batch takes it first), the
            // puller's queue (a pull takes it first) and the queue of the first site the integrator's records go to
            // (an integration chunk counts them there after writing them to the central copy).
            long execution = admin.startJob("initialise-site",
                    AdminApi.JSON.createObjectNode().put("siteId", cast.initialised.id()));
            awaitTrue(() -> admin.job(execution).path("done").asLong() > 0
                    || !"STARTED".equals(admin.job(execution).path("status").asText()), "the job's first chunk");
            long jobRun = held.runOf(execution);
            held.hold(JOB_RUN, RUN_ID, jobRun);
            held.hold(PUSH_SESSION, cast.pusher.id());
            held.hold(SITE_QUEUE, cast.puller.id());
            held.hold(SITE_QUEUE, cast.unacknowledged.id());
            cast.integrator.write(size.integration(), "run " + run + " integrating across the kill");
            Future<Optional<RuntimeException>> integration = syncs.submit(cast.integrator::sync);
            // The push of thousands of records comes first: on a loaded machine that takes a while.
            awaitWaiting(held, REACH, waits -> waiting(waits, SITE_ID, cast.unacknowledged.id(), INTEGRATION_COUNTS),
                    "the integration to wait inside its chunk");
            ProcessHandle victim = server.victim(fault);
            long released = System.nanoTime();
            push.open();
            pull.open();
            cast.pusher.calls().awaitSent("POST", ChaosSite.PUSH, released, Duration.ofSeconds(30));
            cast.puller.calls().awaitSent("GET", ChaosSite.PUSH, released, Duration.ofSeconds(30));
            awaitWaiting(held, HELD_WAIT, waits -> waiting(waits, SITE_ID, cast.pusher.id(), PUSH_LOCKS_SESSION)
                    && waiting(waits, SITE_ID, cast.puller.id(), PULL_LOCKS_QUEUE) && waiting(waits, RUN_ID, jobRun, JOB_ADVANCES),
                    "the push batch, the pull and the job to wait inside their transactions");

            JsonNode job = admin.job(execution);
            List<HeldRows.Wait> waits = held.waits();
            long waitsSeen = System.nanoTime();
            long killed = server.kill(victim);
            held.release();
            acknowledgement.open();
            out.printf("run %d: %s killed%n", run, fault);

            for (Future<Optional<RuntimeException>> sync : List.of(running.get(0), running.get(1), running.get(2), integration)) {
                sync.get(5, TimeUnit.MINUTES);
            }
            long before = killed - waitsSeen;
            Map<FaultPoint, PointProof> proofs = new EnumMap<>(FaultPoint.class);
            proofs.put(FaultPoint.MID_PUSH, inFlight(cast.pusher, "POST", killed,
                    HeldRows.waitFor(waits, SITE_ID, cast.pusher.id(), PUSH_LOCKS_SESSION), before,
                    "a push batch (2 batches of its session answered 200 before)"));
            proofs.put(FaultPoint.MID_PULL, inFlight(cast.puller, "GET", killed,
                    HeldRows.waitFor(waits, SITE_ID, cast.puller.id(), PULL_LOCKS_QUEUE), before, "a pull of the queue"));
            proofs.put(FaultPoint.PULLED_NOT_ACKNOWLEDGED, unacknowledged(killed));
            proofs.put(FaultPoint.MID_INTEGRATION, integrating(HeldRows.waitFor(waits, SITE_ID,
                    cast.unacknowledged.id(), INTEGRATION_COUNTS), before));
            proofs.put(FaultPoint.MID_JOB, job(job, HeldRows.waitFor(waits, RUN_ID, jobRun, JOB_ADVANCES), before));
            return new Outcome(killed, proofs, execution);
        } finally {
            syncs.shutdownNow();
        }
    }

    private static boolean waiting(List<HeldRows.Wait> waits, String keyColumn, long key, String statement) {
        return HeldRows.waitFor(waits, keyColumn, key, statement).isPresent();
    }

    /** A request sent before the kill and not answered before it, whose transaction waited inside the server. */
    private static PointProof inFlight(ChaosSite site, String method, long killed, Optional<HeldRows.Wait> wait,
                                       long waitSeenBeforeKill, String what) {
        Optional<CallLog.Call> call = site.calls().inFlight(method, ChaosSite.PUSH, killed);
        if (call.isEmpty()) {
            return PointProof.notProven(what + ": no such request was in flight at the kill");
        }
        if (wait.isEmpty()) {
            return PointProof.notProven(what + " was in flight at the kill, but no statement of it was seen waiting");
        }
        return PointProof.proven(what + " sent " + millis(killed - call.get().sentNanos()) + " ms before the kill, "
                + wait.get().describe() + " " + millis(waitSeenBeforeKill) + " ms before it; the request ended "
                + millis(call.get().endedNanos() - killed) + " ms after the kill"
                + (call.get().status() == 0 ? " without an answer" : " with HTTP " + call.get().status()));
    }

    /**
     * An integration chunk waiting to count the records it queued when the kill came: RecordIntake counts them after
     * writing the chunk to the central copy and the change log, so the chunk's writes were done and not committed.
     */
    private PointProof integrating(Optional<HeldRows.Wait> wait, long waitSeenBeforeKill) {
        if (wait.isEmpty()) {
            return PointProof.notProven("no integration of site " + cast.integrator.id() + " was seen waiting at the kill");
        }
        return PointProof.proven("an integration chunk of the " + size.integration() + " records pushed by site "
                + cast.integrator.id() + ", after writing them to the central copy, counting them into site "
                + cast.unacknowledged.id() + "'s queue, " + wait.get().describe() + ", " + millis(waitSeenBeforeKill)
                + " ms before the kill");
    }

    private PointProof unacknowledged(long killed) {
        Optional<CallLog.Call> pulled = cast.unacknowledged.calls().lastEndedBefore("GET", ChaosSite.PUSH, killed);
        if (pulled.isEmpty()) {
            return PointProof.notProven("no pull of the queue had been answered before the kill");
        }
        long acknowledgements = cast.unacknowledged.calls().sentBetween("POST", ACKNOWLEDGE, pulled.get().endedNanos(), killed);
        return acknowledgements == 0
                ? PointProof.proven("a page pulled (HTTP " + pulled.get().status() + ") " + millis(killed - pulled.get().endedNanos())
                + " ms before the kill and stored; its acknowledgement not sent before the kill")
                : PointProof.notProven("the page pulled before the kill was acknowledged before it");
    }

    /** A job past its first chunk, not at its end, a chunk of it waiting to move the run's position on. */
    private static PointProof job(JsonNode job, Optional<HeldRows.Wait> wait, long waitSeenBeforeKill) {
        long done = job.path("done").asLong();
        long total = job.path("total").asLong();
        String status = job.path("status").asText();
        String seen = "initialise-site " + status + " at " + done + " of " + total + " records";
        if (!"STARTED".equals(status) || done == 0 || done >= total || wait.isEmpty()) {
            return PointProof.notProven(seen + wait.map(w -> ", a chunk " + w.describe()).orElse(", no chunk waiting")
                    + " at the kill");
        }
        return PointProof.proven(seen + ", its next chunk " + wait.get().describe() + " " + millis(waitSeenBeforeKill)
                + " ms before the kill");
    }

    /** Waits for held work to wait for the campaign's locks; says what the server was executing when in vain. */
    private static void awaitWaiting(HeldRows held, Duration limit, Predicate<List<HeldRows.Wait>> condition,
                                     String what) throws InterruptedException, SQLException {
        long until = System.nanoTime() + limit.toNanos();
        List<HeldRows.Wait> waits = held.waits();
        while (!condition.test(waits)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("waited " + limit.toSeconds() + " s for " + what
                        + "; the server was executing: " + waits.stream().map(HeldRows.Wait::describe).toList());
            }
            Thread.sleep(50);
            waits = held.waits();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + REACH.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("waited " + REACH.toMinutes() + " min for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
