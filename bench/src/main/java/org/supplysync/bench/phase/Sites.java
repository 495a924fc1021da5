package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.JsonNode;
import org.supplysync.bench.BenchmarkFailure;
import org.supplysync.bench.workload.Topology;
import org.supplysync.client.api.SyncV5Api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The run's remote sites as the client library's {@link SyncV5Api}, sharing one pool of connections and one
 * observer, and the few steps of Open mSupply's sync loop the phases repeat (§1.4 to §1.8).
 */
public final class Sites {

    private static final byte[] LAST_BATCH = "{\"queueLength\":0,\"data\":[]}".getBytes(StandardCharsets.UTF_8);
    /**
     * Between two rounds of {@code site_status} while sites integrate: Open mSupply sleeps a second between two calls
     * (msupply-sync-v5.md §1.6). Polling faster loads the server with calls no site makes (a hundred sites every
     * 100 ms are hundreds of authenticated calls a second) and takes the cores the integration is timed on.
     */
    private static final long POLL_MILLIS = 1000;

    private Sites() {
    }

    /**
     * One client per site of the topology. Generous timeouts (a push of 5,000 records may wait for the database under
     * a full run's load), and a connect attempt repeated as Open mSupply repeats it.
     */
    public static List<SyncV5Api> of(Topology topology, URI server, SyncV5Api.Observer observer) {
        SyncV5Api.Options options = new SyncV5Api.Options(
                List.of(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                Duration.ofMinutes(10), "supplysync-bench", "2.20.0");
        SyncV5Api.Connections connections = SyncV5Api.Connections.of(options);
        List<SyncV5Api> sites = new ArrayList<>();
        for (int site = 0; site < topology.sites(); site++) {
            sites.add(new SyncV5Api(server, topology.siteName(site), SyncV5Api.sha256Hex(topology.sitePassword(site)),
                    "bench-" + topology.siteName(site), options, connections, observer));
        }
        return sites;
    }

    /** The empty last batch of a push, which must start the integration of what the site pushed. */
    public static void finishPush(SyncV5Api site) {
        JsonNode answer = site.push(LAST_BATCH);
        if (!answer.path("integrationStarted").asBoolean()) {
            throw new BenchmarkFailure("site " + site.siteName() + ": the last (empty) push batch answered " + answer
                    + "; Open mSupply fails with IntegrationNotStarted here");
        }
    }

    /** Pulls and acknowledges pages until one comes back empty; each page's records go to {@code received} first. */
    public static long drain(SyncV5Api site, int limit, Consumer<JsonNode> received) {
        return untilEmpty(() -> pullPage(site, limit, received));
    }

    /**
     * As {@link #drain}, reading only each record's envelope ({@link SyncV5Api#queuedEnvelopes}): for the phases that
     * count what arrived where, so that the sites' parsing does not take the machine's cores from the server.
     */
    public static long drainEnvelopes(SyncV5Api site, int limit, Consumer<List<SyncV5Api.PulledEnvelope>> received) {
        return untilEmpty(() -> pullEnvelopes(site, limit, received));
    }

    /** Pulls pages until one comes back empty; how many records they held. */
    private static long untilEmpty(IntSupplier page) {
        long count = 0;
        for (int records = page.getAsInt(); records > 0; records = page.getAsInt()) {
            count += records;
        }
        return count;
    }

    private static int pullEnvelopes(SyncV5Api site, int limit, Consumer<List<SyncV5Api.PulledEnvelope>> received) {
        List<SyncV5Api.PulledEnvelope> records = site.queuedEnvelopes(limit).records();
        if (records.isEmpty()) {
            return 0;
        }
        received.accept(records);
        site.acknowledge(records.stream().map(SyncV5Api.PulledEnvelope::syncOutId).toList());
        return records.size();
    }

    /**
     * Pulls one page and, unless it is empty, hands its records to {@code received} and acknowledges them; how many
     * records it held.
     */
    static int pullPage(SyncV5Api site, int limit, Consumer<JsonNode> received) {
        JsonNode records = site.queuedRecords(limit).path("data");
        if (records.isEmpty()) {
            return 0;
        }
        received.accept(records);
        List<String> ids = new ArrayList<>(records.size());
        records.forEach(record -> ids.add(record.path("syncOutId").asText()));
        site.acknowledge(ids);
        return records.size();
    }

    /**
     * Waits until every site says idle (integration done), asking {@code threads} at a time, each busy site once a
     * {@link #POLL_MILLIS second} as Open mSupply does: the wait ends up to that much after the last site went idle.
     */
    public static void awaitIdle(List<SyncV5Api> sites, int threads, long timeoutNanos) {
        long start = System.nanoTime();
        List<SyncV5Api> busy = List.copyOf(sites);
        while (!busy.isEmpty()) {
            List<SyncV5Api> asked = busy;
            String[] statuses = new String[asked.size()];
            Parallel.forEach(threads, asked.size(), site -> statuses[site] = asked.get(site).siteStatus().path("code").asText());
            List<SyncV5Api> stillBusy = new ArrayList<>();
            for (int site = 0; site < asked.size(); site++) {
                if (!"idle".equals(statuses[site])) {
                    stillBusy.add(asked.get(site));
                }
            }
            busy = stillBusy;
            if (!busy.isEmpty() && System.nanoTime() - start > timeoutNanos) {
                throw new BenchmarkFailure(busy.size() + " sites still not idle after "
                        + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s, e.g. " + busy.get(0).siteName()
                        + " (" + statuses[asked.indexOf(busy.get(0))] + ")");
            }
            if (!busy.isEmpty()) {
                sleep(POLL_MILLIS);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted", e);
        }
    }
}
