package org.supplysync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.supplysync.bench.measure.ServerHeap;
import org.supplysync.bench.measure.Traffic;
import org.supplysync.bench.phase.CentralFeed;
import org.supplysync.bench.phase.Delivery;
import org.supplysync.bench.phase.Initialisation;
import org.supplysync.bench.phase.Memory;
import org.supplysync.bench.phase.PullAndAck;
import org.supplysync.bench.phase.Push;
import org.supplysync.bench.phase.RawInserts;
import org.supplysync.bench.phase.ReportReads;
import org.supplysync.bench.phase.Setup;
import org.supplysync.bench.phase.Soak;
import org.supplysync.bench.phase.Transfers;
import org.supplysync.bench.workload.Mix;
import org.supplysync.bench.workload.Topology;
import org.supplysync.bench.workload.Workload;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.api.SyncApiException;
import org.supplysync.client.api.SyncV5Api;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Throughput of a running server, in one command ({@code ./supplysync bench}), through the client library's sync v5
 * and admin clients: set-up, push and pull per table mix against raw inserts of the same rows, central data to many
 * sites, many large pushes at once; or, with {@code --soak}, a site population syncing for a while.
 *
 * <p>Leaves with status 0 when every pushed record arrived exactly where it should, 1 when not or when the server
 * failed a request, 2 on bad arguments.
 */
public final class SyncBenchmark {

    /** Runs of the raw insert baseline per mix, the median kept (see {@link RawInserts#median}). */
    private static final int BASELINE_RUNS = 3;

    private final Options options;
    private final Report report = new Report();
    private final Traffic traffic = new Traffic();
    private final AdminApi admin;
    private final ServerHeap heap;

    private SyncBenchmark(Options options) {
        this.options = options;
        this.admin = new AdminApi(URI.create(options.url()), options.adminUser(), options.adminPassword());
        this.heap = new ServerHeap(options.url(), options.serverPid());
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
            SyncBenchmark benchmark = new SyncBenchmark(options);
            System.exit((options.soak() ? benchmark.soak() : benchmark.phases()) ? 0 : 1);
        } catch (BenchmarkFailure | AdminApi.AdminApiException failure) {
            System.err.println("bench: FAILED: " + failure.getMessage());
            System.exit(1);
        } catch (SyncApiException failure) {
            System.err.println("bench: FAILED: " + failure.readable() + " [" + failure.getMessage() + "]");
            System.exit(1);
        }
    }

    private boolean phases() {
        Topology topology = Topology.startingAt(Instant.now().getEpochSecond(), options.sites(), options.stores());
        List<SyncV5Api> sites = org.supplysync.bench.phase.Sites.of(topology, URI.create(options.url()), traffic);
        say("run %s against %s: %d sites (ids %d-%d), %d stores, %d records per mix %s in batches of %d, %d threads",
                topology.prefix(), options.url(), topology.sites(), topology.siteId(0),
                topology.siteId(topology.sites() - 1), topology.stores(), options.records(), options.mixes(),
                options.batch(), options.threads());
        report.line("run", topology.prefix() + " against " + options.url() + " on " + Report.machine());
        report.line("parameters", options.sites() + " sites, " + options.stores() + " stores, " + options.records()
                + " records per mix, batch " + options.batch() + ", " + options.threads() + " threads, pull limit "
                + options.pullLimit());
        Setup.Result setup = setUp(topology, sites);
        boolean delivered = true;
        for (Mix mix : options.mixes()) {
            delivered &= mix(mix, topology, sites, setup);
        }
        if (options.mixes().isEmpty()) {
            baselineOnly(topology);
        }
        if (options.reportReads() > 0) {
            reports(topology);
        }
        if (options.initialiseRecords() > 0) {
            delivered &= initialisation(topology);
        }
        if (options.centralRecords() > 0) {
            central(topology, sites);
        }
        if (options.memoryPushes() > 0) {
            delivered &= memory(topology, sites);
        }
        if (options.transfers() > 0) {
            delivered &= transfers(topology, sites);
        }
        report.print(System.out);
        if (!delivered) {
            System.err.println("bench: FAILED: not every pushed record arrived exactly once where it belongs (see above)");
        }
        return delivered;
    }

    private Setup.Result setUp(Topology topology, List<SyncV5Api> sites) {
        say("setup: creating sites, stores, central records, visibility and collector copies");
        Setup.Result setup = new Setup(admin, topology, sites, options.threads(), options.pullLimit()).run();
        traffic.take();
        say("setup: done in %s, %d setup records drained", Report.seconds(setup.nanos()), setup.drainedRecords());
        report.section("set-up (admin API, " + options.threads() + " at once)");
        report.line("whole set-up", Report.seconds(setup.nanos()) + " (sites, stores, central records, visibility, "
                + "collector copies, " + setup.drainedRecords() + " set-up records drained)");
        report.rate("sites", Report.perSecond(setup.sites(), setup.sitesNanos()), Report.rate(
                Report.perSecond(setup.sites(), setup.sitesNanos())) + " sites/s: " + setup.sites() + " in "
                + Report.seconds(setup.sitesNanos()) + " (each hashes its password)");
        report.rate("stores", Report.perSecond(setup.stores(), setup.storesNanos()), Report.rate(
                Report.perSecond(setup.stores(), setup.storesNanos())) + " stores/s: " + setup.stores() + " in "
                + Report.seconds(setup.storesNanos()));
        report.line("GET /api/sites", String.format(Locale.ROOT, "%.0f ms listing %d sites",
                setup.listNanos() / 1e6, setup.listedSites()));
        return setup;
    }

    private boolean mix(Mix mix, Topology topology, List<SyncV5Api> sites, Setup.Result setup) {
        Round warmedUp = options.warmUpRecords() > 0 ? warmUp(mix, topology, sites) : null;
        Workload workload = Workload.of(topology, mix, options.records(), options.batch());
        say("%s: pushing %d records %s", mix.label(), workload.rows().size(), workload.tables());
        Round round = round(mix.label(), workload, topology, sites);
        Push.Result push = round.push();
        PullAndAck.Result pull = round.pull();
        Delivery.Result delivered = round.delivered();
        checkStoredCentrally(workload);

        RawInserts.Result raw = new RawInserts(options.dbUrl(), options.dbUser(), options.dbPassword(), workload,
                options.batch(), options.threads()).median(BASELINE_RUNS);
        say("%s: raw insert done in %s", mix.label(), Report.seconds(raw.nanos()));
        RawInserts.Result rawCopy = new RawInserts(options.dbUrl(), options.dbUser(), options.dbPassword(), workload,
                options.batch(), options.threads()).intoCentralCopyShape().run();
        say("%s: raw insert into a table like the central copy done in %s", mix.label(), Report.seconds(rawCopy.nanos()));

        double rawRate = Report.perSecond(raw.rows(), raw.nanos());
        double pushRate = Report.perSecond(push.records(), push.nanos());
        double pullRate = Report.perSecond(pull.received(), pull.nanos());
        report.baseline(rawRate);
        Histogram latencies = push.latencies();
        Traffic.Endpoint pulls = round.pullCalls().get("GET /sync/v5/queued_records");
        report.section("mix " + mix.label() + ": " + workload.rows().size() + " records " + workload.tables());
        if (warmedUp != null) {
            report.line("warm-up", warmedUp.delivered().expected() + " records of their own pushed, pulled and"
                    + " acknowledged just before, untimed: " + warmedUp.delivered().describe() + "; "
                    + warmedUp.refused() + " refused");
        }
        report.rate("push", pushRate, Report.rate(pushRate) + " records/s: checked, stored, routed in "
                + Report.seconds(push.nanos()) + " (requests answered after " + Report.seconds(push.sendingNanos())
                + ", then integration until every site was idle)", rawRate);
        report.line("push latency", "p50 " + Report.millis(latencies.getValueAtPercentile(50) / 1000.0) + " ms, p99 "
                + Report.millis(latencies.getValueAtPercentile(99) / 1000.0) + " ms, max "
                + Report.millis(latencies.getMaxValue() / 1000.0) + " ms (each batch POST, "
                + latencies.getTotalCount() + " batches); failed calls " + errors(round.pushCalls()));
        report.rate("pull+ack", pullRate, Report.rate(pullRate) + " records/s: " + pull.received() + " records in "
                + Report.seconds(pull.nanos()) + (pulls == null ? "" : " (" + pulls.calls() + " pulls, " + pulls.gzipped()
                + " gzipped, " + Report.mib(pulls.wireBytes()) + " on the wire)"), rawRate);
        report.line("delivered", delivered.describe() + "; " + round.refused() + " refused");
        report.rate("raw insert", rawRate, Report.rate(rawRate) + " rows/s: " + raw.rows() + " rows in "
                + Report.seconds(raw.nanos()) + ", the median of " + runs(raw) + " (JDBC batches of " + options.batch()
                + ", a commit each, " + raw.connections() + " connections)", rawRate);
        double rawCopyRate = Report.perSecond(rawCopy.rows(), rawCopy.nanos());
        report.rate("raw insert, central copy's shape", rawCopyRate, Report.rate(rawCopyRate) + " rows/s into an empty"
                + " table made like sync_record (its secondary indexes, generated parent column and JSON check); push is "
                + String.format(Locale.ROOT, "%.3f", pushRate / rawCopyRate) + " x this", rawRate);
        report.markdownRow(String.join(" | ", "", LocalDate.now().toString(), Report.machine(),
                mix.label() + " / " + options.sites() + " / " + options.stores() + " / " + workload.rows().size() + " / "
                        + options.batch() + " / " + options.threads(),
                Report.seconds(setup.nanos()).replace(" s", ""), Report.rate(pushRate),
                Report.millis(latencies.getValueAtPercentile(50) / 1000.0) + " / "
                        + Report.millis(latencies.getValueAtPercentile(99) / 1000.0) + " / "
                        + Report.millis(latencies.getMaxValue() / 1000.0),
                Report.rate(pullRate), Report.rate(rawRate), String.format(Locale.ROOT, "%.3f", pushRate / rawRate),
                String.format(Locale.ROOT, "%.3f", pullRate / rawRate), "").trim());
        return round.passed() && (warmedUp == null || warmedUp.passed());
    }

    /**
     * The mix's work done once, untimed, on records of its own: the mix is then timed on a server whose compiler has
     * seen that work, as a central that runs for days has (the raw baseline is the median of three runs likewise).
     */
    private Round warmUp(Mix mix, Topology topology, List<SyncV5Api> sites) {
        Workload warmUp = Workload.warmUp(topology, mix, options.warmUpRecords(), options.batch());
        say("%s: warming up with %d records of their own, untimed", mix.label(), warmUp.rows().size());
        return round(mix.label() + " warm-up", warmUp, topology, sites);
    }

    /**
     * Every site pushes its part of the workload until all are idle again, then every destination drains its queue:
     * what each took, the calls each made, how many records the server refused or quarantined, what arrived where.
     */
    private Round round(String label, Workload workload, Topology topology, List<SyncV5Api> sites) {
        long refusedBefore = refusedRecords(topology);
        Push.Result push = new Push(sites, workload, options.threads(), options.idleTimeoutSeconds()).run();
        Map<String, Traffic.Endpoint> pushCalls = traffic.take();
        say("%s: push done in %s", label, Report.seconds(push.nanos()));
        long refused = refusedRecords(topology) - refusedBefore;

        Delivery delivery = new Delivery(workload);
        PullAndAck.Result pull = new PullAndAck(sites, delivery, options.threads(), options.pullLimit()).run();
        Map<String, Traffic.Endpoint> pullCalls = traffic.take();
        Delivery.Result delivered = delivery.result();
        say("%s: pull+ack done in %s; %s; %d refused", label, Report.seconds(pull.nanos()), delivered.describe(),
                refused);
        return new Round(push, pushCalls, refused, pull, pullCalls, delivered);
    }

    private record Round(Push.Result push, Map<String, Traffic.Endpoint> pushCalls, long refused,
                         PullAndAck.Result pull, Map<String, Traffic.Endpoint> pullCalls, Delivery.Result delivered) {

        /** Every record arrived exactly once where it belongs, and the server refused or quarantined none. */
        boolean passed() {
            return delivered.exactlyOnce() && refused == 0;
        }
    }

    /** The rates of a baseline's runs: "3 runs (61,738 / 87,001 / 99,813 rows/s)". */
    private static String runs(RawInserts.Result raw) {
        return raw.runNanos().size() + " runs (" + raw.runNanos().stream().sorted(Comparator.reverseOrder())
                .map(nanos -> Report.rate(Report.perSecond(raw.rows(), nanos))).collect(Collectors.joining(" / "))
                + " rows/s)";
    }

    /** No mix pushed: the raw inserts of the locations mix's rows still give the other figures their baseline. */
    private void baselineOnly(Topology topology) {
        RawInserts.Result raw = new RawInserts(options.dbUrl(), options.dbUser(), options.dbPassword(),
                Workload.of(topology, Mix.LOCATIONS, options.records(), options.batch()), options.batch(),
                options.threads()).median(BASELINE_RUNS);
        double rawRate = Report.perSecond(raw.rows(), raw.nanos());
        report.baseline(rawRate);
        report.section("baseline (no mix pushed)");
        report.rate("raw insert", rawRate, Report.rate(rawRate) + " rows/s: " + raw.rows() + " Location rows in "
                + Report.seconds(raw.nanos()) + ", the median of " + runs(raw) + " (JDBC batches of " + options.batch()
                + ", " + raw.connections() + " connections)");
    }

    private void reports(Topology topology) {
        say("reports: %d reads of each report and of the dashboard's site list", options.reportReads());
        ReportReads.Result reads = new ReportReads(admin, topology, options.dbUrl(), options.dbUser(),
                options.dbPassword()).run(options.reportReads());
        traffic.take();
        report.section("reports across stores and the sync report (" + options.reportReads() + " reads each, one at a"
                + " time), over what the central holds: " + reads.projected().entrySet().stream()
                .map(table -> table.getValue() + " rows in " + table.getKey()).toList());
        for (ReportReads.Timing timing : reads.timings()) {
            report.line(timing.question(), "median " + Report.millis(timing.medianMillis()) + " ms, slowest "
                    + Report.millis(timing.maxMillis()) + " ms, " + timing.rows() + " rows");
        }
    }

    private boolean initialisation(Topology topology) {
        say("initialise: a site with one store pushes %d %s records, then initialises again as a new installation",
                options.initialiseRecords(), options.initialiseMix().label());
        Initialisation.Result init = new Initialisation(admin, URI.create(options.url()), topology, traffic,
                options.batch(), options.pullLimit(), options.idleTimeoutSeconds())
                .run(options.initialiseMix(), options.initialiseRecords());
        traffic.take();
        Map<String, Traffic.Endpoint> calls = init.calls();
        say("initialise: done in %s; %s", Report.seconds(init.nanos()), init.delivery().describe());
        Traffic.Endpoint pulls = calls.get("GET /sync/v5/queued_records");
        JsonNode job = init.job();
        report.section("initialise-site: a site of one store holding " + init.records() + " records ("
                + init.mix().label() + "), initialised again as a new installation (pull limit " + options.pullLimit() + ")");
        report.line("its push", init.records() + " records in " + Report.seconds(init.pushNanos())
                + " until idle (not part of the figures below)");
        report.line("POST initialise", Report.seconds(init.postNanos()) + ": " + init.answer() + ", queueLength "
                + (init.queueLength() < 0 ? "?" : Long.toString(init.queueLength()))
                + (job == null ? "" : "; job " + job.path("status").asText() + ", " + job.path("done").asLong() + " of "
                + job.path("total").asLong() + " records of the central copy examined"));
        double rate = Report.perSecond(init.records(), init.nanos());
        report.rate("initialise", rate, Report.rate(rate) + " records/s: the site's " + init.records()
                + " records back in " + Report.seconds(init.nanos()) + " from the POST until its queue was empty ("
                + init.pulled() + " records pulled and acknowledged in " + Report.seconds(init.pullNanos())
                + (pulls == null ? "" : ", " + pulls.calls() + " pulls, " + Report.mib(pulls.wireBytes()) + " on the wire")
                + "; failed calls " + errors(calls) + ")");
        report.line("delivered", init.delivery().describe());
        return init.delivery().exactlyOnce();
    }

    private void central(Topology topology, List<SyncV5Api> sites) {
        say("central: making central records until the change log holds %d, then %d sites read it from cursor 0",
                options.centralRecords(), options.centralSites());
        CentralFeed.Result central = new CentralFeed(admin, sites.subList(0, options.centralSites()), topology,
                new CentralFeed.Database(options.dbUrl(), options.dbUser(), options.dbPassword()), options.threads(),
                options.pullLimit(), options.pageReads())
                .run(options.centralRecords(), options.centralLogMax(), TimeUnit.SECONDS.toNanos(options.idleTimeoutSeconds()));
        Map<String, Traffic.Endpoint> calls = traffic.take();
        say("central: done");
        report.section("central data to many sites (GET /sync/v5/central_records, limit " + options.pullLimit() + ")");
        double made = Report.perSecond(central.made(), central.editNanos());
        if (central.made() == 0) {
            report.line("central edits", "none needed (the log was already that big)");
        } else {
            report.rate("central edits", made, Report.rate(made) + " records/s: " + central.made() + " items through"
                    + " POST /api/records (1,000 a request, " + options.threads() + " at once), until stamped");
        }
        double served = Report.perSecond(central.served(), central.readNanos());
        report.rate("served", served, Report.rate(served) + " records/s: " + central.readers() + " sites read the log of "
                + central.logSize() + " records from cursor " + central.from()
                + (central.from() == 0 ? "" : " (earlier runs' records before it)") + " to the end, " + options.threads() + " at once: "
                + central.served() + " records in " + Report.seconds(central.readNanos()) + "; failed calls " + errors(calls));
        for (CentralFeed.PageCost cost : central.pageCosts()) {
            report.rate("page at " + cost.logSize(), cost.records() * 1000 / Math.max(0.001, cost.medianMillis()),
                    "median " + Report.millis(cost.medianMillis()) + " ms, p90 " + Report.millis(cost.p90Millis())
                            + " ms for a page of " + cost.records() + " near the end (" + options.pageReads() + " reads)"
                            + (cost.filledDirectly() ? "; the log was filled to this size with rows written directly"
                            + " into central_change over JDBC, not through the server" : ""));
        }
    }

    private boolean memory(Topology topology, List<SyncV5Api> sites) {
        say("memory: %d pushes of %d MB at once", options.memoryPushes(), options.memoryMegabytes());
        Memory.Result memory = new Memory(sites, topology, heap, options.threads(), options.pullLimit())
                .run(options.memoryPushes(), options.memoryMegabytes(), TimeUnit.SECONDS.toNanos(options.idleTimeoutSeconds()));
        traffic.take();
        say("memory: answers %s", memory.answers());
        report.section("memory: " + memory.pushes() + " pushes of " + options.memoryMegabytes() + " MB in flight at once");
        report.rate("answered", Report.perSecond(memory.acceptedRecords(), memory.nanos()),
                Report.rate(Report.perSecond(memory.acceptedRecords(), memory.nanos())) + " records/s accepted within "
                + Report.seconds(memory.nanos()) + ": " + memory.answers() + " (" + Report.mib(memory.bodyBytes())
                + " sent in all)");
        report.line("server heap", "before " + Report.mib(memory.heapBefore()) + ", highest seen "
                + Report.mib(memory.heapHighest()) + ", after " + Report.mib(memory.heapAfter()) + " (read from "
                + memory.heapSource() + ")");
        report.line("delivered", memory.arrived() + " of " + memory.acceptedRecords() + " accepted records arrived, "
                + memory.duplicates() + " duplicates, " + memory.misrouted() + " at a wrong site: "
                + (memory.exactlyOnce() ? "OK" : "WRONG"));
        return memory.exactlyOnce();
    }

    private boolean transfers(Topology topology, List<SyncV5Api> sites) {
        say("transfers: %d stock transfers in flight at once between %d pairs of sites", options.transfers(),
                options.transferPairs());
        traffic.take();
        Transfers.Result transfers = new Transfers(sites, topology, new CentralFeed.Database(options.dbUrl(),
                options.dbUser(), options.dbPassword()), options.batch(), options.pullLimit(), options.threads(),
                options.idleTimeoutSeconds()).run(options.transfers(), options.transferPairs());
        Map<String, Traffic.Endpoint> calls = traffic.take();
        say("transfers: done in %s; %s", Report.seconds(transfers.nanos()), transfers.describe());
        report.section("transfers: " + transfers.transfers() + " finalised customer invoices (" + Workload.INVOICE_LINES
                + " lines each) to a store on another site, pushed at once by " + transfers.sendingSites()
                + " sites, each answered by a supplier invoice the central makes in the other store");
        double rate = Report.perSecond(transfers.transfers(), transfers.nanos());
        report.rate("transfers", rate, Report.rate(rate) + " transfers/s: every responding half pulled by its site "
                + Report.seconds(transfers.nanos()) + " after the first push (push requests all answered after "
                + Report.seconds(transfers.pushNanos()) + ")");
        double records = Report.perSecond(transfers.records(), transfers.nanos());
        report.rate("their records", records, Report.rate(records) + " records/s: the " + transfers.records()
                + " records of the initiating halves in that time");
        report.line("latency", "push to pulled at the responding site " + percentiles(transfers.latencies())
                + " (" + transfers.latencies().getTotalCount() + " transfers; an empty pull waits "
                + transfers.pollMillis() + " ms: " + transfers.emptyPulls() + " of " + transfers.pulls()
                + " pulls were empty)");
        Transfers.Made made = transfers.made();
        report.line("made centrally", made.problem() != null ? made.problem() : "push to the ledger's created_at "
                + percentiles(made.latencies()) + " (" + made.latencies().getTotalCount() + " transfers), the last "
                + Report.seconds(made.lastNanos()) + " after the first push");
        report.line("calls", "failed " + errors(calls));
        report.line("delivered", transfers.describe() + (transfers.inTime() ? ""
                : "; NOT every responding half came within " + options.idleTimeoutSeconds() + " s"));
        return transfers.ok();
    }

    private static String percentiles(Histogram micros) {
        return "median " + Report.millis(micros.getValueAtPercentile(50) / 1000.0) + " ms, p95 "
                + Report.millis(micros.getValueAtPercentile(95) / 1000.0) + " ms, max "
                + Report.millis(micros.getMaxValue() / 1000.0) + " ms";
    }

    private boolean soak() {
        Topology topology = Topology.startingAt(Instant.now().getEpochSecond(), options.soakSites(), options.soakSites());
        List<SyncV5Api> sites = org.supplysync.bench.phase.Sites.of(topology, URI.create(options.url()), traffic);
        say("soak %s against %s: %d sites syncing every %s min for %s min, %d records a sync", topology.prefix(),
                options.url(), options.soakSites(), options.soakIntervalMinutes(), options.soakMinutes(),
                options.soakRecords());
        report.line("run", "soak " + topology.prefix() + " against " + options.url() + " on " + Report.machine());
        setUp(topology, sites);
        Soak.Result soak = new Soak(admin, sites, topology, heap, options.pullLimit()).run(options.soakIntervalMinutes(),
                options.soakMinutes(), options.soakRecords(), options.soakSampleSeconds(),
                TimeUnit.SECONDS.toNanos(options.idleTimeoutSeconds()));
        Map<String, Traffic.Endpoint> calls = traffic.take();
        report.section("soak: " + soak.sites() + " sites, a sync every " + soak.intervalMinutes() + " min each, "
                + Report.seconds(soak.nanos()) + "; " + soak.syncs() + " syncs done, " + soak.failedSyncs() + " failed");
        soak.failures().forEach(failure -> report.line("failure", failure));
        report.line("central", soak.centralReceived() + " central records read by the sites");
        report.line("delivered", soak.delivery().describe());
        report.section("calls of the soak, per endpoint");
        report.text(String.format(Locale.ROOT, "  %-34s %8s %9s %9s %9s  %s", "endpoint", "calls", "p50 ms",
                "p99 ms", "max ms", "failed (by status)"));
        calls.forEach((endpoint, stats) -> report.text(String.format(Locale.ROOT, "  %-34s %8d %9.1f %9.1f %9.1f  %s",
                endpoint, stats.calls(), stats.millisAt(50), stats.millisAt(99), stats.maxMillis(), stats.errorsByStatus())));
        report.section("backlog and heap over time (GET /api/sites of the soak's sites; heap from " + soak.heapSource()
                + "); the first samples' central lag counts the log before the soak, which the sites skip");
        report.text(String.format(Locale.ROOT, "  %8s %8s %8s %14s %11s %12s %10s", "second", "syncs", "failed",
                "queued records", "busy sites", "central lag", "heap"));
        for (Soak.Sample sample : soak.samples()) {
            report.text(String.format(Locale.ROOT, "  %8d %8d %8d %14d %11d %12d %10s", sample.seconds(),
                    sample.syncs(), sample.failedSyncs(), sample.queuedRecords(), sample.busySites(),
                    sample.centralLag(), Report.mib(sample.heapBytes())));
        }
        baselineOnly(topology);
        report.print(System.out);
        boolean ok = soak.delivery().exactlyOnce() && soak.failedSyncs() == 0;
        if (!ok) {
            System.err.println("bench: FAILED: the soak had failed syncs or records not delivered exactly once");
        }
        return ok;
    }

    private static String errors(Map<String, Traffic.Endpoint> calls) {
        long failed = calls.values().stream().mapToLong(Traffic.Endpoint::errors).sum();
        return failed == 0 ? "none" : failed + " " + calls.entrySet().stream().filter(e -> e.getValue().errors() > 0)
                .map(e -> e.getKey() + " " + e.getValue().errorsByStatus()).toList();
    }

    /** Records the server refused from the run's sites so far, on receipt or while integrating. */
    private long refusedRecords(Topology topology) {
        long refused = 0;
        for (JsonNode site : admin.sites()) {
            int id = site.path("id").asInt();
            long count = site.path("refusedRecords").asLong() + site.path("quarantinedRecords").asLong();
            if (topology.isRunSite(id) && count > 0) {
                refused += count;
            }
        }
        return refused;
    }

    /** "Stored": the central copy has the first and the last record pushed (untimed spot check). */
    private void checkStoredCentrally(Workload workload) {
        for (Workload.Row row : List.of(workload.rows().get(0), workload.rows().get(workload.rows().size() - 1))) {
            if (admin.record(row.table(), row.recordId()).isEmpty()) {
                throw new BenchmarkFailure("every site is idle, but GET /api/records/" + row.table() + "/"
                        + row.recordId() + " answers 404: the central did not keep the pushed record");
            }
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf("bench: " + format + "%n", args);
    }
}
