package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.local.LocalRecord;
import org.supplysync.client.simulate.ExpectedHoldings.CentralCopy;
import org.supplysync.client.simulate.ExpectedHoldings.Copy;
import org.supplysync.client.simulate.ExpectedHoldings.Key;
import org.supplysync.client.simulate.ExpectedHoldings.StoreDef;
import org.supplysync.client.sync.RemoteSite;
import org.supplysync.client.sync.SyncFailure;
import org.supplysync.client.sync.SyncListener;
import org.supplysync.client.sync.SyncReport;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * copies or none), runs days of work on every site with syncs in parallel at random moments while the central edits
 * items, units and visibility, then syncs everyone until quiet and checks that every site and the central hold
 * exactly what {@link ExpectedHoldings} says they should: nothing missing, nothing extra, nothing stale.
 */
public final class Simulation {

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
        @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--work-dir", paramLabel = "DIR", description = "where the sites' databases go (default: a new temporary directory)")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("supplysync-sim");
            Result result = new Simulation(server, adminPassword, sites, stores, days, seed, dir, System.out).run();
            return result.converged() ? 0 : 1;
        }
    }

    /** What a run found: the table printed, and whether everything matched. */
    public record Result(boolean converged, List<String> problems, List<String> syncFailures, String summary) {
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
    private final ExpectedHoldings expected = new ExpectedHoldings();
    private final Object lock = new Object();
    private final List<SiteWorkload> workloads = new ArrayList<>();
    private final List<String> items = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> syncFailures = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicInteger> syncs = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> pushedCount = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> pulledCount = new ConcurrentHashMap<>();
    private final List<String[]> joins = new ArrayList<>();
    private String supplierNameId;
    private String customerNameId;
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
    }

    public Result run() throws Exception {
        Instant start = Instant.now();
        out.printf("simulation %s: %d sites, %d stores, %d days, seed %d, databases in %s%n", prefix, siteCount,
                storeCount, days, seed, dir);
        setUp();
        out.printf("set up in %d s; first sync of every site done%n", Duration.between(start, Instant.now()).toSeconds());
        for (int day = 1; day <= days; day++) {
            centralDay(day);
            siteDay(day);
            out.printf("day %d done (%d s)%n", day, Duration.between(start, Instant.now()).toSeconds());
        }
        settle();
        String summary = check();
        out.print(summary);
        out.printf("simulation took %d s%n", Duration.between(start, Instant.now()).toSeconds());
        for (SiteWorkload workload : workloads) {
            workload.site().close();
        }
        if (!syncFailures.isEmpty()) {
            out.println(syncFailures.size() + " sync(s) failed along the way (the next syncs carried on):");
            syncFailures.forEach(f -> out.println("  " + f));
        }
        if (problems.isEmpty()) {
            out.println("CONVERGED: every site and the central hold what the sync rules say");
        } else {
            out.println("NOT CONVERGED: " + problems.size() + " difference(s); first ones:");
            problems.stream().limit(40).forEach(p -> out.println("  " + p));
        }
        return new Result(problems.isEmpty(), List.copyOf(problems), List.copyOf(syncFailures), summary);
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
        List<ObjectNode> central = new ArrayList<>();
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
                expected.siteAdded(id);
            }
            RemoteSite site = RemoteSite.open(dir.resolve(name + ".db")).configure(server, name, "pw-" + name);
            workloads.add(new SiteWorkload(id, site, expected, lock, prefix, seed * 1000 + i, () -> items,
                    supplierNameId, customerNameId));
            syncs.put(id, new AtomicInteger());
            pushedCount.put(id, new AtomicInteger());
            pulledCount.put(id, new AtomicInteger());
        }

        // Every site gets at least one store; the rest land at random.
        List<StoreDef> stores = new ArrayList<>();
        for (int i = 1; i <= storeCount; i++) {
            int site = i <= siteCount ? workloads.get(i - 1).siteId() : workloads.get(random.nextInt(siteCount)).siteId();
            String id = prefix + "STORE" + i;
            StoreDef store = new StoreDef(id, "S" + i, "Store " + i, prefix + "N_STORE" + i, site);
            admin.createStore(store.id(), store.code(), store.name(), store.nameId(), site);
            ObjectNode storeRow = (ObjectNode) admin.record("store", id).orElseThrow().get("recordData");
            ObjectNode nameRow = (ObjectNode) admin.record("name", store.nameId()).orElseThrow().get("recordData");
            synchronized (lock) {
                expected.storeCreated(store, storeRow, nameRow);
            }
            stores.add(store);
        }

        // The central's own copy: mostly a collector (the default), some transfer copies (store F), some none.
        for (StoreDef store : stores) {
            int roll = random.nextInt(100);
            if (roll < 15) {
                syncWith(store, ExpectedHoldings.CENTRAL, Copy.TRANSFER);
            } else if (roll < 25) {
                syncWith(store, ExpectedHoldings.CENTRAL, Copy.NONE);
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

        // Some transfer copies become collector copies (store A on remote site 1).
        for (StoreDef store : stores) {
            for (SiteWorkload workload : workloads) {
                Copy copy;
                synchronized (lock) {
                    copy = expected.copy(store.id(), workload.siteId());
                }
                if (copy == Copy.TRANSFER && random.nextInt(100) < 35) {
                    syncWith(store, workload.siteId(), Copy.ACTIVE_COLLECTOR);
                }
            }
        }

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
            stores = List.copyOf(expected.stores());
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
            Copy copy;
            synchronized (lock) {
                copy = expected.copy(store.id(), site.siteId());
            }
            if (copy == Copy.TRANSFER) {
                syncWith(store, site.siteId(), Copy.ACTIVE_COLLECTOR);
            }
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
                return;
            }
        }
        problems.add("the server still has records queued for some sites after 6 final rounds");
    }

    private void sync(SiteWorkload workload, String when) {
        int site = workload.siteId();
        try {
            SyncReport report = workload.site().sync(SyncListener.SILENT);
            synchronized (lock) {
                expected.pushed(site);
            }
            syncs.get(site).incrementAndGet();
            pushedCount.get(site).addAndGet(report.pushed());
            pulledCount.get(site).addAndGet(report.pulledCentral() + report.pulledQueue());
            report.refused().forEach(r -> problems.add("site " + site + " push refused: " + r));
        } catch (SyncFailure e) {
            syncFailures.add("site " + site + " " + when + " failed at " + e.step() + ": " + e.getMessage());
            if (!List.of("site info", "initialise", "push").contains(e.step())) {
                // The push went through: the server integrates it (late, if it timed out); wait for that.
                awaitIdle(site);
                synchronized (lock) {
                    expected.pushed(site);
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

    // --- the check -----------------------------------------------------------------------------------------

    private String check() throws Exception {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%n%-8s %6s %6s %9s %6s %8s %6s %6s %6s %7s %7s %8s%n", "site", "stores", "syncs",
                "expected", "held", "missing", "extra", "stale", "pushed", "pulled", "refused", "result"));
        Map<Integer, Map<Key, ObjectNode>> expectations = new LinkedHashMap<>();
        synchronized (lock) {
            for (SiteWorkload workload : workloads) {
                expectations.put(workload.siteId(), expected.expectedOn(workload.siteId()));
            }
        }
        int[] totals = new int[4];
        for (SiteWorkload workload : workloads) {
            int site = workload.siteId();
            Map<Key, ObjectNode> want = expectations.get(site);
            Map<Key, ObjectNode> have = new HashMap<>();
            for (LocalRecord record : workload.site().db().liveRecords()) {
                if (record.recordId().startsWith(prefix)) {
                    have.put(new Key(record.tableName(), record.recordId()), record.data());
                }
            }
            int missing = 0;
            int extra = 0;
            int stale = 0;
            for (Map.Entry<Key, ObjectNode> entry : want.entrySet()) {
                ObjectNode actual = have.get(entry.getKey());
                if (actual == null) {
                    missing++;
                    problems.add("site " + site + " is missing " + entry.getKey());
                } else if (!sameJson(entry.getValue(), actual)) {
                    stale++;
                    problems.add("site " + site + " holds a stale " + entry.getKey() + ": " + actual
                            + " instead of " + entry.getValue());
                }
            }
            for (Key key : have.keySet()) {
                if (!want.containsKey(key)) {
                    extra++;
                    problems.add("site " + site + " holds " + key + ", which it should not");
                }
            }
            int refused = admin.refusals(site).size();
            if (refused > 0) {
                problems.add("site " + site + " has " + refused + " refused record(s) on the server");
            }
            totals[0] += want.size();
            totals[1] += missing;
            totals[2] += extra;
            totals[3] += stale;
            int stores;
            synchronized (lock) {
                stores = expected.storesOn(site).size();
            }
            table.append(String.format("%-8d %6d %6d %9d %6d %8d %6d %6d %6d %7d %7d %8s%n", site, stores,
                    syncs.get(site).get(), want.size(), have.size(), missing, extra, stale, pushedCount.get(site).get(),
                    pulledCount.get(site).get(), refused, missing + extra + stale + refused == 0 ? "ok" : "DIFF"));
        }

        Map<Key, Optional<CentralCopy>> centralWant;
        synchronized (lock) {
            centralWant = expected.expectedOnCentral();
        }
        int[] central = checkCentral(centralWant);
        table.append(String.format("%-8s %6s %6s %9d %6d %8d %6d %6d %6s %7s %7s %8s%n", "central", "", "",
                central[0], central[1], central[2], central[3], central[4], "", "", "",
                central[2] + central[3] + central[4] == 0 ? "ok" : "DIFF"));
        table.append(String.format("(central: %d records of this run checked, %d should be held)%n", centralWant.size(),
                central[0]));
        return table.toString();
    }

    /** [expected held, held, missing, extra (held but should not be), stale]. */
    private int[] checkCentral(Map<Key, Optional<CentralCopy>> want) throws Exception {
        int[] counts = new int[5];
        List<Map.Entry<Key, Optional<CentralCopy>>> entries = new ArrayList<>(want.entrySet());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Map.Entry<Key, Optional<CentralCopy>> entry : entries) {
                results.add(pool.submit(() -> {
                    Key key = entry.getKey();
                    Optional<JsonNode> actual = admin.record(key.table(), key.id());
                    Optional<CentralCopy> copy = entry.getValue();
                    if (copy.isEmpty()) {
                        if (actual.isPresent()) {
                            problems.add("central holds " + key + ", which it should not: " + actual.get());
                            return 3;
                        }
                        return -1;
                    }
                    if (actual.isEmpty()) {
                        problems.add("central is missing " + key);
                        return 2;
                    }
                    boolean deleted = actual.get().path("deleted").asBoolean();
                    if (deleted != copy.get().deleted()
                            || (!deleted && !sameJson(copy.get().data(), actual.get().get("recordData")))) {
                        problems.add("central holds a stale " + key + " (deleted " + deleted + "): "
                                + actual.get().get("recordData") + " instead of " + copy.get().data()
                                + " (deleted " + copy.get().deleted() + ")");
                        return 4;
                    }
                    return 1;
                }));
            }
            for (int i = 0; i < entries.size(); i++) {
                int outcome = results.get(i).get();
                if (entries.get(i).getValue().isPresent()) {
                    counts[0]++;
                }
                if (outcome == 1 || outcome == 3 || outcome == 4) {
                    counts[1]++;
                }
                if (outcome >= 2) {
                    counts[outcome]++;
                }
            }
        } finally {
            pool.shutdown();
        }
        return counts;
    }

    /** JSON equality that reads 2.5 and 2.50 (and 1 and 1.0) as the same number. */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals((x, y) -> {
            if (x.isNumber() && y.isNumber()) {
                return new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText())) == 0 ? 0 : 1;
            }
            return x.equals(y) ? 0 : 1;
        }, b);
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
                    expected.centralEdit(edit.path("tableName").asText(), edit.path("recordId").asText(),
                            delete ? null : (ObjectNode) edit.get("recordData"));
                }
            }
        }
    }

    private void syncWith(StoreDef store, int site, Copy type) {
        boolean allowed;
        synchronized (lock) {
            allowed = expected.syncWithChanged(store.id(), site, type);
        }
        try {
            admin.syncWith(store.id(), site, type.name());
            if (!allowed) {
                problems.add("the server let store " + store.id() + " have a " + type + " copy on site " + site
                        + " although it is visible to no store there");
            }
        } catch (AdminApi.AdminApiException e) {
            if (allowed) {
                problems.add("sync-with " + store.id() + " on site " + site + " = " + type + " refused: " + e.getMessage());
            }
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
        ObjectNode edit = AdminApi.JSON.createObjectNode().put("tableName", table).put("recordId", id).put("action", "update");
        edit.set("recordData", data);
        return edit;
    }

    private static ObjectNode delete(String table, String id) {
        ObjectNode edit = AdminApi.JSON.createObjectNode().put("tableName", table).put("recordId", id).put("action", "delete");
        edit.set("recordData", AdminApi.JSON.createObjectNode());
        return edit;
    }

    private ObjectNode item(String id, int day) {
        return AdminApi.JSON.createObjectNode().put("ID", id).put("item_name", "Item " + id).put("code", id)
                .put("unit_ID", prefix + "U1").put("type_of", "general").put("default_pack_size", 1 + day % 5)
                .put("is_vaccine", false).put("VEN_category", "").put("strength", "").put("doses", 0)
                .put("category_ID", "").put("restricted_location_type_ID", "").put("volume_per_pack", 0)
                .put("universalcodes_code", "");
    }

    private static ObjectNode unit(String id) {
        return AdminApi.JSON.createObjectNode().put("ID", id).put("units", "Unit " + id).put("comment", "")
                .put("order_number", 0);
    }

    private static ObjectNode facility(String id, String name, boolean customer, boolean supplier) {
        return AdminApi.JSON.createObjectNode().put("ID", id).put("name", name).put("code", id).put("type", "facility")
                .put("customer", customer).put("supplier", supplier).put("supplying_store_id", "").put("first", "")
                .put("last", "").put("female", false).put("date_of_birth", "0000-00-00").put("phone", "")
                .put("charge code", "").put("comment", "").put("country", "").put("bill_address1", "")
                .put("bill_address2", "").put("email", "").put("url", "").put("manufacturer", false)
                .put("donor", false).put("hold", false).put("NEXT_OF_KIN_ID", "").put("next_of_kin_relative", "")
                .put("created_date", "2026-01-01").put("national_health_number", "").put("isDeceased", false)
                .put("om_created_datetime", "").put("om_gender", "");
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
