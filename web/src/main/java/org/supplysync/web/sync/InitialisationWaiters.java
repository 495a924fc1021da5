package org.supplysync.web.sync;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.batch.boundary.BatchJobs;
import org.supplysync.batch.control.JobRun;
import org.supplysync.queue.boundary.SiteQueue;
import org.supplysync.web.platform.ErrorResponses;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code POST initialise} requests waiting for their site's initialisation run, without a server thread each:
 * once a second the runs waited for are looked at, and the requests of an ended run are answered, with the site's
 * queue length when it completed (msupply-sync-v5.md §1.5: the client pulls straight after a 200). Only the open
 * connections live here; the run and the queue are in the database, and a request lost with a restart is re-sent by
 * the client, which then joins the resumed run.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class InitialisationWaiters {

    private static final Logger LOG = Logger.getLogger(InitialisationWaiters.class.getName());

    private final Map<Long, List<Waiting>> waiting = new ConcurrentHashMap<>();

    @Inject
    BatchJobs jobs;

    @Inject
    SiteQueue siteQueue;

    @Inject
    @ConfigProperty(name = "supplysync.initialise.wait-minutes", defaultValue = "30")
    long waitMinutes;

    private record Waiting(int siteId, AsyncResponse response) {
    }

    /** Answers the request when the run ends; a request waiting longer than the setting gets a 503 to retry. */
    public void await(JobRun run, AsyncResponse response) {
        response.setTimeout(waitMinutes, TimeUnit.MINUTES);
        response.setTimeoutHandler(timedOut -> timedOut.resume(ErrorResponses.v5(503, "sync_is_running",
                "the initialisation is still running: poll site_status until idle", JsonValue.NULL)));
        waiting.computeIfAbsent(run.runId(), id -> new CopyOnWriteArrayList<>()).add(new Waiting(run.siteId(), response));
        answerEnded();
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void everySecond() {
        answerEnded();
    }

    private void answerEnded() {
        for (Long runId : waiting.keySet()) {
            try {
                jobs.run(runId).filter(run -> !run.active()).ifPresent(run -> answer(run, waiting.remove(runId)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not look at initialisation run " + runId, e);
            }
        }
    }

    private void answer(JobRun run, List<Waiting> requests) {
        if (requests == null) {
            return;
        }
        String queueLength = "{\"queueLength\":" + siteQueue.length(run.siteId()) + "}";
        // A response each: one response object written to two connections fails the second.
        for (Waiting request : requests) {
            request.response().resume(run.state() == JobRun.State.COMPLETED
                    ? Response.ok(queueLength, MediaType.APPLICATION_JSON_TYPE).build()
                    : ErrorResponses.v5(500, "initialisation_failed", "the initialisation " + run.state().name()
                            .toLowerCase() + " before it completed; initialise again to go on from where it was",
                            JsonValue.NULL));
        }
    }
}
