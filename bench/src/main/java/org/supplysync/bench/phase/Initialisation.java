package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.JsonNode;
import org.supplysync.bench.BenchmarkFailure;
import org.supplysync.bench.measure.Traffic;
import org.supplysync.bench.workload.Mix;
import org.supplysync.bench.workload.Topology;
import org.supplysync.bench.workload.Workload;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.api.SyncApiException;
import org.supplysync.client.api.SyncV5Api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * initialise-site as a new installation asks for it (msupply-sync-v5.md §1.5): one site with one store pushes its
 * records and drains its queue (its own records never come back outside an initialisation); then the clock runs from
 * {@code POST /sync/v5/initialise} until the site has pulled and acknowledged everything the server queued for it.
 * Every record it pushed must come back exactly once: the central's copy is the site's backup. The site takes the run's
 * next site id, and its records and central records carry the run's prefix with an "i".
 */
public final class Initialisation {

    private static final long POLL_MILLIS = 1000;

    private final AdminApi admin;
    private final URI server;
    private final Topology run;
    private final Traffic traffic;
    private final int batch;
    private final int pullLimit;
    private final int idleTimeoutSeconds;

    public Initialisation(AdminApi admin, URI server, Topology run, Traffic traffic, int batch, int pullLimit,
                          int idleTimeoutSeconds) {
        this.admin = admin;
        this.server = server;
        this.run = run;
        this.traffic = traffic;
        this.batch = batch;
        this.pullLimit = pullLimit;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
    }

    public Result run(Mix mix, int records) {
        Topology one = new Topology(run.prefix() + "i", 1, 1, run.firstSiteId() + run.sites());
        admin.createSite(one.siteId(0), one.siteName(0), one.sitePassword(0));
        admin.createStore(one.storeId(0), one.storeId(0), one.storeName(0), one.nameId(0), one.siteId(0));
        Setup.centralRecords(admin, one);
        SyncV5Api site = Sites.of(one, server, traffic).get(0);
        Sites.drainEnvelopes(site, pullLimit, r -> { });

        Workload workload = Workload.of(one, mix, records, batch);
        Push.Result push = new Push(List.of(site), workload, 1, idleTimeoutSeconds).run();
        Sites.drainEnvelopes(site, pullLimit, r -> { });

        Delivery delivery = new Delivery(workload);
        traffic.take();
        long start = System.nanoTime();
        long queueLength = -1;
        String answer;
        try {
            queueLength = site.initialise().path("queueLength").asLong(-1);
            answer = "answered 200";
        } catch (SyncApiException e) {
            if (e.kind() != SyncApiException.Kind.TIMEOUT && e.kind() != SyncApiException.Kind.CONNECTION) {
                throw e;
            }
            // As Open mSupply does: the build goes on without the answer; wait until the site is idle again.
            answer = "did not answer (" + e.readable() + "), site_status polled until idle";
            awaitIdle(site, start);
        }
        long posted = System.nanoTime();
        long pulled = Sites.drainEnvelopes(site, pullLimit, page -> delivery.received(0, page));
        long end = System.nanoTime();
        return new Result(mix, workload.rows().size(), push.nanos(), answer, queueLength, posted - start, pulled,
                end - posted, end - start, traffic.take(), delivery.result(), job(one.siteId(0)));
    }

    private void awaitIdle(SyncV5Api site, long start) {
        long limit = TimeUnit.SECONDS.toNanos(idleTimeoutSeconds);
        while (!"idle".equals(site.siteStatus().path("code").asText())) {
            if (System.nanoTime() - start > limit) {
                throw new BenchmarkFailure("site " + site.siteName() + " still not idle " + idleTimeoutSeconds
                        + " s after POST /sync/v5/initialise");
            }
            Sites.sleep(POLL_MILLIS);
        }
    }

    /** The latest initialise-site job of the site, as GET /api/jobs tells it (null when it lists none). */
    private JsonNode job(int siteId) {
        for (JsonNode job : admin.jobs()) {
            if ("initialise-site".equals(job.path("jobName").asText())
                    && job.path("parameters").path("siteId").asInt() == siteId) {
                return job;
            }
        }
        return null;
    }

    /**
     * {@code records} pushed by the site (in {@code pushNanos}, until idle); how the POST went, its
     * {@code queueLength} (-1 when it did not answer) and duration; every record pulled afterwards and the time to
     * pull and acknowledge them; {@code nanos} from the POST until the queue was empty, and the site's calls in that
     * time; the exactly-once check of the pushed records; the job as the admin API lists it.
     */
    public record Result(Mix mix, long records, long pushNanos, String answer, long queueLength, long postNanos,
                         long pulled, long pullNanos, long nanos, Map<String, Traffic.Endpoint> calls,
                         Delivery.Result delivery, JsonNode job) {
    }
}
