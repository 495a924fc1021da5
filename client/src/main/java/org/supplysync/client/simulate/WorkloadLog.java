package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the simulation did, and nothing it concludes: the sites and stores it made, the visibility it set, the central
 * records it edited, every record each site made and which of its versions reached the central (and when), the
 * records pushed by a site that does not own them, and the set-up of store copies as the server reported it after
 * each change. Where a record should be is not worked out here: {@link Invariants} states that from sync-rules.md.
 * Not thread-safe: the simulation calls it under one lock.
 *
 * <p>Time is counted in set-up epochs: epoch 0 is the set-up, epoch d the set-up during day d. The set-up only
 * changes while no site syncs, so every push is integrated under the epoch it was made in. A finer clock ticks at every
 * push, every central edit of patient data, every set-up observed and every re-initialisation: the order in which the
 * server integrated them, which is what a patient's visibility on a site at a given moment is read against.
 */
final class WorkloadLog {

    static final int CENTRAL = 1;

    enum Copy { NONE, ACTIVE_COLLECTOR, TRANSFER }

    record Key(String table, String id) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int t = table.compareTo(other.table);
            return t != 0 ? t : id.compareTo(other.id);
        }

        @Override
        public String toString() {
            return table + "/" + id;
        }
    }

    record StoreDef(String id, String code, String name, String nameId, int site, boolean dispensary) {
        StoreDef(String id, String code, String name, String nameId, int site) {
            this(id, code, name, nameId, site, false);
        }
    }

    /** A visibility record as the central was told: store {@code storeId} sees the name {@code nameId}. */
    record Join(String id, String nameId, String storeId, boolean active, ObjectNode data) {
    }

    /**
     * A record a site made (or, for a patient's visibility made by the central, site 1): its store (for lines, the
     * parent's; for patient data, the patient's home store), the other store of a transfer, its versions.
     */
    static final class SiteRecord {
        final Key key;
        final int site;
        final String storeId;
        /** The other store taking part, when the record (or its parent) is a transfer to another store; else null. */
        final String otherStoreId;
        final boolean patient;
        /** For patient data: the patient (or prescriber) it belongs to; else null. */
        final String patientId;
        /** For patient data: every version the central integrated (null = deleted), in order, with when. */
        final List<Version> versions = new ArrayList<>();
        /** For a line, its parent record; else null. */
        final Key parent;
        /**
         * For a record that may start a transfer: the epoch its finalised version was pushed in (-1 before), and
         * whether the central could complete it then (the other store visible in its store, or on the same site).
         */
        int triggeredEpoch = -1;
        boolean completable;
        /** The state the central last received (null = deleted), and the epoch it was pushed in. */
        ObjectNode pushed;
        boolean everPushed;
        int pushedEpoch = -1;
        /** Every epoch in which a version of it (or its delete) was pushed. */
        final Set<Integer> epochs = new TreeSet<>();
        /** When its latest version was pushed, on the clock of pushes and re-initialisations. */
        int pushedAt;
        /** The local state not pushed yet (null = deleted), when {@code dirty}. */
        ObjectNode local;
        boolean dirty;

        SiteRecord(Key key, int site, String storeId, String otherStoreId, String patientId, Key parent) {
            this.key = key;
            this.site = site;
            this.storeId = storeId;
            this.otherStoreId = otherStoreId;
            this.patient = patientId != null;
            this.patientId = patientId;
            this.parent = parent;
        }

        /** Whether the record (or its parent) names another store as the other party: it may be, or become, a transfer. */
        boolean namesOtherStore() {
            return otherStoreId != null;
        }

        boolean isLive() {
            return everPushed && pushed != null;
        }
    }

    /** A version of a patient record as the central integrated it (null = deleted), at that moment on the clock. */
    record Version(ObjectNode data, int at) {
    }

    /** A patient (or prescriber) made visible in a store, or no longer, at that moment on the clock. */
    record VisibilityChange(int at, Key join, String storeId, boolean visible) {
    }

    /**
     * The patient-data tables the workload makes (sync-rules.md "Data types", Patient row, and its notes on
     * prescribers and {@code om_document}), and the field naming the patient or prescriber a record belongs to.
     */
    static final Map<String, String> PATIENT_TABLES = Map.of("name", "ID", "clinician", "ID",
            "name_store_join", "name_ID", "clinician_store_join", "prescriber_ID", "nameInsuranceJoin", "nameID",
            "om_document", "owner_name_ID");

    /** The joins that make a patient ({@code name_store_join}) or a prescriber visible in a store. */
    static final Set<String> VISIBILITY_JOINS = Set.of("name_store_join", "clinician_store_join");

    /** Store tables and how a record names its store (or its parent) and the other store of a transfer. */
    record StoreTable(String storeField, String parentTable, String parentField, String transferField) {
    }

    /** Only what the workload makes; the registry on the server is what routes. */
    static final Map<String, StoreTable> STORE_TABLES = Map.of(
            "Location", new StoreTable("store_ID", null, null, null),
            "item_line", new StoreTable("store_ID", null, null, null),
            "Stock_take", new StoreTable("store_ID", null, null, null),
            "transact", new StoreTable("store_ID", null, null, "name_ID"),
            "trans_line", new StoreTable(null, "transact", "transaction_ID", null),
            "requisition", new StoreTable("store_ID", null, null, "name_ID"),
            "requisition_line", new StoreTable(null, "requisition", "requisition_ID", null));

    /** A record pushed by a site that does not own it, and what it tried. */
    record Trespass(int site, String kind, String table, String recordId, String action, ObjectNode data,
                    Key fresh, Key target, int targetSite) {
    }

    private final Set<Integer> remoteSites = new TreeSet<>();
    private final Map<String, StoreDef> stores = new LinkedHashMap<>();
    private final Map<String, String> storeByName = new HashMap<>();
    private final Map<String, ObjectNode> storeRows = new HashMap<>();
    private final Map<String, Join> joins = new LinkedHashMap<>();
    /** Central data edited on the central: the latest state, null once deleted. */
    private final Map<Key, ObjectNode> centralData = new LinkedHashMap<>();
    private final Map<Key, SiteRecord> siteRecords = new LinkedHashMap<>();
    private final List<Trespass> trespasses = new ArrayList<>();
    /** The server's store copies, one snapshot per epoch: store -> site -> copy (NONE left out). */
    private final List<Map<String, Map<Integer, Copy>>> copies = new ArrayList<>();
    /** The visibility in force at each snapshot: name -> the stores that see it. */
    private final List<Map<String, Set<String>>> visibilityAt = new ArrayList<>();
    /** A clock that ticks at every push, central patient edit, set-up observed and re-initialisation. */
    private int clock;
    /** When each epoch's set-up was observed, on the clock. */
    private final List<Integer> epochStarts = new ArrayList<>();
    /** Per patient (or prescriber), every change of its visibility in a store, in order. */
    private final Map<String, List<VisibilityChange>> patientVisibility = new HashMap<>();
    /** Per site, when its latest push was integrated, on the clock. */
    private final Map<Integer, Integer> lastPush = new HashMap<>();
    /** Per site, its latest re-initialisation. */
    private final Map<Integer, Reinitialisation> reinitialisations = new HashMap<>();

    /** A site lost its database and initialised again: in which epoch, and when on the clock of pushes. */
    record Reinitialisation(int epoch, int at) {
    }

    // --- set-up --------------------------------------------------------------------------------------------

    void siteAdded(int siteId) {
        remoteSites.add(siteId);
    }

    /** A store made through the admin API, with the store and name rows the server wrote for it. */
    void storeCreated(StoreDef store, ObjectNode storeRow, ObjectNode nameRow) {
        stores.put(store.id(), store);
        storeByName.put(store.nameId(), store.id());
        storeRows.put(store.id(), storeRow);
        centralData.put(new Key("name", store.nameId()), nameRow);
    }

    /** The copies of every store as the server reports them now: the set-up of a new epoch. */
    void setUpObserved(Map<String, Map<Integer, Copy>> reported) {
        Map<String, Map<Integer, Copy>> snapshot = new HashMap<>();
        reported.forEach((store, sites) -> {
            Map<Integer, Copy> kept = new HashMap<>();
            sites.forEach((site, copy) -> {
                if (copy != Copy.NONE && site != stores.get(store).site()) {
                    kept.put(site, copy);
                }
            });
            snapshot.put(store, Map.copyOf(kept));
        });
        copies.add(snapshot);
        Map<String, Set<String>> visible = new HashMap<>();
        joins.values().stream().filter(Join::active)
                .forEach(j -> visible.computeIfAbsent(j.nameId(), n -> new TreeSet<>()).add(j.storeId()));
        visibilityAt.add(visible);
        epochStarts.add(++clock);
    }

    int epoch() {
        return copies.size() - 1;
    }

    // --- central edits -------------------------------------------------------------------------------------

    /**
     * A record the central accepted from the simulation: central data, a visibility record, or a patient (or
     * prescriber) made visible in a store. {@code data} null = delete.
     */
    void centralEdit(String table, String id, ObjectNode data) {
        Key key = new Key(table, id);
        if (siteRecords.containsKey(key) || VISIBILITY_JOINS.contains(table) && isPatient(text(data, PATIENT_TABLES.get(table)))) {
            centralPatientEdit(key, data);
            return;
        }
        if ("name_store_join".equals(table)) {
            Join before = joins.get(id);
            ObjectNode last = data != null ? data : before == null ? null : before.data();
            if (last == null) {
                return;
            }
            boolean active = data != null && !last.path("inactive").asBoolean(false);
            joins.put(id, new Join(id, text(last, "name_ID"), text(last, "store_ID"), active, data));
            return;
        }
        centralData.put(new Key(table, id), data);
    }

    /** Patient data the central changed: integrated at once, as a site's push of it would be. */
    private void centralPatientEdit(Key key, ObjectNode data) {
        SiteRecord record = siteRecords.computeIfAbsent(key, k -> newRecord(CENTRAL, k, data));
        record.local = data == null ? null : data.deepCopy();
        record.dirty = false;
        integrated(record, ++clock);
    }

    private boolean isPatient(String nameId) {
        return nameId != null && (siteRecords.containsKey(new Key("name", nameId))
                || siteRecords.containsKey(new Key("clinician", nameId)));
    }

    // --- site edits and pushes -----------------------------------------------------------------------------

    /** A local edit on a site; {@code data} null = delete. */
    void localEdit(int site, String table, String id, ObjectNode data) {
        Key key = new Key(table, id);
        SiteRecord record = siteRecords.get(key);
        if (record == null) {
            record = newRecord(site, key, data);
            siteRecords.put(key, record);
        }
        record.local = data == null ? null : data.deepCopy();
        record.dirty = true;
    }

    private SiteRecord newRecord(int site, Key key, ObjectNode data) {
        String patientField = PATIENT_TABLES.get(key.table());
        if (patientField != null) {
            String patientId = text(data, patientField);
            return new SiteRecord(key, site, homeStore(key, patientId, data), null, patientId, null);
        }
        StoreTable table = STORE_TABLES.get(key.table());
        if (table == null) {
            throw new IllegalArgumentException("the simulation makes no " + key.table() + " on a site");
        }
        if (table.parentTable() != null) {
            SiteRecord parent = siteRecords.get(new Key(table.parentTable(), text(data, table.parentField())));
            return new SiteRecord(key, site, parent.storeId, parent.otherStoreId, null, parent.key);
        }
        String store = text(data, table.storeField());
        String other = table.transferField() == null ? null : storeByName.get(text(data, table.transferField()));
        return new SiteRecord(key, site, store, store != null && store.equals(other) ? null : other, null, null);
    }

    /** The home store of the patient (or prescriber) a patient record belongs to. */
    private String homeStore(Key key, String patientId, ObjectNode data) {
        if (key.table().equals("name")) {
            return text(data, "supplying_store_id");
        }
        if (key.table().equals("clinician")) {
            return text(data, "store_ID");
        }
        SiteRecord patient = siteRecords.get(new Key("name", patientId));
        if (patient == null) {
            patient = siteRecords.get(new Key("clinician", patientId));
        }
        return patient == null ? null : patient.storeId;
    }

    /** The site pushed every change it had and the central integrated them, in the current epoch. */
    void pushed(int site) {
        int now = ++clock;
        lastPush.put(site, now);
        for (SiteRecord record : siteRecords.values()) {
            if (record.site != site || !record.dirty) {
                continue;
            }
            record.dirty = false;
            if (record.local == null && !record.everPushed) {
                continue; // made and deleted between two pushes: the central never knew it
            }
            integrated(record, now);
            if (record.namesOtherStore() && record.triggeredEpoch < 0 && startsTransfer(record.key.table(), record.pushed)) {
                record.triggeredEpoch = epoch();
                record.completable = stores.get(record.storeId).site() == stores.get(record.otherStoreId).site()
                        || isVisibleIn(record.otherStoreId, record.storeId);
            }
        }
    }

    /** The record's local state reached the central at that moment on the clock. */
    private void integrated(SiteRecord record, int now) {
        record.pushed = record.local;
        record.everPushed = true;
        record.pushedEpoch = epoch();
        record.pushedAt = now;
        record.epochs.add(epoch());
        if (record.patient) {
            record.versions.add(new Version(record.pushed, now));
            if (VISIBILITY_JOINS.contains(record.key.table())) {
                ObjectNode data = record.pushed;
                boolean visible = data != null && !data.path("inactive").asBoolean(false);
                String store = data != null ? text(data, "store_ID") : lastStoreOf(record);
                patientVisibility.computeIfAbsent(record.patientId, p -> new ArrayList<>())
                        .add(new VisibilityChange(now, record.key, store, visible));
            }
        }
    }

    private static String lastStoreOf(SiteRecord record) {
        for (int i = record.versions.size() - 1; i >= 0; i--) {
            ObjectNode data = record.versions.get(i).data();
            if (data != null) {
                return text(data, "store_ID");
            }
        }
        return null;
    }

    /**
     * Whether this version of a record that names another store is the initiating half of a transfer at its trigger:
     * a customer invoice or a request requisition, finalised (the workload makes no returns or purchase orders).
     */
    static boolean startsTransfer(String table, ObjectNode data) {
        if (data == null || !"fn".equals(text(data, "status"))) {
            return false;
        }
        return switch (table) {
            case "transact" -> "ci".equals(text(data, "type")) && !"dispensary".equals(text(data, "mode"));
            case "requisition" -> "request".equals(text(data, "type"));
            default -> false;
        };
    }

    /**
     * The site lost its database and initialised again as a new installation: what it had not pushed is gone, and
     * from now on it holds what the initialisation gave it.
     */
    void reinitialised(int site) {
        for (SiteRecord record : siteRecords.values()) {
            if (record.site == site && record.dirty) {
                record.dirty = false;
                record.local = record.pushed;
            }
        }
        reinitialisations.put(site, new Reinitialisation(epoch(), ++clock));
    }

    /** The site's re-initialisation that came after the record's latest push, if there was one. */
    Optional<Reinitialisation> reinitialisedSince(int site, SiteRecord record) {
        Reinitialisation latest = reinitialisations.get(site);
        return latest != null && latest.at() > record.pushedAt ? Optional.of(latest) : Optional.empty();
    }

    void trespassed(Trespass trespass) {
        trespasses.add(trespass);
    }

    // --- what the invariants read --------------------------------------------------------------------------

    Set<Integer> remoteSites() {
        return remoteSites;
    }

    Collection<StoreDef> stores() {
        return stores.values();
    }

    StoreDef store(String id) {
        return stores.get(id);
    }

    List<StoreDef> storesOn(int site) {
        return stores.values().stream().filter(s -> s.site() == site).toList();
    }

    ObjectNode storeRow(String storeId) {
        return storeRows.get(storeId);
    }

    Collection<Join> joins() {
        return joins.values();
    }

    Map<Key, ObjectNode> centralData() {
        return centralData;
    }

    Collection<SiteRecord> siteRecords() {
        return siteRecords.values();
    }

    SiteRecord siteRecord(Key key) {
        return siteRecords.get(key);
    }

    List<Trespass> trespasses() {
        return trespasses;
    }

    int epochs() {
        return copies.size();
    }

    /** The copy of a store on a site in an epoch, as the server reported it; the active site is ACTIVE_COLLECTOR. */
    Copy copy(String storeId, int site, int epoch) {
        StoreDef store = stores.get(storeId);
        if (store.site() == site) {
            return Copy.ACTIVE_COLLECTOR;
        }
        return copies.get(epoch).getOrDefault(storeId, Map.of()).getOrDefault(site, Copy.NONE);
    }

    /** The copy now (the last snapshot). */
    Copy copy(String storeId, int site) {
        return copy(storeId, site, epoch());
    }

    /** Whether the name of {@code storeId} was visible, in the epoch, to a store active on {@code site}. */
    boolean visibleOnSite(String storeId, int site, int epoch) {
        for (String viewer : visibilityAt.get(epoch).getOrDefault(stores.get(storeId).nameId(), Set.of())) {
            StoreDef store = stores.get(viewer);
            if (store != null && store.site() == site) {
                return true;
            }
        }
        return false;
    }

    /** Now, on the clock: after everything the log holds. */
    int now() {
        return clock;
    }

    /** The site's latest re-initialisation, if it had one. */
    Optional<Reinitialisation> reinitialisation(int site) {
        return Optional.ofNullable(reinitialisations.get(site));
    }

    /** The epoch whose set-up was in force at that moment on the clock. */
    int epochAt(int at) {
        int epoch = 0;
        while (epoch + 1 < epochStarts.size() && epochStarts.get(epoch + 1) <= at) {
            epoch++;
        }
        return epoch;
    }

    /** The stores in which the patient (or prescriber) was visible at that moment, after what the server did then. */
    Set<String> storesSeeing(String patientId, int at) {
        Map<Key, String> visibleThrough = new HashMap<>();
        for (VisibilityChange change : patientVisibility.getOrDefault(patientId, List.of())) {
            if (change.at() > at) {
                break;
            }
            if (change.visible()) {
                visibleThrough.put(change.join(), change.storeId());
            } else {
                visibleThrough.remove(change.join());
            }
        }
        return new TreeSet<>(visibleThrough.values());
    }

    /**
     * Whether the patient (or prescriber) was visible on the site at that moment: in a store active there, or in a
     * store of which the site had a collector copy (sync-rules.md "Data types", Patient row).
     */
    boolean patientVisibleOn(int site, String patientId, int at) {
        int epoch = epochAt(at);
        for (String storeId : storesSeeing(patientId, at)) {
            if (stores.containsKey(storeId) && copy(storeId, site, epoch) == Copy.ACTIVE_COLLECTOR) {
                return true;
            }
        }
        return false;
    }

    /** The moments at which the patient's visibility on some site may have changed: its joins and every new set-up. */
    Set<Integer> visibilityMoments(String patientId) {
        Set<Integer> moments = new TreeSet<>(epochStarts);
        patientVisibility.getOrDefault(patientId, List.of()).forEach(change -> moments.add(change.at()));
        return moments;
    }

    /** The patient's visibility changes, for a report: "at 12 in STORE3 (site 104): visible", …. */
    String visibilityStory(String patientId) {
        StringBuilder story = new StringBuilder();
        for (VisibilityChange change : patientVisibility.getOrDefault(patientId, List.of())) {
            StoreDef store = stores.get(change.storeId());
            story.append(story.isEmpty() ? "" : "; ").append("at ").append(change.at()).append(' ')
                    .append(change.join().id()).append(" in ").append(change.storeId())
                    .append(" (site ").append(store == null ? "?" : store.site()).append("): ")
                    .append(change.visible() ? "visible" : "no longer");
        }
        return story.append("; set-ups observed at ").append(epochStarts).toString();
    }

    /** When the site's latest push was integrated (its sync pulled what was due to it until then), on the clock. */
    int lastPushOf(int site) {
        return lastPush.getOrDefault(site, 0);
    }

    /**
     * The patients (table {@code name}) or prescribers ({@code clinician}) visible in the store at that moment, in
     * id order: for the workload's prescriptions.
     */
    List<String> visibleIn(String storeId, String table, int at) {
        return patientVisibility.keySet().stream().filter(id -> siteRecords.containsKey(new Key(table, id)))
                .filter(id -> storesSeeing(id, at).contains(storeId)).sorted().toList();
    }

    /**
     * How the site sees the patient at the end, for a report: each store the patient is visible in that the site has
     * (or had) a copy of, with the copy in each epoch ("STORE1 (site 102): epochs 0-2 TRANSFER, 3-7 ACTIVE_COLLECTOR").
     */
    String seenThrough(int site, String patientId) {
        StringBuilder through = new StringBuilder("on site " + site + ":");
        for (String storeId : storesSeeing(patientId, clock)) {
            StoreDef store = stores.get(storeId);
            through.append(' ').append(storeId).append(" (site ").append(store.site()).append("):");
            int from = 0;
            for (int epoch = 1; epoch <= epochs(); epoch++) {
                if (epoch == epochs() || copy(storeId, site, epoch) != copy(storeId, site, from)) {
                    through.append(" epochs ").append(from).append('-').append(epoch - 1).append(' ')
                            .append(copy(storeId, site, from)).append(',');
                    from = epoch;
                }
            }
        }
        return through.toString();
    }

    /** Whether the name of {@code storeId} is visible in {@code viewerId} now (for the workload's choice of partners). */
    boolean isVisibleIn(String storeId, String viewerId) {
        String nameId = stores.get(storeId).nameId();
        return joins.values().stream().anyMatch(j -> j.active() && j.nameId().equals(nameId) && j.storeId().equals(viewerId));
    }

    static String text(JsonNode data, String field) {
        if (data == null || field == null) {
            return null;
        }
        JsonNode value = data.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
