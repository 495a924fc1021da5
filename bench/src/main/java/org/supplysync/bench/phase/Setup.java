package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.supplysync.bench.BenchmarkFailure;
import org.supplysync.bench.Options;
import org.supplysync.bench.api.AdminApi;
import org.supplysync.bench.api.SiteClient;
import org.supplysync.bench.workload.Topology;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.supplysync.bench.api.Http.JSON;

/**
 * Builds the run's topology through the admin API: the sites, the stores, each store made visible in a store of its
 * destination site (name_store_join records, in bulk) and given its collector copy there (sync-with). Then every
 * site drains what the setup itself queued for it, so that the timed phases see only the pushed records; that
 * first call also pays each site's one slow password check, which would otherwise land in the push latencies.
 */
public final class Setup {

    private final AdminApi admin;
    private final Topology topology;
    private final List<SiteClient> sites;
    private final int threads;
    private final int pullLimit;

    public Setup(AdminApi admin, Topology topology, List<SiteClient> sites, int threads, int pullLimit) {
        this.admin = admin;
        this.topology = topology;
        this.sites = sites;
        this.threads = threads;
        this.pullLimit = pullLimit;
    }

    public Result run() {
        long start = System.nanoTime();
        refuseTakenSiteIds();
        Parallel.forEach(threads, topology.sites(), site ->
                admin.createSite(topology.siteId(site), topology.siteName(site), topology.sitePassword(site)));
        Parallel.forEach(threads, topology.stores(), store -> admin.createStore(topology.storeId(store),
                topology.storeName(store), topology.nameId(store), topology.siteId(topology.activeSite(store))));
        makeVisibleOnDestinations();
        // The server refuses a collector copy (409) unless the store is visible to a store active on that site.
        Parallel.forEach(threads, topology.stores(), store -> admin.changeSyncWith(topology.storeId(store),
                topology.siteId(topology.destinationSite(store)), "ACTIVE_COLLECTOR"));
        AtomicLong drained = new AtomicLong();
        Parallel.forEach(threads, sites.size(), site -> drained.addAndGet(drain(sites.get(site))));
        return new Result(System.nanoTime() - start, drained.get());
    }

    private void refuseTakenSiteIds() {
        for (JsonNode site : admin.sites()) {
            int id = site.path("id").asInt();
            if (id >= topology.siteId(0) && id <= topology.siteId(topology.sites() - 1)) {
                throw new BenchmarkFailure("site id " + id + " (" + site.path("name").asText() + ") is taken: site ids of"
                        + " a run follow from the second it starts; start the benchmark again");
            }
        }
    }

    private void makeVisibleOnDestinations() {
        ArrayNode joins = JSON.createArrayNode();
        for (int store = 0; store < topology.stores(); store++) {
            joins.addObject()
                    .put("tableName", "name_store_join")
                    .put("recordId", topology.joinId(store))
                    .put("action", "Update")
                    .putObject("recordData")
                    .put("ID", topology.joinId(store))
                    .put("name_ID", topology.nameId(store))
                    .put("store_ID", topology.storeId(topology.viewerStore(store)))
                    .put("inactive", false);
            if (joins.size() == Options.MAX_RECORDS_PER_REQUEST) {
                admin.editRecords(joins);
                joins = JSON.createArrayNode();
            }
        }
        if (!joins.isEmpty()) {
            admin.editRecords(joins);
        }
    }

    private long drain(SiteClient site) {
        long received = 0;
        while (true) {
            JsonNode records = site.pull(pullLimit).records();
            if (records.isEmpty()) {
                return received;
            }
            received += records.size();
            site.acknowledge(PullAndAck.syncIds(records));
        }
    }

    /** How long the setup took, and how many records it queued for the sites (drained before timing). */
    public record Result(long nanos, long drainedRecords) {
    }
}
