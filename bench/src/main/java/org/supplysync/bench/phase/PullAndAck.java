package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.JsonNode;
import org.supplysync.bench.api.SiteClient;
import org.supplysync.bench.workload.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every site drains its queue as Open mSupply does (§1.7, §1.8): pull a page, acknowledge it, until a page comes
 * back empty; several sites at once. Each record of the run is checked against where the topology says it belongs,
 * so a fast but wrong delivery does not pass for a result.
 */
public final class PullAndAck {

    private final List<SiteClient> sites;
    private final Topology topology;
    private final int threads;
    private final int limit;

    public PullAndAck(List<SiteClient> sites, Topology topology, int threads, int limit) {
        this.sites = sites;
        this.topology = topology;
        this.threads = threads;
        this.limit = limit;
    }

    public Result run() {
        AtomicLong received = new AtomicLong();
        AtomicLong own = new AtomicLong();
        AtomicLong misrouted = new AtomicLong();
        AtomicLong pulls = new AtomicLong();
        AtomicLong gzippedPulls = new AtomicLong();
        AtomicLong wireBytes = new AtomicLong();
        long start = System.nanoTime();
        Parallel.forEach(threads, sites.size(), site -> {
            SiteClient client = sites.get(site);
            while (true) {
                SiteClient.Page page = client.pull(limit);
                pulls.incrementAndGet();
                wireBytes.addAndGet(page.wireBytes());
                if (page.gzipped()) {
                    gzippedPulls.incrementAndGet();
                }
                JsonNode records = page.records();
                if (records.isEmpty()) {
                    return;
                }
                received.addAndGet(records.size());
                for (JsonNode record : records) {
                    if (topology.isOwnLocation(record.path("tableName").asText(), record.path("recordId").asText())) {
                        own.incrementAndGet();
                        int store = topology.storeIndex(record.path("recordData").path("store_ID").asText(null));
                        if (store < 0 || topology.destinationSite(store) != site) {
                            misrouted.incrementAndGet();
                        }
                    }
                }
                client.acknowledge(syncIds(records));
            }
        });
        return new Result(received.get(), own.get(), misrouted.get(), System.nanoTime() - start,
                pulls.get(), gzippedPulls.get(), wireBytes.get());
    }

    static List<String> syncIds(JsonNode records) {
        List<String> ids = new ArrayList<>(records.size());
        records.forEach(record -> ids.add(record.path("syncOutId").asText()));
        return ids;
    }

    /**
     * {@code received}: every record pulled; {@code runRecords}: those that are this run's pushed records;
     * {@code misrouted}: run records that reached a site other than their store's collector site.
     */
    public record Result(long received, long runRecords, long misrouted, long nanos,
                         long pulls, long gzippedPulls, long wireBytes) {
    }
}
