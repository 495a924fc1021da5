package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.local.LocalRecord;
import org.supplysync.client.simulate.WorkloadLog.Copy;
import org.supplysync.client.simulate.WorkloadLog.Key;
import org.supplysync.client.simulate.WorkloadLog.SiteRecord;
import org.supplysync.client.simulate.WorkloadLog.StoreDef;
import org.supplysync.client.simulate.WorkloadLog.Trespass;
import org.supplysync.client.sync.RemoteSite;
import org.supplysync.client.sync.SyncFailure;
import org.supplysync.client.sync.SyncListener;
import org.supplysync.client.sync.SyncReport;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many remote sites against one server: creates sites and stores through the admin API in the seed's topology of
 * copies (collector copies, transfer copies, stores local to one site, central copies that are collectors, transfer
 * copies or none; some of them dispensaries), runs days of work on every site with syncs in parallel at random moments
 * while the central edits items, units and visibility (of stores, and of patients and prescribers in other sites'
 * dispensaries), lets some sites push records they do not own, then syncs everyone until quiet and
 * checks the end state against the {@link Invariants} stated from sync-rules.md: what every site and the central may
 * and must hold, and that every trespass was refused and is held nowhere. The simulation keeps a log of what it did
 * ({@link WorkloadLog}); it never works out routes itself.
 */
public final class Simulation {

    /** The tables of the responding halves the central makes for the workload's transfers. */
    private static final Set<String> TRANSFER_TABLES = Set.of("transact", "trans_line", "requisition", "requisition_line");

    /** The command line: {@code supplysync-site simulate}. */
    @CommandLine.Command(name = "simulate", description = "Creates sites and stores on the server, runs a workload with "
            + "parallel syncs, and checks that every site and the central converge to what the sync rules say.")
    public static final class Command implements Callable<Integer> {
        @Option(names = "--server", required = true, paramLabel = "URL")
        URI server;
        @Option(names = "--admin-password", required = true, paramLabel = "PW")
        String adminPassword;
        @Option(names = "--sites", defaultValue = "3", description = "remote sites (default ${DEFAULT-VALUE})")
        int sites;
        @Option(names = "--stores", defaultValue = "6", description = "stores, spread over the sites (default ${DEFAULT-VALUE})")
        int stores;
        @Option(names = "--days", defaultValue = "2", description = "days of work (default ${DEFAULT-VALUE})")
        int days;
        @Option(names = "--trespassers", defaultValue = "2", description = "sites that push records they do not own, each day from day 2 (default ${DEFAULT-VALUE})")
        int trespassers;
        @Option(names = "--reinitialise", description = "mid-run, a random site loses its database: the administrator "
                + "unbinds its device and it initialises again as a new installation")
        boolean reinitialise;
        @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--work-dir", paramLabel = "DIR", description = "where the sites' databases go (default: a new temporary directory)")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("supplysync-sim");
            Result result = new Simulation(server, adminPassword, sites, stores, days, seed, dir, System.out)
                    .withTrespassers(trespassers).withReinitialisation(reinitialise).run();
            return result.converged() ? 0 : 1;
        }
    }

    /**
     * What a run found: the tables printed, whether every invariant holds, and which ones do not.
     *
     * @param broken the names of the invariants that do not hold
     */
    public record Result(boolean converged, List<String> problems, List<String> syncFailures, String summary,
                         List<String> broken) {
    }

    private final URI server;
    private final AdminApi admin;
    private final int siteCount;
    private final int storeCount;
    private final int days;
    private final long seed;
    private final Path dir;
    private final PrintStream out;
    private final Random random;
    private final String prefix;
    private final WorkloadLog log = new WorkloadLog();
    private final Object lock = new Object();
    private final Trespasses trespasses;
    private final Map<Integer, List<JsonNode>> refusalsAnswered = new ConcurrentHashMap<>();
    private final List<String> honestRefusals = new CopyOnWriteArrayList<>();
    private int trespassers = 2;
    private boolean reinitialise;
    private final Map<Integer, String> siteNames = new HashMap<>();
    private boolean drained;
    private final List<SiteWorkload> workloads = new ArrayList<>();
    private final List<String> items = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> syncFailures = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicInteger> syncs = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> pushedCount = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> pulledCount = new ConcurrentHashMap<>();
    private final List<String[]> joins = new ArrayList<>();
    /** The central's joins that make a patient visible in another site's dispensary, still active: id, patient, store. */
    private final List<String[]> patientJoins = new ArrayList<>();
    private int patientJoinSerial;
    private String supplierNameId;
    private String customerNameId;
    private String insuranceProviderId;
    private int units;

    public Simulation(URI server, String adminPassword, int sites, int stores, int days, long seed, Path dir,
                      PrintStream out) {
        if (sites < 1 || stores < sites || days < 0) {
            throw new IllegalArgumentException("need at least one site, at least as many stores as sites, days >= 0");
        }
        this.server = server;
        this.admin = new AdminApi(server, adminPassword);
        this.siteCount = sites;
        this.storeCount = stores;
        this.days = days;
        this.seed = seed;
        this.dir = dir;
        this.out = out;
        this.random = new Random(seed);
        this.prefix = "SIM" + seed + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT) + "_";
        this.trespasses = new Trespasses(log, prefix, new Random(seed * 7919));
    }

    /** How many sites push records they do not own each day from day 2 (0: none). */
    public Simulation withTrespassers(int count) {
        this.trespassers = count;
        return this;
    }

    /** Whether a random site loses its database mid-run and initialises again as a new installation. */
    public Simulation withReinitialisation(boolean reinitialise) {
        this.reinitialise = reinitialise;
        return this;
    }

    public Result run() throws Exception {
        Instant start = Instant.now();
        out.printf("simulation %s: %d sites, %d stores, %d days, seed %d, databases in %s%n", prefix, siteCount,
                storeCount, days, seed, dir);
        setUp();
        out.printf("set up in %d s; first sync of every site done%n", Duration.between(start, Instant.now()).toSeconds());
        int reinitialisationDay = Math.max(1, (days + 1) / 2);
        for (int day = 1; day <= days; day++) {
            centralDay(day);
            siteDay(day);
            if (day >= 2) {
                trespassDay(day);
            }
            if (reinitialise && day == reinitialisationDay) {
                reinitialiseASite(day);
            }
            out.printf("day %d done (%d s)%n", day, Duration.between(start, Instant.now()).toSeconds());
        }
        if (reinitialise && days == 0) {
            reinitialiseASite(0);
        }
        settle();
        Invariants invariants = new Invariants(log);
        String summary = check(invariants);
        problems.addAll(0, invariants.problems());
        out.print(summary);
        out.printf("simulation took %d s%n", Duration.between(start, Instant.now()).toSeconds());
        for (SiteWorkload workload : workloads) {
            workload.site().close();
        }
        if (!syncFailures.isEmpty()) {
            out.println(syncFailures.size() + " sync(s) failed along the way (the next syncs carried on):");
            syncFailures.forEach(f -> out.println("  " + f));
        }
        List<String> broken = invariants.all().stream().filter(c -> !c.holds()).map(c -> c.name).toList();
        if (problems.isEmpty()) {
            out.println("CONVERGED: every invariant of the sync rules holds on every site and the central");
        } else {
            out.println("NOT CONVERGED: broken invariants " + broken + "; " + problems.size() + " line(s), first ones:");
            problems.stream().limit(Integer.getInteger("supplysync.simulation.details", 60))
                    .forEach(p -> out.println("  " + p));
        }
        return new Result(problems.isEmpty(), List.copyOf(problems), List.copyOf(syncFailures), summary, broken);
    }

    // --- set-up --------------------------------------------------------------------------------------------

    private void setUp() throws Exception {
        int base = 1;
        for (JsonNode site : admin.sites()) {
            base = Math.max(base, site.path("id").asInt());
        }
        base = Math.max(base, 100) + 1;

        supplierNameId = prefix + "N_SUPPLIER";
        customerNameId = prefix + "N_CUSTOMER";
        insuranceProviderId = prefix + "INSURER";
        List<ObjectNode> central = new ArrayList<>();
        central.add(edit("insuranceProvider", insuranceProviderId,
                CentralRecords.insuranceProvider(insuranceProviderId, "Health insurer")));
        central.add(edit("name", supplierNameId, facility(supplierNameId, "Main supplier", false, true)));
        central.add(edit("name", customerNameId, facility(customerNameId, "Clinic customer", true, false)));
        for (int i = 0; i < 3; i++) {
            central.add(edit("unit", prefix + "U" + (++units), unit(prefix + "U" + units)));
        }
        for (int i = 0; i < 8; i++) {
            String id = prefix + "ITEM" + (items.size() + 1);
            central.add(edit("item", id, item(id, 0)));
            items.add(id);
        }
        centralEdits(central);

        for (int i = 1; i <= siteCount; i++) {
            int id = base + i;
            String name = prefix.toLowerCase(Locale.ROOT) + "site" + i;
            admin.createSite(id, name, "pw-" + name);
            synchronized (lock) {
                log.siteAdded(id);
            }
            siteNames.put(id, name);
            RemoteSite site = RemoteSite.open(dir.resolve(name + ".db")).configure(server, name, "pw-" + name);
            workloads.add(new SiteWorkload(id, site, log, lock, prefix, seed * 1000 + i, () -> items,
                    supplierNameId, customerNameId, insuranceProviderId));
            syncs.put(id, new AtomicInteger());
            pushedCount.put(id, new AtomicInteger());
            pulledCount.put(id, new AtomicInteger());
        }

        // Every site gets at least one store, a dispensary (its patients' home); the rest land at random, some of
        // them dispensaries too.
        List<StoreDef> stores = new ArrayList<>();
        for (int i = 1; i <= storeCount; i++) {
            int site = i <= siteCount ? workloads.get(i - 1).siteId() : workloads.get(random.nextInt(siteCount)).siteId();
            String id = prefix + "STORE" + i;
            boolean dispensary = i <= siteCount || random.nextInt(100) < 30;
            StoreDef store = new StoreDef(id, "S" + i, "Store " + i, prefix + "N_STORE" + i, site, dispensary);
            admin.createStore(store.id(), store.code(), store.name(), store.nameId(), site, dispensary, true);
            ObjectNode storeRow = (ObjectNode) admin.record("store", id).orElseThrow().get("recordData");
            ObjectNode nameRow = (ObjectNode) admin.record("name", store.nameId()).orElseThrow().get("recordData");
            synchronized (lock) {
                log.storeCreated(store, storeRow, nameRow);
            }
            stores.add(store);
        }

        // The central's own copy: mostly a collector (the default), some transfer copies (store F), some none.
        for (StoreDef store : stores) {
            int roll = random.nextInt(100);
            if (roll < 15) {
                syncWith(store, WorkloadLog.CENTRAL, Copy.TRANSFER);
            } else if (roll < 25) {
                syncWith(store, WorkloadLog.CENTRAL, Copy.NONE);
            }
        }

        // Visibility: every store sees the supplier and the customer; about a fifth of the stores stay local to
        // their site (store D/F); the others see each other in pairs, both ways, so they can transfer.
        List<ObjectNode> visibility = new ArrayList<>();
        List<StoreDef> connected = new ArrayList<>();
        for (StoreDef store : stores) {
            visibility.add(join(supplierNameId, store.id()));
            visibility.add(join(customerNameId, store.id()));
            if (random.nextInt(100) >= 20) {
                connected.add(store);
            }
        }
        for (StoreDef store : connected) {
            int partners = 1 + random.nextInt(2);
            for (int i = 0; i < partners && connected.size() > 1; i++) {
                StoreDef other = connected.get(random.nextInt(connected.size()));
                if (!other.id().equals(store.id())) {
                    visibility.add(join(store.nameId(), other.id()));
                    visibility.add(join(other.nameId(), store.id()));
                }
            }
        }
        centralEdits(visibility);

        // Some transfer copies (made by the server as visibility asks) become collector copies (store A on remote site 1).
        Map<String, Map<Integer, Copy>> copies = readCopies();
        for (StoreDef store : stores) {
            for (SiteWorkload workload : workloads) {
                Copy copy = copies.get(store.id()).getOrDefault(workload.siteId(), Copy.NONE);
                if (copy == Copy.TRANSFER && random.nextInt(100) < 35) {
                    syncWith(store, workload.siteId(), Copy.ACTIVE_COLLECTOR);
                }
            }
        }
        observeSetUp();

        // Every site's first sync (initialisation), in parallel.
        inParallel(workloads, workload -> sync(workload, "first sync"));
    }

    // --- a day ---------------------------------------------------------------------------------------------

    /** The central's part of a day: catalogue changes and visibility changes. */
    private void centralDay(int day) {
        List<ObjectNode> edits = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            String id = prefix + "ITEM" + (items.size() + 1);
            edits.add(edit("item", id, item(id, day)));
            items.add(id);
        }
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            String id = items.get(random.nextInt(items.size()));
            edits.add(edit("item", id, item(id, day).put("item_name", "Item " + id + " renamed day " + day)));
        }
        if (random.nextInt(3) == 0) {
            edits.add(edit("unit", prefix + "U" + (++units), unit(prefix + "U" + units)));
        }
        if (items.size() > 10 && random.nextInt(2) == 0) {
            // A deleted item stays out of new work: it is removed from the catalogue first.
            String gone = items.remove(random.nextInt(items.size()));
            edits.add(delete("item", gone));
        }
        List<StoreDef> stores;
        synchronized (lock) {
            stores = List.copyOf(log.stores());
        }
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            StoreDef a = stores.get(random.nextInt(stores.size()));
            StoreDef b = stores.get(random.nextInt(stores.size()));
            if (!a.id().equals(b.id())) {
                edits.add(join(a.nameId(), b.id()));
                edits.add(join(b.nameId(), a.id()));
            }
        }
        if (!joins.isEmpty() && random.nextInt(3) == 0) {
            // A store stops seeing another one: Open mSupply's soft delete of the join.
            String[] join = joins.remove(random.nextInt(joins.size()));
            ObjectNode inactive = AdminApi.JSON.createObjectNode().put("ID", join[0]).put("name_ID", join[1])
                    .put("store_ID", join[2]).put("inactive", true);
            edits.add(edit("name_store_join", join[0], inactive));
        }
        centralEdits(edits);
        if (random.nextInt(2) == 0) {
            StoreDef store = stores.get(random.nextInt(stores.size()));
            SiteWorkload site = workloads.get(random.nextInt(workloads.size()));
            if (readCopies(store).getOrDefault(site.siteId(), Copy.NONE) == Copy.TRANSFER) {
                syncWith(store, site.siteId(), Copy.ACTIVE_COLLECTOR);
            }
        }
        observeSetUp();
        centralPatientEdits();
    }

    /**
     * The central's part of a day for patients (sync-rules.md "Patient visibility": another site's patient becomes
     * visible in a store only through the central): patients of one site become visible in a dispensary of another,
     * some of those visibilities are removed again, and prescribers are placed in another site's dispensary. Done
     * after the day's set-up is observed, so the copies through which a site sees a patient are the epoch's; a few
     * edits a request, as each may send the patient's history to a site.
     */
    private void centralPatientEdits() {
        List<ObjectNode> edits = new ArrayList<>();
        synchronized (lock) {
            List<StoreDef> dispensaries = log.stores().stream().filter(StoreDef::dispensary).toList();
            List<SiteRecord> patients = onCentral("name");
            for (int i = 0, n = 1 + random.nextInt(3); i < n && !patients.isEmpty(); i++) {
                SiteRecord patient = patients.get(random.nextInt(patients.size()));
                placeElsewhere(patient, dispensaries).ifPresent(store -> {
                    String id = prefix + "PNSJ" + (++patientJoinSerial);
                    edits.add(edit("name_store_join", id, SiteRecords.visibility(id, patient.key.id(), store.id(), true)));
                    patientJoins.add(new String[]{id, patient.key.id(), store.id()});
                });
            }
            if (!patientJoins.isEmpty() && random.nextInt(2) == 0) {
                String[] join = patientJoins.remove(random.nextInt(patientJoins.size()));
                edits.add(edit("name_store_join", join[0], SiteRecords.visibility(join[0], join[1], join[2], false)));
            }
            List<SiteRecord> prescribers = onCentral("clinician");
            if (!prescribers.isEmpty() && random.nextInt(2) == 0) {
                SiteRecord prescriber = prescribers.get(random.nextInt(prescribers.size()));
                placeElsewhere(prescriber, dispensaries).ifPresent(store -> {
                    String id = prefix + "PCSJ" + (++patientJoinSerial);
                    edits.add(edit("clinician_store_join", id, SiteRecords.placement(id, prescriber.key.id(), store.id())));
                });
            }
        }
        for (int from = 0; from < edits.size(); from += 3) {
            centralEdits(edits.subList(from, Math.min(edits.size(), from + 3)));
        }
    }

    /** The site records of the table the central holds live, in id order (the sites' pushes race; the choice must not). */
    private List<SiteRecord> onCentral(String table) {
        return log.siteRecords().stream().filter(r -> r.key.table().equals(table) && r.site != WorkloadLog.CENTRAL
                && r.isLive()).sorted(Comparator.comparing(r -> r.key)).toList();
    }

    /** A dispensary of another site in which the patient (or prescriber) is not visible yet. */
    private Optional<StoreDef> placeElsewhere(SiteRecord patient, List<StoreDef> dispensaries) {
        Set<String> seeing = log.storesSeeing(patient.key.id(), log.now());
        List<StoreDef> elsewhere = dispensaries.stream().filter(d -> d.site() != patient.site)
                .filter(d -> !seeing.contains(d.id())).toList();
        return elsewhere.isEmpty() ? Optional.empty() : Optional.of(elsewhere.get(random.nextInt(elsewhere.size())));
    }

    /** The copies of every store as the server has them now, logged as the set-up of the next epoch. */
    private void observeSetUp() {
        Map<String, Map<Integer, Copy>> copies = readCopies();
        synchronized (lock) {
            log.setUpObserved(copies);
        }
    }

    private Map<String, Map<Integer, Copy>> readCopies() {
        List<StoreDef> stores;
        synchronized (lock) {
            stores = List.copyOf(log.stores());
        }
        Map<String, Map<Integer, Copy>> copies = new HashMap<>();
        for (StoreDef store : stores) {
            copies.put(store.id(), readCopies(store));
        }
        return copies;
    }

    private Map<Integer, Copy> readCopies(StoreDef store) {
        Map<Integer, Copy> copies = new HashMap<>();
        admin.store(store.id()).path("syncWith").fields().forEachRemaining(entry ->
                copies.put(Integer.parseInt(entry.getKey()), Copy.valueOf(entry.getValue().asText())));
        return copies;
    }

    /**
     * A few sites, one after the other while no site syncs, push records they do not own, each batch as one push
     * session of its own; the answers' refusals are kept for the final check.
     */
    private void trespassDay(int day) {
        List<SiteWorkload> shuffled = new ArrayList<>(workloads);
        Collections.shuffle(shuffled, random);
        for (SiteWorkload workload : shuffled.subList(0, Math.min(trespassers, shuffled.size()))) {
            int site = workload.siteId();
            List<SiteWorkload> others = workloads.stream().filter(w -> w.siteId() != site).toList();
            if (others.isEmpty()) {
                return;
            }
            int victim = others.get(random.nextInt(others.size())).siteId();
            List<Trespass> plan;
            synchronized (lock) {
                plan = trespasses.plan(site, victim, items);
                plan.forEach(log::trespassed);
            }
            try {
                JsonNode answer = workload.site().api().push(Trespasses.body(plan));
                refusalsAnswered.computeIfAbsent(site, s -> new CopyOnWriteArrayList<>()).addAll(Trespasses.refusalsIn(answer));
            } catch (RuntimeException e) {
                syncFailures.add("site " + site + " trespass push on day " + day + " failed: " + e.getMessage());
            }
            awaitIdle(site);
        }
    }

    /** Every site works and syncs one to three times, at random moments, all sites at once. */
    private void siteDay(int day) throws Exception {
        inParallel(workloads, workload -> {
            int rounds = 1 + workload.random().nextInt(3);
            for (int round = 0; round < rounds; round++) {
                workload.work(day, 3 + workload.random().nextInt(6));
                sleep(workload.random().nextInt(1500));
                sync(workload, "day " + day);
            }
        });
    }

    /** Everyone syncs until nothing is left on the server for anyone (two rounds at least). */
    private void settle() throws Exception {
        for (int round = 1; round <= 6; round++) {
            inParallel(workloads, workload -> sync(workload, "final sync"));
            if (round < 2) {
                continue;
            }
            boolean quiet = true;
            for (SiteWorkload workload : workloads) {
                JsonNode site = admin.site(workload.siteId());
                if (site.path("queueLength").asLong() != 0 || site.path("centralCursorLag").asLong() != 0) {
                    quiet = false;
                }
            }
            if (quiet) {
                drained = true;
                return;
            }
        }
    }

    private void sync(SiteWorkload workload, String when) {
        int site = workload.siteId();
        try {
            SyncReport report = workload.site().sync(SyncListener.SILENT);
            synchronized (lock) {
                log.pushed(site);
            }
            syncs.get(site).incrementAndGet();
            pushedCount.get(site).addAndGet(report.pushed());
            pulledCount.get(site).addAndGet(report.pulledCentral() + report.pulledQueue());
            report.refused().forEach(r -> honestRefusals.add("site " + site + " push refused: " + r));
        } catch (SyncFailure e) {
            syncFailures.add("site " + site + " " + when + " failed at " + e.step() + ": " + e.getMessage());
            if (!List.of("site info", "initialise", "push").contains(e.step())) {
                // The push went through: the server integrates it (late, if it timed out); wait for that.
                awaitIdle(site);
                synchronized (lock) {
                    log.pushed(site);
                }
            }
        }
    }

    private void awaitIdle(int site) {
        Instant until = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(until)) {
            if ("idle".equals(admin.site(site).path("status").asText())) {
                return;
            }
            sleep(1000);
        }
        problems.add("site " + site + " is still not idle on the server 3 minutes after its sync failed");
    }

    // --- a lost database ----------------------------------------------------------------------------------

    /**
     * A site chosen at random (its own seeded choice, so the rest of the run is the same with or without it) syncs,
     * works a little more, and loses its database before it syncs again; the administrator unbinds its device, and a
     * new installation on a new database file syncs as a new site does: it asks to be initialised. Nothing else syncs
     * meanwhile, so its queue on the server is empty when it asks.
     */
    private void reinitialiseASite(int day) throws Exception {
        SiteWorkload workload = workloads.get(new Random(seed * 31 + 17).nextInt(workloads.size()));
        int siteId = workload.siteId();
        String name = siteNames.get(siteId);
        sync(workload, "day " + day + " before its disk dies");
        workload.work(day, 3);
        synchronized (lock) {
            log.reinitialised(siteId);
        }
        Path lost = workload.site().db().file();
        workload.site().close();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(lost + suffix));
        }
        admin.unbindHardwareId(siteId);
        RemoteSite fresh = RemoteSite.open(dir.resolve(name + "-reinstalled-day" + day + ".db"))
                .configure(server, name, "pw-" + name);
        workload.reinstalled(fresh);
        int before = pulledCount.get(siteId).get();
        sync(workload, "day " + day + " re-initialisation");
        workload.carryOnWithWhatIsHeld();
        out.printf("day %d: site %d lost its database and initialised again as a new installation (%d records pulled, "
                + "%d held)%n", day, siteId, pulledCount.get(siteId).get() - before, fresh.db().liveRecordCount());
    }

    // --- the check -----------------------------------------------------------------------------------------

    /** Every invariant over the end state; returns the tables printed (invariants, then sites). */
    private String check(Invariants invariants) throws Exception {
        StringBuilder sites = new StringBuilder(String.format("%n%-8s %6s %6s %6s %6s %7s %10s %7s%n", "site", "stores",
                "syncs", "held", "pushed", "pulled", "trespasses", "refused"));
        Map<Integer, List<JsonNode>> listed = new HashMap<>();
        Map<Integer, Map<Key, ObjectNode>> made = new HashMap<>();
        Map<Integer, Integer> trespassCounts = new HashMap<>();
        synchronized (lock) {
            log.trespasses().forEach(t -> trespassCounts.merge(t.site(), 1, Integer::sum));
        }
        for (SiteWorkload workload : workloads) {
            int site = workload.siteId();
            Map<Key, ObjectNode> held = new HashMap<>();
            Map<Key, ObjectNode> madeCentrally = new HashMap<>();
            for (LocalRecord record : workload.site().db().liveRecords()) {
                Key key = new Key(record.tableName(), record.recordId());
                if (record.recordId().startsWith(prefix)) {
                    held.put(key, record.data());
                } else if (TRANSFER_TABLES.contains(record.tableName())) {
                    madeCentrally.put(key, record.data());
                }
            }
            made.put(site, madeCentrally);
            List<JsonNode> refusals = new ArrayList<>();
            admin.refusals(site, 1000).forEach(refusals::add);
            listed.put(site, refusals);
            int stores;
            synchronized (lock) {
                invariants.checkSite(site, held);
                stores = log.storesOn(site).size();
            }
            sites.append(String.format("%-8d %6d %6d %6d %6d %7d %10d %7d%n", site, stores, syncs.get(site).get(),
                    held.size(), pushedCount.get(site).get(), pulledCount.get(site).get(),
                    trespassCounts.getOrDefault(site, 0), refusals.size()));
        }
        synchronized (lock) {
            invariants.checkSetUp();
            invariants.checkRefusals(listed, refusalsAnswered, honestRefusals);
            invariants.checkCentral(key -> admin.record(key.table(), key.id()));
            invariants.checkResponses(key -> admin.transfer(key.table(), key.id()), made);
        }
        if (drained) {
            invariants.drained.ok();
        } else {
            invariants.drained.extra("the server still has records queued (or central changes unread) for some sites"
                    + " after 6 final rounds");
        }
        int trespassed = trespassCounts.values().stream().mapToInt(Integer::intValue).sum();
        sites.append(String.format("trespasses: %d pushed by %d site(s), %d refused%n", trespassed,
                trespassCounts.size(), invariants.refused.checked - invariants.refused.missing));
        sites.append(String.format("patient data: %d versions written after a site had seen the patient and no longer"
                + " did, which it must not receive%n", invariants.versionsWithheld));
        return invariants.table() + sites;
    }

    // --- central edits and rows ----------------------------------------------------------------------------

    private void centralEdits(List<ObjectNode> edits) {
        for (int from = 0; from < edits.size(); from += 500) {
            List<ObjectNode> chunk = edits.subList(from, Math.min(edits.size(), from + 500));
            JsonNode answer = admin.records(chunk);
            answer.path("refused").forEach(r -> problems.add("central edit refused: " + r));
            synchronized (lock) {
                for (ObjectNode edit : chunk) {
                    boolean delete = "delete".equalsIgnoreCase(edit.path("action").asText());
                    log.centralEdit(edit.path("tableName").asText(), edit.path("recordId").asText(),
                            delete ? null : (ObjectNode) edit.get("recordData"));
                }
            }
        }
    }

    /** Only ever asked where the rules allow it: the central's own copy, or a transfer copy becoming a collector. */
    private void syncWith(StoreDef store, int site, Copy type) {
        try {
            admin.syncWith(store.id(), site, type.name());
        } catch (AdminApi.AdminApiException e) {
            problems.add("sync-with " + store.id() + " on site " + site + " = " + type + " refused: " + e.getMessage());
        }
    }

    private ObjectNode join(String nameId, String storeId) {
        String id = prefix + "NSJ" + (joins.size() + 1) + "_" + Integer.toHexString(random.nextInt());
        ObjectNode data = AdminApi.JSON.createObjectNode().put("ID", id).put("name_ID", nameId).put("store_ID", storeId)
                .put("inactive", false);
        if (!nameId.equals(supplierNameId) && !nameId.equals(customerNameId)) {
            joins.add(new String[]{id, nameId, storeId});
        }
        return edit("name_store_join", id, data);
    }

    private static ObjectNode edit(String table, String id, ObjectNode data) {
        return AdminApi.update(table, id, data);
    }

    private static ObjectNode delete(String table, String id) {
        ObjectNode edit = AdminApi.JSON.createObjectNode().put("tableName", table).put("recordId", id).put("action", "delete");
        edit.set("recordData", AdminApi.JSON.createObjectNode());
        return edit;
    }

    private ObjectNode item(String id, int day) {
        return CentralRecords.item(id, "Item " + id, prefix + "U1", 1 + day % 5);
    }

    private static ObjectNode unit(String id) {
        return CentralRecords.unit(id);
    }

    private static ObjectNode facility(String id, String name, boolean customer, boolean supplier) {
        return CentralRecords.facility(id, name, customer, supplier);
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface SiteWork {
        void run(SiteWorkload workload) throws Exception;
    }

    private void inParallel(List<SiteWorkload> sites, SiteWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sites.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            List<SiteWorkload> shuffled = new ArrayList<>(sites);
            Collections.shuffle(shuffled, random);
            for (SiteWorkload workload : shuffled) {
                running.add(pool.submit(() -> {
                    work.run(workload);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
