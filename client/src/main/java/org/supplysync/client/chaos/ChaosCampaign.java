package org.supplysync.client.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.admin.AdminApi;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The fault campaign: five sites on a server that {@code ./supplysync start} runs, each store collected by other
 * sites; then, run after run, one kill -9 (Payara Server and mariadbd in turn) that lands while a push is in flight,
 * a push integrates, a pull is in flight, a pulled page waits for its acknowledgement and an initialisation job runs
 * ({@link Choreography}); a restart with the script; every site syncing until it succeeds and the server has nothing
 * left for anyone; and the check of every site against the routes ({@link Convergence}).
 */
public final class ChaosCampaign {

    /** The command line: {@code supplysync-site chaos}, as {@code ./supplysync chaos} runs it. */
    @CommandLine.Command(name = "chaos", description = "The fault campaign: kills the server (Payara Server and mariadbd "
            + "in turn, kill -9) while sites are mid-push, mid-integration, mid-pull, between pull and ack and mid-job, "
            + "restarts it with ./supplysync start, and checks that no record of a push answered 200 is lost and no "
            + "acknowledged record comes again. Exit status 1 when anything is lost, re-sent or not proven.")
    public static final class Command implements Callable<Integer> {
        @Option(names = "--server", required = true, paramLabel = "URL")
        URI server;
        @Option(names = "--admin-password", required = true, paramLabel = "PW")
        String adminPassword;
        @Option(names = "--data-dir", required = true, paramLabel = "DIR",
                description = "the server's SUPPLYSYNC_DATA_DIR (its pid files)")
        Path dataDir;
        @Option(names = "--db-url", required = true, paramLabel = "JDBC_URL",
                description = "the server's MariaDB: the campaign locks rows in it to hold requests inside the server")
        String dbUrl;
        @Option(names = "--db-user", defaultValue = "root", paramLabel = "USER")
        String dbUser;
        @Option(names = "--db-password", defaultValue = "", paramLabel = "PW")
        String dbPassword;
        @Option(names = "--start", required = true, split = ",", paramLabel = "CMD",
                description = "how the server is started again, e.g. ./supplysync,start")
        List<String> start;
        @Option(names = "--runs", defaultValue = "2", description = "kills, Payara Server and mariadbd in turn (default ${DEFAULT-VALUE})")
        int runs;
        @Option(names = "--output", paramLabel = "FILE", description = "where the figures go as JSON")
        Path output;
        @Option(names = "--work-dir", paramLabel = "DIR", description = "where the sites' databases go (default: a new temporary directory)")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("supplysync-chaos");
            ServerProcesses processes = new ServerProcesses(server, dataDir, start, Map.of());
            CampaignFigures figures = new ChaosCampaign(server, adminPassword, processes,
                    new HeldRows.Database(dbUrl, dbUser, dbPassword), runs, CampaignSize.standard(), dir, System.out).run();
            if (output != null) {
                figures.write(output);
            }
            figures.failures().forEach(f -> System.out.println("  " + f));
            System.out.println(figures.summary());
            return figures.passed() ? 0 : 1;
        }
    }

    private static final Duration RESTART = Duration.ofMinutes(6);
    private static final Duration CONVERGE = Duration.ofMinutes(8);

    private final URI server;
    private final AdminApi admin;
    private final ServerProcesses processes;
    private final HeldRows.Database database;
    private final int runs;
    private final CampaignSize size;
    private final Path workDir;
    private final PrintStream out;
    private final String prefix = "CHAOS" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36)
            .toUpperCase(Locale.ROOT);
    private Choreography.Cast cast;
    private Convergence convergence;
    private int currentRun;
    private final List<String> notes = new ArrayList<>();

    public ChaosCampaign(URI server, String adminPassword, ServerProcesses processes, HeldRows.Database database,
                         int runs, CampaignSize size, Path workDir, PrintStream out) {
        if (runs < 1) {
            throw new IllegalArgumentException("at least one run");
        }
        this.server = server;
        this.admin = new AdminApi(server, adminPassword);
        this.processes = processes;
        this.database = database;
        this.runs = runs;
        this.size = size;
        this.workDir = workDir;
        this.out = out;
    }

    public CampaignFigures run() throws Exception {
        Instant started = Instant.now();
        long start = System.nanoTime();
        setUp();
        List<KillFigures> kills = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            currentRun = run;
            Fault fault = run % 2 == 1 ? Fault.PAYARA : Fault.MARIADBD;
            warmUp(run);
            Choreography.Outcome outcome = new Choreography(cast, admin, processes, database, size, out).perform(run, fault);
            KillFigures figures = recover(run, fault, outcome);
            kills.add(figures);
            out.printf("run %d (%s): points %s; healthy after %.0f s, first successful sync after %.0f s, converged "
                            + "after %.0f s; %d lost, %d acknowledged re-sent so far%n", run, fault, proofs(figures),
                    figures.secondsToHealthy(), figures.secondsToFirstSuccessfulSync(), figures.secondsToConverged(),
                    figures.recordsLost(), figures.acknowledgedRecordsResent());
            figures.points().forEach((point, proof) -> {
                if (!proof.proven()) {
                    failures.add("run " + figures.run() + " (" + fault + "): not proven " + point + ": " + proof.evidence());
                }
            });
        }
        Convergence.Check check = convergence.check();
        failures.addAll(failuresOf(check));
        CampaignFigures figures = new CampaignFigures("chaos", started.toString(), seconds(System.nanoTime() - start),
                server.toString(), machine(), runs, kills.size(), check.pushed(), check.lost(), check.resent(),
                check.duplicates(), check.delivered(), check.leaked(),
                (int) kills.stream().filter(k -> !k.jobResumedByItself()).count(),
                kills.stream().mapToDouble(KillFigures::secondsToHealthy).max().orElse(0),
                kills.stream().mapToDouble(KillFigures::secondsToFirstSuccessfulSync).max().orElse(0),
                kills.stream().mapToDouble(KillFigures::secondsToConverged).max().orElse(0),
                kills, check.lostExamples(), check.resentExamples(), check.leakedExamples(), failures, notes);
        cast.all().forEach(ChaosSite::close);
        return figures;
    }

    private static List<String> failuresOf(Convergence.Check check) {
        List<String> failures = new ArrayList<>();
        if (check.lost() > 0) {
            failures.add(check.lost() + " record(s) of pushes answered 200 lost, e.g. " + check.lostExamples());
        }
        if (check.resent() > 0) {
            failures.add(check.resent() + " acknowledged record(s) handed out again, e.g. " + check.resentExamples());
        }
        if (check.leaked() > 0) {
            failures.add(check.leaked() + " record(s) held where the rules do not send them, e.g. " + check.leakedExamples());
        }
        return failures;
    }

    // --- set-up --------------------------------------------------------------------------------------------

    /**
     * Five sites with a store each. The pusher's store is collected by the puller, the integrator's by the site left
     * with an unacknowledged page, and every other store by the site that is initialised mid-campaign, whose
     * initialisation so re-queues everything of theirs the central copy holds.
     */
    private void setUp() throws Exception {
        int base = 100;
        for (JsonNode site : admin.sites()) {
            base = Math.max(base, site.path("id").asInt());
        }
        List<ChaosSite> sites = new ArrayList<>();
        String[] roles = {"pusher", "integrator", "puller", "unacked", "initialised"};
        for (int i = 0; i < roles.length; i++) {
            int id = base + 1 + i;
            String name = prefix.toLowerCase(Locale.ROOT) + "-" + roles[i];
            String store = prefix + "_S" + (i + 1);
            admin.createSite(id, name, "pw-" + name);
            admin.createStore(store, prefix + (i + 1), "Chaos store " + (i + 1), prefix + "_N" + (i + 1), id);
            boolean initialised = i == roles.length - 1;
            int queueBatch = "puller".equals(roles[i]) ? size.pushBatch() : 100;
            sites.add(new ChaosSite(id, name, "pw-" + name, store, server, workDir.resolve(name + ".db"),
                    size.pushBatch(), queueBatch, initialised));
        }
        cast = new Choreography.Cast(sites.get(0), sites.get(1), sites.get(2), sites.get(3), sites.get(4));
        Map<ChaosSite, List<ChaosSite>> collectors = new LinkedHashMap<>();
        collectors.put(cast.pusher(), List.of(cast.puller(), cast.initialised()));
        // Not the initialised site: the job's chunk held at the kill has counted into that site's queue, and an
        // integration routing there too would wait for the job instead of for the campaign's lock.
        collectors.put(cast.integrator(), List.of(cast.unacknowledged()));
        collectors.put(cast.puller(), List.of(cast.pusher(), cast.initialised()));
        collectors.put(cast.unacknowledged(), List.of(cast.integrator(), cast.initialised()));
        collectors.put(cast.initialised(), List.of());
        for (Map.Entry<ChaosSite, List<ChaosSite>> entry : collectors.entrySet()) {
            for (ChaosSite collector : entry.getValue()) {
                collect(entry.getKey(), collector);
            }
        }
        convergence = new Convergence(cast.all(), collectors);
        syncUntilSucceeded(cast.all(), "first sync");
        out.printf("chaos %s: 5 sites (%d-%d), databases in %s%n", prefix, base + 1, base + 5, workDir);
    }

    /** A collector copy is made from a transfer copy: the store's name visible in the collector's store first. */
    private void collect(ChaosSite store, ChaosSite collector) {
        String join = prefix + "_J" + store.id() + "_" + collector.id();
        ObjectNode data = AdminApi.JSON.createObjectNode().put("ID", join)
                .put("name_ID", prefix + "_N" + (cast.all().indexOf(store) + 1)).put("store_ID", collector.storeId())
                .put("inactive", false);
        admin.recordsAllAccepted(List.of(AdminApi.update("name_store_join", join, data)));
        admin.syncWith(store.storeId(), collector.id(), "ACTIVE_COLLECTOR");
    }

    /**
     * Before each kill: the sites that will pull drain their queues, then the pusher's store fills the puller's queue
     * and the integrator's the unacknowledged site's, so that each has pages to pull when it is held.
     */
    private void warmUp(int run) throws Exception {
        syncUntilSucceeded(List.of(cast.puller(), cast.unacknowledged()), "run " + run + " drain");
        cast.pusher().write(size.queued(), "run " + run + " queued for the puller");
        cast.integrator().write(size.queued() / 4, "run " + run + " queued for the unacknowledged site");
        syncUntilSucceeded(List.of(cast.pusher(), cast.integrator()), "run " + run + " fill");
    }

    // --- after the kill ------------------------------------------------------------------------------------

    private KillFigures recover(int run, Fault fault, Choreography.Outcome outcome) throws Exception {
        processes.restart(RESTART);
        long healthy = System.nanoTime();
        long until = System.nanoTime() + CONVERGE.toNanos();
        Boolean resumed = null;
        while (true) {
            Map<ChaosSite, Optional<RuntimeException>> synced = syncAll(cast.all());
            if (resumed == null) {
                resumed = awaitInitialisation(outcome.jobExecution());
            }
            if (synced.values().stream().allMatch(Optional::isEmpty) && quiet()) {
                break;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("run " + run + ": the sites did not converge within " + CONVERGE.toMinutes()
                        + " min of the restart");
            }
            Thread.sleep(1000);
        }
        long firstSync = cast.all().stream().map(site -> site.firstSuccessAfter(healthy)).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min().orElseThrow();
        long converged = System.nanoTime();
        Convergence.Check check = convergence.check();
        Map<String, PointProof> points = new LinkedHashMap<>();
        outcome.proofs().forEach((point, proof) -> points.put(point.label(), proof));
        return new KillFigures(run, fault, Instant.now().minusNanos(System.nanoTime() - outcome.killedNanos()).toString(),
                points, seconds(healthy - outcome.killedNanos()), seconds(firstSync - outcome.killedNanos()),
                seconds(converged - outcome.killedNanos()), resumed, check.lost(), check.resent());
    }

    /**
     * The initialisation the kill interrupted must go on by itself (README: an interrupted initialisation restarts);
     * when it does not within a few minutes, it is counted and an administrator's way out is taken: restart the
     * execution, and when the server refuses (it still takes the execution for running), restart the application
     * server, whose start-up resumes interrupted initialisations.
     */
    private boolean awaitInitialisation(long execution) throws Exception {
        if (initialisationCompletes(Duration.ofMinutes(2))) {
            return true;
        }
        JsonNode stuck = admin.job(execution);
        String what = "run " + currentRun + ": the initialisation of site " + cast.initialised().id() + " was not resumed "
                + "2 min after the sites synced again: execution " + execution + " " + stuck.path("status").asText() + " at "
                + stuck.path("done").asLong() + " of " + stuck.path("total").asLong();
        try {
            admin.restartJob(execution);
            notes.add(what + "; restarted by hand");
        } catch (AdminApi.AdminApiException refused) {
            notes.add(what + "; its restart refused (" + refused.status() + "), so Payara Server was restarted");
            processes.kill(Fault.PAYARA);
            processes.restart(RESTART);
        }
        out.println(notes.get(notes.size() - 1));
        if (!initialisationCompletes(Duration.ofMinutes(6))) {
            throw new IllegalStateException(what + ", nor after the way out was taken");
        }
        return false;
    }

    private boolean initialisationCompletes(Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            JsonNode site = admin.site(cast.initialised().id());
            if ("completed".equals(site.path("initialisationStatus").asText())) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /** Nothing left on the server for any site: its queue empty, the central log read, no integration running. */
    private boolean quiet() {
        for (ChaosSite site : cast.all()) {
            JsonNode known = admin.site(site.id());
            if (known.path("queueLength").asLong() != 0 || known.path("centralCursorLag").asLong() != 0
                    || !"idle".equals(known.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** The sites sync, all at once, round after round, until each has succeeded once. */
    private void syncUntilSucceeded(List<ChaosSite> sites, String when) throws Exception {
        long until = System.nanoTime() + CONVERGE.toNanos();
        List<ChaosSite> left = new ArrayList<>(sites);
        while (true) {
            Map<ChaosSite, Optional<RuntimeException>> failures = syncAll(left);
            failures.forEach((site, failure) -> {
                if (failure.isEmpty()) {
                    left.remove(site);
                }
            });
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > until) {
                RuntimeException failure = failures.get(left.get(0)).orElseThrow();
                throw new IllegalStateException(when + " of site " + left.get(0).id() + " failed: " + failure.getMessage(),
                        failure);
            }
            Thread.sleep(1000);
        }
    }

    /** The sites sync once, all at once; what each sync ended with. */
    private static Map<ChaosSite, Optional<RuntimeException>> syncAll(List<ChaosSite> sites) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sites.size());
        try {
            Map<ChaosSite, Future<Optional<RuntimeException>>> syncs = new LinkedHashMap<>();
            for (ChaosSite site : sites) {
                syncs.put(site, pool.submit(site::sync));
            }
            Map<ChaosSite, Optional<RuntimeException>> ended = new LinkedHashMap<>();
            for (Map.Entry<ChaosSite, Future<Optional<RuntimeException>>> sync : syncs.entrySet()) {
                ended.put(sync.getKey(), sync.getValue().get(15, TimeUnit.MINUTES));
            }
            return ended;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String proofs(KillFigures figures) {
        long proven = figures.points().values().stream().filter(PointProof::proven).count();
        return proven + "/" + figures.points().size() + " proven";
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }
}
