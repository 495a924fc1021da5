package org.supplysync.client.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import org.supplysync.client.admin.AdminApi;

import java.io.PrintStream;
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

/**
 * One kill that finds every point at once: four sites held or caught at their points of a sync and an initialisation
 * job running, then the server or its database killed, then what each site logged read back to prove which points
 * were under way at that moment. The sites that can wait for the kill (a push between two batches, a pull about to
 * start, a page pulled and not acknowledged) are held at gates first; then the integration and the job, which run
 * by themselves, are started and seen running; then the held push and pull are let go and the kill follows as soon
 * as both requests are sent.
 */
final class Choreography {

    static final String ACKNOWLEDGE = "/sync/v5/acknowledged_records";
    private static final Duration REACH = Duration.ofMinutes(3);

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

    Choreography(Cast cast, AdminApi admin, ServerProcesses server, CampaignSize size, PrintStream out) {
        this.cast = cast;
        this.admin = admin;
        this.server = server;
        this.size = size;
        this.out = out;
    }

    Outcome perform(int run, Fault fault) throws Exception {
        ExecutorService syncs = Executors.newFixedThreadPool(4);
        try {
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

            cast.integrator.write(size.integration(), "run " + run + " integrating across the kill");
            Future<Optional<RuntimeException>> integration = syncs.submit(cast.integrator::sync);
            awaitTrue(() -> "integration_in_progress".equals(cast.integrator.status()), "the integration to start");
            long execution = admin.startJob("initialise-site",
                    AdminApi.JSON.createObjectNode().put("siteId", cast.initialised.id()));
            awaitTrue(() -> admin.job(execution).path("done").asLong() > 0
                    || !"STARTED".equals(admin.job(execution).path("status").asText()), "the job's first chunk");

            ProcessHandle victim = server.victim(fault);
            JsonNode job = admin.job(execution);
            long jobSeen = System.nanoTime();
            String integrating = cast.integrator.status();
            long integrationSeen = System.nanoTime();
            long released = System.nanoTime();
            push.open();
            pull.open();
            cast.pusher.calls().awaitSent("POST", ChaosSite.PUSH, released, Duration.ofSeconds(30));
            cast.puller.calls().awaitSent("GET", ChaosSite.PUSH, released, Duration.ofSeconds(30));
            long killed = server.kill(victim);
            acknowledgement.open();
            out.printf("run %d: %s killed%n", run, fault);

            for (Future<Optional<RuntimeException>> sync : List.of(running.get(0), running.get(1), running.get(2), integration)) {
                sync.get(5, TimeUnit.MINUTES);
            }
            Map<FaultPoint, PointProof> proofs = new EnumMap<>(FaultPoint.class);
            proofs.put(FaultPoint.MID_PUSH, inFlight(cast.pusher, "POST", killed,
                    "a push batch (2 batches of its session answered 200 before)"));
            proofs.put(FaultPoint.MID_PULL, inFlight(cast.puller, "GET", killed, "a pull of the queue"));
            proofs.put(FaultPoint.PULLED_NOT_ACKNOWLEDGED, unacknowledged(killed));
            proofs.put(FaultPoint.MID_INTEGRATION, "integration_in_progress".equals(integrating)
                    ? PointProof.proven("site_status integration_in_progress " + millis(killed - integrationSeen)
                    + " ms before the kill, after the push of " + size.integration() + " records")
                    : PointProof.notProven("site_status was " + integrating + " just before the kill"));
            proofs.put(FaultPoint.MID_JOB, job(job, killed - jobSeen));
            return new Outcome(killed, proofs, execution);
        } finally {
            syncs.shutdownNow();
        }
    }

    private static PointProof inFlight(ChaosSite site, String method, long killed, String what) {
        return site.calls().inFlight(method, ChaosSite.PUSH, killed)
                .map(call -> PointProof.proven(what + " sent " + millis(killed - call.sentNanos())
                        + " ms before the kill, ended " + millis(call.endedNanos() - killed) + " ms after it"
                        + (call.status() == 0 ? " without an answer" : " with HTTP " + call.status())))
                .orElseGet(() -> PointProof.notProven(what + ": no such request was in flight at the kill"));
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

    private static PointProof job(JsonNode job, long seenBeforeKill) {
        long done = job.path("done").asLong();
        long total = job.path("total").asLong();
        String status = job.path("status").asText();
        String seen = "initialise-site " + status + " at " + done + " of " + total + " records, " + millis(seenBeforeKill)
                + " ms before the kill";
        return "STARTED".equals(status) && done > 0 && done < total ? PointProof.proven(seen) : PointProof.notProven(seen);
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
