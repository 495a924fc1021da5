package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.bench.BenchmarkFailure;
import org.supplysync.bench.Options;
import org.supplysync.bench.workload.Topology;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.api.SyncV5Api;
import org.supplysync.client.simulate.CentralRecords;
import org.supplysync.client.simulate.SiteRecords;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the run's topology through the admin API, timing each step: the sites (bound by the server's password
 * hashing), the stores, the central records the workload refers to (a customer, a supplier, a unit, items), each
 * store made visible in a store of its destination site (name_store_join records, in bulk) and given its collector
 * copy there (sync-with); then {@code GET /api/sites} with every site there is. Last, every site drains what the
 * set-up queued for it, so that the timed phases see only their own records; that first call also pays each site's
 * one slow password check, which would otherwise land in the push latencies.
 */
public final class Setup {

    private final AdminApi admin;
    private final Topology topology;
    private final List<SyncV5Api> sites;
    private final int threads;
    private final int pullLimit;

    public Setup(AdminApi admin, Topology topology, List<SyncV5Api> sites, int threads, int pullLimit) {
        this.admin = admin;
        this.topology = topology;
        this.sites = sites;
        this.threads = threads;
        this.pullLimit = pullLimit;
    }

    public Result run() {
        long start = System.nanoTime();
        refuseTakenSiteIds();
        long sitesStart = System.nanoTime();
        Parallel.forEach(threads, topology.sites(), site ->
                admin.createSite(topology.siteId(site), topology.siteName(site), topology.sitePassword(site)));
        long storesStart = System.nanoTime();
        Parallel.forEach(threads, topology.stores(), store -> admin.createStore(topology.storeId(store),
                topology.storeId(store), topology.storeName(store), topology.nameId(store),
                topology.siteId(topology.activeSite(store))));
        long storesEnd = System.nanoTime();
        centralRecords(admin, topology);
        makeVisibleOnDestinations();
        // The server refuses a collector copy (409) unless the store is visible to a store active on that site.
        Parallel.forEach(threads, topology.stores(), store -> admin.syncWith(topology.storeId(store),
                topology.siteId(topology.destinationSite(store)), "ACTIVE_COLLECTOR"));
        long listStart = System.nanoTime();
        int listed = admin.sites().size();
        long listEnd = System.nanoTime();
        AtomicLong drained = new AtomicLong();
        Parallel.forEach(threads, sites.size(), site -> drained.addAndGet(Sites.drainEnvelopes(sites.get(site), pullLimit, r -> { })));
        return new Result(System.nanoTime() - start, topology.sites(), storesStart - sitesStart, topology.stores(),
                storesEnd - storesStart, listed, listEnd - listStart, drained.get());
    }

    private void refuseTakenSiteIds() {
        for (JsonNode site : admin.sites()) {
            if (topology.isRunSite(site.path("id").asInt())) {
                throw new BenchmarkFailure("site id " + site.path("id").asInt() + " (" + site.path("name").asText()
                        + ") is taken: site ids of a run follow from the second it starts; start the benchmark again");
            }
        }
    }

    /** The central records a topology's workload refers to: a unit, a customer, a supplier and the items. */
    public static void centralRecords(AdminApi admin, Topology topology) {
        List<ObjectNode> edits = new ArrayList<>();
        edits.add(AdminApi.update("unit", topology.unitId(), CentralRecords.unit(topology.unitId())));
        edits.add(AdminApi.update("name", topology.customerNameId(),
                CentralRecords.facility(topology.customerNameId(), "Bench customer", true, false)));
        edits.add(AdminApi.update("name", topology.supplierNameId(),
                CentralRecords.facility(topology.supplierNameId(), "Bench supplier", false, true)));
        for (int item = 0; item < Topology.ITEMS; item++) {
            edits.add(AdminApi.update("item", topology.itemId(item),
                    CentralRecords.item(topology.itemId(item), "Bench item " + item, topology.unitId(), 1)));
        }
        admin.recordsAllAccepted(edits);
    }

    /** Well under the server's JMS messages per transaction (1,000 by default): a join is a message to its site. */
    private static final int JOINS_PER_REQUEST = 200;

    private void makeVisibleOnDestinations() {
        List<ObjectNode> joins = new ArrayList<>();
        for (int store = 0; store < topology.stores(); store++) {
            joins.add(AdminApi.update("name_store_join", topology.joinId(store), SiteRecords.visibility(
                    topology.joinId(store), topology.nameId(store), topology.storeId(topology.viewerStore(store)), true)));
            // Each join goes to another site's queue: a request of them must fit one transaction's message budget.
            if (joins.size() == JOINS_PER_REQUEST) {
                admin.recordsAllAccepted(joins);
                joins = new ArrayList<>();
            }
        }
        if (!joins.isEmpty()) {
            admin.recordsAllAccepted(joins);
        }
    }

    /**
     * How long the whole set-up took; sites and stores created and in what time; how many sites
     * {@code GET /api/sites} listed and in what time; how many records the set-up queued (drained before timing).
     */
    public record Result(long nanos, int sites, long sitesNanos, int stores, long storesNanos,
                         int listedSites, long listNanos, long drainedRecords) {
    }
}
