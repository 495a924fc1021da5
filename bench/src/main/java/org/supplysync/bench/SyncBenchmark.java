package org.supplysync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.supplysync.bench.api.AdminApi;
import org.supplysync.bench.api.Http;
import org.supplysync.bench.api.SiteClient;
import org.supplysync.bench.phase.PullAndAck;
import org.supplysync.bench.phase.Push;
import org.supplysync.bench.phase.RawInserts;
import org.supplysync.bench.phase.Setup;
import org.supplysync.bench.workload.Topology;
import org.supplysync.bench.workload.Workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput of a running server, in one command ({@code ./supplysync bench}): creates sites and stores, pushes store
 * records in batches from many sites at once, pulls and acknowledges them at their destinations, then inserts the
 * same rows straight into the same MariaDB, and prints records/s for each, push latencies and the push/raw ratio.
 *
 * <p>Leaves with status 0 when every pushed record arrived exactly where it should, 1 when not or when the server
 * failed a request, 2 on bad arguments.
 */
public final class SyncBenchmark {

    private final Options options;

    private SyncBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.Usage usage) {
            if (usage.getMessage() == null) {
                System.out.print(Options.USAGE);
                System.exit(0);
            }
            System.err.println("bench: " + usage.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            System.exit(new SyncBenchmark(options).run() ? 0 : 1);
        } catch (BenchmarkFailure failure) {
            System.err.println("bench: FAILED: " + failure.getMessage());
            System.exit(1);
        }
    }

    private boolean run() {
        Topology topology = Topology.startingAt(Instant.now().getEpochSecond(), options.sites(), options.stores());
        Http http = new Http(options.url());
        AdminApi admin = new AdminApi(http, options.adminUser(), options.adminPassword());
        List<SiteClient> sites = new ArrayList<>();
        for (int site = 0; site < topology.sites(); site++) {
            sites.add(new SiteClient(http, topology.siteId(site), topology.siteName(site), topology.sitePassword(site)));
        }
        say("run %s against %s: %d sites (ids %d-%d), %d stores, %d records in batches of %d, %d threads",
                topology.prefix(), options.url(), options.sites(), topology.siteId(0),
                topology.siteId(options.sites() - 1), options.stores(), options.records(), options.batch(),
                options.threads());

        Workload workload = Workload.of(topology, options.records(), options.batch());

        say("setup: creating sites, stores, joins and collector copies");
        Setup.Result setup = new Setup(admin, topology, sites, options.threads(), options.pullLimit()).run();
        say("setup: done in %.2f s", setup.nanos() / 1e9);

        say("push: %d records from %d sites, %d at a time", options.records(), options.sites(), options.threads());
        Push.Result push = new Push(sites, workload, options.threads(), options.idleTimeoutSeconds()).run();
        long refused = refusedRecords(admin, topology);
        checkStoredCentrally(admin, topology, options.records());
        say("push: done in %.2f s", push.nanos() / 1e9);

        say("pull+ack: %d sites, %d at a time, up to %d records a pull", options.sites(), options.threads(),
                options.pullLimit());
        PullAndAck.Result pull = new PullAndAck(sites, topology, options.threads(), options.pullLimit()).run();
        say("pull+ack: done in %.2f s", pull.nanos() / 1e9);

        say("raw insert: %d rows into %s", options.records(), options.dbUrl());
        RawInserts.Result raw = new RawInserts(options.dbUrl(), options.dbUser(), options.dbPassword(), workload,
                options.batch(), options.threads()).run();
        say("raw insert: done in %.2f s", raw.nanos() / 1e9);

        Report report = new Report(options, topology.prefix(), setup, push, refused, pull, raw);
        report.print(System.out);
        if (!report.delivered()) {
            System.err.printf("bench: FAILED: %d of the %d pushed records were received (%d at a wrong site, %d refused)%n",
                    pull.runRecords(), push.records(), pull.misrouted(), refused);
        }
        return report.delivered();
    }

    /**
     * Records the server refused, on receipt (envelope) or while integrating (ownership): the run's sites are new,
     * so their counts are this run's; the first site with refusals shows a few reasons.
     */
    private static long refusedRecords(AdminApi admin, Topology topology) {
        long refused = 0;
        for (JsonNode site : admin.sites()) {
            int id = site.path("id").asInt();
            long count = site.path("refusedRecords").asLong();
            if (id >= topology.siteId(0) && id <= topology.siteId(topology.sites() - 1) && count > 0) {
                if (refused == 0) {
                    say("push: site %d refused %d records, e.g. %s", id, count, admin.refusals(id, 3));
                }
                refused += count;
            }
        }
        return refused;
    }

    /** "Stored": the central copy has the first and the last record pushed (untimed spot check). */
    private static void checkStoredCentrally(AdminApi admin, Topology topology, int records) {
        for (int record : new int[] {0, records - 1}) {
            if (admin.record("Location", topology.locationId(record)) == null) {
                throw new BenchmarkFailure("every site is idle, but GET /api/records/Location/"
                        + topology.locationId(record) + " answers 404: the central did not keep the pushed record");
            }
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf("bench: " + format + "%n", args);
    }
}
