package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.simulate.WorkloadLog.Copy;
import org.supplysync.client.simulate.WorkloadLog.Join;
import org.supplysync.client.simulate.WorkloadLog.Key;
import org.supplysync.client.simulate.WorkloadLog.SiteRecord;
import org.supplysync.client.simulate.WorkloadLog.StoreDef;
import org.supplysync.client.simulate.WorkloadLog.Trespass;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The final check of a simulation: statements from sync-rules.md (and the seed it reads) about what every site and
 * the central copy may and must hold, checked against what the simulation did ({@link WorkloadLog}) and the set-up the
 * server reported. Nothing here routes a record: each invariant is a property of the end state, so a misreading the
 * server and a model of it would share cannot pass unseen. Each violation counts as missing, extra or stale under
 * the invariant it breaks.
 */
final class Invariants {

    /** One invariant: its name, the rule it comes from, and what the check found. */
    static final class Check {
        /** How many violations of each invariant are told in full (-Dsupplysync.simulation.details=n for more). */
        private static final int DETAILS = Integer.getInteger("supplysync.simulation.details", 25);

        final String name;
        final String rule;
        long checked;
        long missing;
        long extra;
        long stale;
        final List<String> details = new ArrayList<>();

        Check(String name, String rule) {
            this.name = name;
            this.rule = rule;
        }

        synchronized void ok() {
            checked++;
        }

        synchronized void missing(String detail) {
            checked++;
            missing++;
            detail("missing: " + detail);
        }

        synchronized void extra(String detail) {
            checked++;
            extra++;
            detail("extra: " + detail);
        }

        synchronized void stale(String detail) {
            checked++;
            stale++;
            detail("stale: " + detail);
        }

        boolean holds() {
            return missing + extra + stale == 0;
        }

        private void detail(String text) {
            if (details.size() < DETAILS) {
                details.add(name + ": " + text);
            }
        }
    }

    final Check centralData = new Check("central-data-everywhere",
            "sync-rules.md Data types: Central data goes to every site; every site and the central hold each central"
                    + " record at its latest version");
    final Check centralStoreData = new Check("central-store-data-to-active-site",
            "sync-rules.md Data types: Central store data goes to the site where that store is active (and nowhere else)");
    final Check storeRecords = new Check("store-records-where-copies-are",
            "sync-rules.md Data types: store records go to every site whose sync-with is not NONE; seed 'Stores'");
    final Check storeDataOnlyWhereAllowed = new Check("store-data-only-where-allowed",
            "seed Data types: store data is only synced to sites where the store is a collector copy; seed 'Transfer':"
                    + " a transfer copy receives no other store data. A site holds a (non-transfer) record of store X only"
                    + " if X is active there or X's copy there was a collector when a version of it was pushed");
    final Check collectorsComplete = new Check("collectors-complete",
            "seed: a collector is a full read-only copy; sync-rules.md Data types: store data goes to every site with a"
                    + " collector copy. X's active site and every site whose copy of X was a collector when a record's latest"
                    + " version was pushed hold that version");
    final Check deletedNowhere = new Check("deleted-nowhere",
            "sync-rules.md Delivery: every accepted change (deletes too) reaches its destinations. No site that was a"
                    + " destination of a delete (or a site, for deleted central data) holds the deleted record");
    final Check transfers = new Check("transfers-to-both-parties-only",
            "sync-rules.md Where transfer records go: a transfer record (either half, and its lines) is held by the sites"
                    + " of the two stores taking part (active sites and collector copies, the central included) and by"
                    + " no other site: a transfer copy on a site with no part in it does not receive it");
    final Check responses = new Check("responding-halves-made-once",
            "sync-rules.md Transfers: at its trigger the central makes the responding half (a supplier invoice, a"
                    + " response requisition) with a line for each line of the initiating half, once, and it reaches the"
                    + " sites of both stores and no other; between two stores of one site it makes nothing");
    final Check centralComplete = new Check("central-copy-complete",
            "sync-rules.md Data types: store data goes to the central if its copy is a collector; the central copy"
                    + " (GET /api/records) holds every accepted record of such a store at its latest version");
    final Check centralNoOtherStoreData = new Check("central-copy-keeps-no-other-store-data",
            "seed store F: 'F's store data is not kept on the central' when the central copy is a transfer copy (or none)");
    final Check patientsOnlyWhereVisible = new Check("patients-only-where-visible",
            "sync-rules.md Data types, Patient row: patient data goes to the central and every site with an"
                    + " active/collector store in which the patient is visible (prescribers behave like patients);"
                    + " 'Patient visibility'. A site holds a version of a record of patient P (its name row, its"
                    + " name_store_joins, policies and documents; a prescriber and its clinician_store_joins) only if P"
                    + " was visible in a store active on or collected by the site at some moment while that version was"
                    + " P's latest on the central (a version pushed with a change of P's visibility counts on either"
                    + " side of it); so nothing of P written after P stopped being visible there arrives. For a site"
                    + " that initialised again, only from its initialisation on; a site's own records are its own");
    final Check patientsCompleteWhereVisible = new Check("patients-complete-where-visible",
            "sync-rules.md Data types, Patient row, and issue 11: the central, and every site where patient P is"
                    + " visible at the end (in a store active on or collected by it), hold every record of P at the"
                    + " version the central integrated last: P's history arrived when P became visible there");
    final Check syncWith = new Check("sync-with-follows-visibility",
            "sync-rules.md Stores and their copies: a store visible to a store active on site S has a copy there;"
                    + " invisible to every store active on S, its sync-with for S is NONE");
    final Check refused = new Check("trespasses-refused",
            "sync-rules.md Ownership checks: a record the pushing site does not own is refused, with a reason;"
                    + " merges only when the site owns both records");
    final Check trespassHeldNowhere = new Check("trespasses-held-nowhere",
            "sync-rules.md Ownership checks: a refused record is never stored or routed; the central copy of what it"
                    + " aimed at is unchanged");
    final Check noUnexpectedRefusals = new Check("no-unexpected-refusals",
            "sync-rules.md Ownership checks: a site's own records are accepted; the site's refusals are only its trespasses");
    final Check restored = new Check("reinitialised-sites-restored",
            "sync-rules.md Delivery and issue 9: a (re)initialisation sends a site everything it should hold, and only"
                    + " what the central holds can be sent. Of what was pushed before a site lost its database, it holds"
                    + " exactly the versions the central keeps (store data of stores whose central copy is a collector,"
                    + " records that name another store) that go to it under its copies then; no other store data of a"
                    + " store whose central copy is a transfer copy or none (its patient data: see the patient checks)");
    final Check drained = new Check("queues-drained",
            "sync-rules.md Delivery: after the final syncs, no site has queued records or central changes left to pull");

    List<Check> all() {
        return List.of(centralData, centralStoreData, storeRecords, storeDataOnlyWhereAllowed, collectorsComplete,
                deletedNowhere, transfers, responses, centralComplete, centralNoOtherStoreData, patientsOnlyWhereVisible,
                patientsCompleteWhereVisible, syncWith, refused,
                trespassHeldNowhere, noUnexpectedRefusals, restored, drained);
    }

    /**
     * How many times a site had seen a patient and then a version of one of the patient's records was written while
     * it no longer did: the cases that give {@link #patientsOnlyWhereVisible} something to refuse.
     */
    long versionsWithheld;

    private final WorkloadLog log;

    Invariants(WorkloadLog log) {
        this.log = log;
    }

    // --- the remote sites ----------------------------------------------------------------------------------

    /** Checks what one remote site holds (its live records of this run). */
    void checkSite(int site, Map<Key, ObjectNode> held) {
        Set<Key> explained = new HashSet<>();

        log.centralData().forEach((key, latest) -> {
            explained.add(key);
            ObjectNode actual = held.get(key);
            if (latest == null) {
                if (actual != null) {
                    deletedNowhere.extra("site " + site + " holds " + key + ", deleted on the central");
                } else {
                    deletedNowhere.ok();
                }
            } else {
                compare(centralData, "site " + site, key, latest, actual);
            }
        });

        for (Join join : log.joins()) {
            Key key = new Key("name_store_join", join.id());
            explained.add(key);
            ObjectNode actual = held.get(key);
            StoreDef store = log.store(join.storeId());
            boolean activeHere = store != null && store.site() == site;
            if (!activeHere) {
                if (actual != null) {
                    centralStoreData.extra("site " + site + " holds " + key + " of store " + join.storeId()
                            + ", active on site " + (store == null ? "?" : store.site()));
                }
            } else if (join.data() == null) {
                if (actual != null) {
                    deletedNowhere.extra("site " + site + " holds " + key + ", deleted on the central");
                }
            } else {
                compare(centralStoreData, "site " + site, key, join.data(), actual);
            }
        }

        for (StoreDef store : log.stores()) {
            Key key = new Key("store", store.id());
            explained.add(key);
            ObjectNode actual = held.get(key);
            boolean must = store.site() == site || log.copy(store.id(), site) != Copy.NONE;
            boolean may = store.site() == site || everHadCopy(store.id(), site);
            if (must) {
                compare(storeRecords, "site " + site, key, log.storeRow(store.id()), actual);
            } else if (actual != null && !may) {
                storeRecords.extra("site " + site + " holds " + key + " but never had a copy of it");
            } else if (actual != null) {
                storeRecords.ok();
            }
        }

        for (SiteRecord record : log.siteRecords()) {
            explained.add(record.key);
            ObjectNode actual = held.get(record.key);
            if (record.patient) {
                checkPatientOnSite(site, record, actual);
            } else {
                checkStoreDataOnSite(site, record, actual);
            }
        }

        for (Trespass trespass : log.trespasses()) {
            if (trespass.fresh() != null) {
                explained.add(trespass.fresh());
                if (held.containsKey(trespass.fresh())) {
                    trespassHeldNowhere.extra("site " + site + " holds " + trespass.fresh() + ", pushed by site "
                            + trespass.site() + " as " + trespass.kind());
                } else {
                    trespassHeldNowhere.ok();
                }
            }
        }

        held.keySet().stream().filter(key -> !explained.contains(key)).forEach(key ->
                storeDataOnlyWhereAllowed.extra("site " + site + " holds " + key + ", which the simulation never made"));
    }

    /**
     * A record of a patient (or prescriber) on a site: a version it may hold (the patient visible there while it was
     * the latest), and the latest where the patient is visible at the end. The site that made the record holds its
     * own, unless it initialised again since it last pushed it.
     */
    private void checkPatientOnSite(int site, SiteRecord record, ObjectNode actual) {
        String what = record.key + " (of " + record.patientId + ", made by site " + record.site + ")";
        if (!record.everPushed) {
            if (actual != null && record.site != site) {
                patientsOnlyWhereVisible.extra("site " + site + " holds " + what + ", which never reached the central");
            }
            return;
        }
        if (record.site == site && log.reinitialisedSince(site, record).isEmpty()) {
            if (record.pushed != null) {
                compare(patientsCompleteWhereVisible, "its own site " + site, record.key, record.pushed, actual);
            } else if (actual != null) {
                deletedNowhere.extra("site " + site + " still holds " + what + ", which it deleted");
            }
            return;
        }
        versionsWithheld += withheld(site, record);
        if (actual != null) {
            checkVersionHeld(site, record, actual, what);
        }
        if (log.patientVisibleOn(site, record.patientId, log.now())) {
            String where = "site " + site + ", where " + record.patientId + " is visible at the end,";
            if (record.pushed == null) {
                if (actual != null) {
                    deletedNowhere.extra(where + " still holds " + what + ", deleted");
                } else {
                    deletedNowhere.ok();
                }
            } else if (actual == null) {
                patientsCompleteWhereVisible.missing(where + " lacks " + what + " (" + story(site, record) + ")");
            } else if (!sameJson(record.pushed, actual)) {
                patientsCompleteWhereVisible.stale(where + " holds an old " + what + ": " + actual + " instead of "
                        + record.pushed + " (" + story(site, record) + ")");
            } else {
                patientsCompleteWhereVisible.ok();
            }
        }
    }

    /** When the record's versions were integrated, and the patient's visibility: what a report of a violation needs. */
    private String story(int site, SiteRecord record) {
        return "versions at " + record.versions.stream().map(WorkloadLog.Version::at).toList() + "; visibility: "
                + log.visibilityStory(record.patientId) + "; " + log.seenThrough(site, record.patientId);
    }

    /** The version a site holds: one the central integrated, while the patient was visible on the site. */
    private void checkVersionHeld(int site, SiteRecord record, ObjectNode actual, String what) {
        List<WorkloadLog.Version> versions = record.versions;
        boolean known = false;
        for (int k = 0; k < versions.size(); k++) {
            if (versions.get(k).data() != null && sameJson(versions.get(k).data(), actual)) {
                known = true;
                int until = k + 1 < versions.size() ? versions.get(k + 1).at() : log.now();
                if (wasVisibleBetween(site, record.patientId, versions.get(k).at(), until)) {
                    patientsOnlyWhereVisible.ok();
                    return;
                }
            }
        }
        if (!known) {
            patientsOnlyWhereVisible.extra("site " + site + " holds " + what + " in a version the central never"
                    + " integrated: " + actual);
        } else {
            patientsOnlyWhereVisible.extra("site " + site + " holds " + what + " in a version written while "
                    + record.patientId + " was visible there at no moment until it was replaced: " + actual + " ("
                    + story(site, record) + ")");
        }
    }

    /** The versions of the record the site must not receive although it had seen the patient before they were written. */
    private long withheld(int site, SiteRecord record) {
        List<WorkloadLog.Version> versions = record.versions;
        long withheld = 0;
        for (int k = 0; k < versions.size(); k++) {
            int at = versions.get(k).at();
            int until = k + 1 < versions.size() ? versions.get(k + 1).at() : log.now();
            if (!wasVisibleBetween(site, record.patientId, at, until) && log.visibilityMoments(record.patientId).stream()
                    .anyMatch(moment -> moment < at && log.patientVisibleOn(site, record.patientId, moment))) {
                withheld++;
            }
        }
        return withheld;
    }

    /**
     * Whether the patient was visible on the site at some moment from just before {@code from} (a version pushed with
     * a change of visibility may have been integrated before it) to {@code until}, both included, and not before the
     * site's latest initialisation: what it held before that is gone.
     */
    private boolean wasVisibleBetween(int site, String patientId, int from, int until) {
        int since = log.reinitialisation(site).map(WorkloadLog.Reinitialisation::at).orElse(0);
        if (until < since) {
            return false;
        }
        int start = Math.max(from - 1, since);
        if (log.patientVisibleOn(site, patientId, start)) {
            return true;
        }
        for (int moment : log.visibilityMoments(patientId)) {
            if (moment > start && moment <= until && log.patientVisibleOn(site, patientId, moment)) {
                return true;
            }
        }
        return false;
    }

    private void checkStoreDataOnSite(int site, SiteRecord record, ObjectNode actual) {
        boolean transfer = joinsStores(record);
        Check belongs = transfer ? transfers : storeDataOnlyWhereAllowed;
        Check complete = transfer ? transfers : collectorsComplete;
        String what = record.key + " of store " + record.storeId
                + (transfer ? " (a transfer with " + record.otherStoreId + ")" : "");
        if (!record.everPushed) {
            if (actual != null && record.site != site) {
                belongs.extra("site " + site + " holds " + what + ", which never reached the central");
            }
            return;
        }
        Optional<WorkloadLog.Reinitialisation> reinitialisation = log.reinitialisedSince(site, record);
        if (reinitialisation.isPresent()) {
            checkRestored(site, record, actual, reinitialisation.get().epoch(), what);
            return;
        }
        Set<Integer> latest = destinations(record, record.pushedEpoch);
        Set<Integer> ever = new TreeSet<>();
        record.epochs.forEach(epoch -> ever.addAll(destinations(record, epoch)));
        if (record.pushed != null) {
            if (latest.contains(site)) {
                if (actual == null) {
                    complete.missing("site " + site + " lacks " + what + " (" + copies(record, site) + ")");
                } else if (!sameJson(record.pushed, actual)) {
                    complete.stale("site " + site + " holds an old " + what + ": " + actual + " instead of " + record.pushed);
                } else {
                    complete.ok();
                }
            } else if (actual != null) {
                if (ever.contains(site)) {
                    belongs.ok();
                } else {
                    belongs.extra("site " + site + " holds " + what + " but takes no part in it (" + copies(record, site) + ")");
                }
            }
        } else if (actual != null) {
            if (latest.contains(site)) {
                deletedNowhere.extra("site " + site + " still holds " + what + ", deleted on site " + record.site);
            } else if (!ever.contains(site)) {
                belongs.extra("site " + site + " holds " + what + " but takes no part in it (" + copies(record, site) + ")");
            }
        } else if (latest.contains(site)) {
            deletedNowhere.ok();
        }
    }

    /**
     * Whether a record (a transfer's initiating half, or its line) goes to the other store's sites: once its initiating
     * half reached its trigger and the central could complete it (sync-rules.md "Transfers": until then, and when it
     * cannot, it is only its store's data).
     */
    private boolean joinsStores(SiteRecord record) {
        SiteRecord initiating = record.parent == null ? record : log.siteRecord(record.parent);
        return record.namesOtherStore() && initiating != null && initiating.triggeredEpoch >= 0 && initiating.completable;
    }

    private int triggeredEpoch(SiteRecord record) {
        return record.parent == null ? record.triggeredEpoch : log.siteRecord(record.parent).triggeredEpoch;
    }

    /**
     * A record whose latest version was pushed before the site lost its database: the site holds it only if its
     * initialisation had it to give, the central's copy, sent to the site under the copies of that epoch.
     */
    private void checkRestored(int site, SiteRecord record, ObjectNode actual, int epoch, String what) {
        boolean must = record.pushed != null && centralHolds(record) && destinations(record, epoch).contains(site);
        String when = "after site " + site + " initialised again in epoch " + epoch;
        if (must) {
            if (actual == null) {
                restored.missing("site " + site + " lacks " + what + " " + when);
            } else if (!sameJson(record.pushed, actual)) {
                restored.stale("site " + site + " holds an old " + what + " " + when + ": " + actual + " instead of "
                        + record.pushed);
            } else {
                restored.ok();
            }
        } else if (actual != null) {
            restored.extra("site " + site + " holds " + what + " " + when + ", which the central "
                    + (record.pushed == null ? "deleted" : centralHolds(record) ? "does not send it" : "does not keep")
                    + " (" + copies(record, site) + ", on the central: " + log.copy(record.storeId, WorkloadLog.CENTRAL) + ")");
        } else {
            restored.ok();
        }
    }

    /**
     * Whether the central keeps the record: its store's central copy is a collector, or it names another store (the
     * central keeps those to complete the transfer, as the central-copy checks expect).
     */
    private boolean centralHolds(SiteRecord record) {
        return log.copy(record.storeId, WorkloadLog.CENTRAL, record.pushedEpoch) == Copy.ACTIVE_COLLECTOR
                || record.namesOtherStore();
    }

    /**
     * The remote sites a record's change in this epoch must reach, by the rules (the record's own site included); a
     * transfer's records reach the other store's sites from its trigger on (what was pushed before is sent again then).
     */
    private Set<Integer> destinations(SiteRecord record, int epoch) {
        Set<Integer> sites = new TreeSet<>();
        sites.add(log.store(record.storeId).site());
        boolean transfer = joinsStores(record);
        int otherEpoch = transfer ? Math.max(epoch, triggeredEpoch(record)) : epoch;
        if (transfer) {
            sites.add(log.store(record.otherStoreId).site());
        }
        for (int site : log.remoteSites()) {
            if (log.copy(record.storeId, site, epoch) == Copy.ACTIVE_COLLECTOR
                    || (transfer && log.copy(record.otherStoreId, site, otherEpoch) == Copy.ACTIVE_COLLECTOR)) {
                sites.add(site);
            }
        }
        return sites;
    }

    /**
     * Checks the responding halves the central made: {@code transfer} answers GET /api/transfers/{table}/{id};
     * {@code made} holds, per remote site, the records of the transfer tables it holds that no site made.
     */
    void checkResponses(Function<Key, Optional<JsonNode>> transfer, Map<Integer, Map<Key, ObjectNode>> made) {
        for (SiteRecord record : log.siteRecords()) {
            if (record.parent != null || !record.isLive() || !joinsStores(record)) {
                continue;
            }
            Optional<JsonNode> known = transfer.apply(record.key);
            String status = known.map(t -> t.path("status").asText()).orElse("none");
            boolean local = log.store(record.storeId).site() == log.store(record.otherStoreId).site();
            if (!status.equals(local ? "LOCAL" : "CREATED")) {
                responses.stale("the transfer started by " + record.key + " is " + status + ", not "
                        + (local ? "LOCAL" : "CREATED"));
                continue;
            }
            if (local) {
                responses.ok();
                continue;
            }
            Key responding = new Key(known.get().path("respondingTable").asText(), known.get().path("respondingId").asText());
            String lineTable = responding.table().equals("transact") ? "trans_line" : "requisition_line";
            String parentField = responding.table().equals("transact") ? "transaction_ID" : "requisition_ID";
            String linkField = responding.table().equals("transact") ? "linked_transaction_id" : "linked_requisition_id";
            long lines = log.siteRecords().stream().filter(line -> record.key.equals(line.parent) && line.isLive()).count();
            Set<Integer> where = bothStoresSites(record.storeId, record.otherStoreId, record.triggeredEpoch);
            for (int site : log.remoteSites()) {
                Map<Key, ObjectNode> held = made.getOrDefault(site, Map.of());
                long halves = held.entrySet().stream().filter(e -> e.getKey().table().equals(responding.table()))
                        .filter(e -> record.key.id().equals(WorkloadLog.text(e.getValue(), linkField))).count();
                long heldLines = held.entrySet().stream().filter(e -> e.getKey().table().equals(lineTable))
                        .filter(e -> responding.id().equals(WorkloadLog.text(e.getValue(), parentField))).count();
                String what = "the responding half " + responding + " of " + record.key;
                if (halves > 1) {
                    responses.extra("site " + site + " holds " + halves + " responding halves of " + record.key);
                } else if (!where.contains(site)) {
                    if (held.containsKey(responding)) {
                        responses.extra("site " + site + " holds " + what + " but takes no part in it");
                    }
                } else if (!held.containsKey(responding)) {
                    responses.missing("site " + site + " lacks " + what);
                } else if (heldLines != lines) {
                    responses.stale("site " + site + " holds " + heldLines + " lines of " + what + ", not " + lines);
                } else {
                    responses.ok();
                }
            }
        }
    }

    /** The remote sites holding the data of either store in the epoch: their active sites and collector copies. */
    private Set<Integer> bothStoresSites(String storeId, String otherStoreId, int epoch) {
        Set<Integer> sites = new TreeSet<>(List.of(log.store(storeId).site(), log.store(otherStoreId).site()));
        for (int site : log.remoteSites()) {
            if (log.copy(storeId, site, epoch) == Copy.ACTIVE_COLLECTOR || log.copy(otherStoreId, site, epoch) == Copy.ACTIVE_COLLECTOR) {
                sites.add(site);
            }
        }
        sites.retainAll(log.remoteSites());
        return sites;
    }

    /** The copies on the site when the record's latest version was pushed. */
    private String copies(SiteRecord record, int site) {
        int epoch = record.pushedEpoch;
        String text = "copy of " + record.storeId + " there: " + log.copy(record.storeId, site, epoch);
        return record.namesOtherStore()
                ? text + ", of " + record.otherStoreId + ": " + log.copy(record.otherStoreId, site, epoch) : text;
    }

    private boolean everHadCopy(String storeId, int site) {
        for (int epoch = 0; epoch < log.epochs(); epoch++) {
            if (log.copy(storeId, site, epoch) != Copy.NONE) {
                return true;
            }
        }
        return false;
    }

    private void compare(Check check, String where, Key key, ObjectNode want, ObjectNode actual) {
        if (actual == null) {
            check.missing(where + " lacks " + key);
        } else if (!sameJson(want, actual)) {
            check.stale(where + " holds an old " + key + ": " + actual + " instead of " + want);
        } else {
            check.ok();
        }
    }

    // --- the set-up ----------------------------------------------------------------------------------------

    /** Every epoch's copies against that epoch's visibility. */
    void checkSetUp() {
        for (int epoch = 0; epoch < log.epochs(); epoch++) {
            for (StoreDef store : log.stores()) {
                for (int site : log.remoteSites()) {
                    if (site == store.site()) {
                        continue;
                    }
                    boolean visible = log.visibleOnSite(store.id(), site, epoch);
                    Copy copy = log.copy(store.id(), site, epoch);
                    if (visible && copy == Copy.NONE) {
                        syncWith.missing("epoch " + epoch + ": store " + store.id() + " is visible on site " + site
                                + " but has no copy there");
                    } else if (!visible && copy != Copy.NONE) {
                        syncWith.extra("epoch " + epoch + ": store " + store.id() + " has a " + copy + " copy on site "
                                + site + " where no store sees it");
                    } else {
                        syncWith.ok();
                    }
                }
            }
        }
    }

    // --- the central copy ----------------------------------------------------------------------------------

    /** What the central should answer for a record: its latest state, deleted, absent, or (null) anything. */
    private record CentralWant(Check check, Key key, ObjectNode data, boolean deleted, boolean absent, String why) {
    }

    /** Checks the central copy through GET /api/records, a few requests at a time. */
    void checkCentral(Function<Key, Optional<JsonNode>> central) throws Exception {
        List<CentralWant> wants = new ArrayList<>();
        log.centralData().forEach((key, latest) -> wants.add(latest == null
                ? new CentralWant(centralData, key, null, true, false, "central data deleted on the central")
                : new CentralWant(centralData, key, latest, false, false, "central data")));
        for (SiteRecord record : log.siteRecords()) {
            if (!record.everPushed) {
                continue;
            }
            if (record.patient) {
                wants.add(new CentralWant(patientsCompleteWhereVisible, record.key, record.pushed, record.pushed == null,
                        false, "patient data of " + record.patientId + ", made by site " + record.site));
                continue;
            }
            boolean collector = log.copy(record.storeId, WorkloadLog.CENTRAL, record.pushedEpoch) == Copy.ACTIVE_COLLECTOR;
            if (collector) {
                wants.add(new CentralWant(centralComplete, record.key, record.pushed, record.pushed == null, false,
                        "store " + record.storeId + " has a collector copy on the central"));
            } else if (record.namesOtherStore()) {
                wants.add(new CentralWant(transfers, record.key, record.pushed, record.pushed == null, false,
                        "it names store " + record.otherStoreId + ": the central keeps it to complete the transfer"));
            } else {
                wants.add(new CentralWant(centralNoOtherStoreData, record.key, null, false, true,
                        "store " + record.storeId + "'s copy on the central is " + log.copy(record.storeId, WorkloadLog.CENTRAL)));
            }
        }
        for (Trespass trespass : log.trespasses()) {
            if (trespass.fresh() != null) {
                wants.add(new CentralWant(trespassHeldNowhere, trespass.fresh(), null, false, true,
                        "pushed by site " + trespass.site() + " as " + trespass.kind()));
            }
            if (trespass.target() != null) {
                ObjectNode latest = latestOf(trespass.target());
                wants.add(new CentralWant(trespassHeldNowhere, trespass.target(), latest, latest == null, false,
                        "aimed at by site " + trespass.site() + " with " + trespass.kind()));
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (CentralWant want : wants) {
                results.add(pool.submit(() -> {
                    checkCentralRecord(want, central.apply(want.key()));
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private ObjectNode latestOf(Key key) {
        SiteRecord record = log.siteRecord(key);
        return record != null ? record.pushed : log.centralData().get(key);
    }

    private static void checkCentralRecord(CentralWant want, Optional<JsonNode> actual) {
        Check check = want.check();
        String what = "the central copy of " + want.key() + " (" + want.why() + ")";
        if (want.absent()) {
            if (actual.isPresent()) {
                check.extra(what + " exists: " + actual.get().get("recordData"));
            } else {
                check.ok();
            }
            return;
        }
        if (actual.isEmpty()) {
            if (want.deleted()) {
                check.ok(); // a deleted record the central no longer holds at all is deleted, too
            } else {
                check.missing(what + " is not there");
            }
            return;
        }
        boolean deleted = actual.get().path("deleted").asBoolean();
        if (deleted != want.deleted()) {
            check.stale(what + " is " + (deleted ? "deleted" : "live") + " but should be "
                    + (want.deleted() ? "deleted" : "live"));
        } else if (!deleted && !sameJson(want.data(), actual.get().get("recordData"))) {
            check.stale(what + " is " + actual.get().get("recordData") + " instead of " + want.data());
        } else {
            check.ok();
        }
    }

    // --- refusals ------------------------------------------------------------------------------------------

    /**
     * Each trespass refused (in its push answer or in GET /api/sites/{id}/refusals), and nothing else refused.
     *
     * @param listed   per site, the refusals the admin API lists
     * @param answered per site, the refusals the push answers named
     */
    void checkRefusals(Map<Integer, List<JsonNode>> listed, Map<Integer, List<JsonNode>> answered,
                       List<String> honestRefusals) {
        Map<Integer, List<JsonNode>> unmatched = new HashMap<>();
        listed.forEach((site, refusals) -> unmatched.put(site, new ArrayList<>(refusals)));
        Map<Integer, List<JsonNode>> unmatchedAnswers = new HashMap<>();
        answered.forEach((site, refusals) -> unmatchedAnswers.put(site, new ArrayList<>(refusals)));
        for (Trespass trespass : log.trespasses()) {
            boolean inList = take(unmatched.getOrDefault(trespass.site(), new ArrayList<>()), trespass);
            boolean inAnswer = take(unmatchedAnswers.getOrDefault(trespass.site(), new ArrayList<>()), trespass);
            if (inList || inAnswer) {
                refused.ok();
            } else {
                refused.missing("site " + trespass.site() + " pushed " + trespass.kind() + " (" + trespass.table() + " "
                        + trespass.recordId() + ", " + trespass.action() + ") and it was not refused");
            }
        }
        unmatched.forEach((site, rest) -> rest.forEach(r -> noUnexpectedRefusals.extra("site " + site + ": "
                + r.path("tableName").asText() + " " + r.path("recordId").asText() + ": " + r.path("reason").asText())));
        honestRefusals.forEach(noUnexpectedRefusals::extra);
        if (noUnexpectedRefusals.extra == 0) {
            noUnexpectedRefusals.ok();
        }
    }

    private static boolean take(List<JsonNode> refusals, Trespass trespass) {
        Set<String> ids = new HashSet<>(List.of(trespass.recordId()));
        if (trespass.data() != null) {
            Optional.ofNullable(WorkloadLog.text(trespass.data(), "mergeIdToKeep")).ifPresent(ids::add);
            Optional.ofNullable(WorkloadLog.text(trespass.data(), "mergeIdToDelete")).ifPresent(ids::add);
        }
        for (int i = 0; i < refusals.size(); i++) {
            JsonNode refusal = refusals.get(i);
            if (trespass.table().equals(refusal.path("tableName").asText()) && ids.contains(refusal.path("recordId").asText())) {
                refusals.remove(i);
                return true;
            }
        }
        return false;
    }

    // --- the report ----------------------------------------------------------------------------------------

    boolean allHold() {
        return all().stream().allMatch(Check::holds);
    }

    /** Every violation, the first ones of each invariant in detail and a count line per broken invariant. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Check check : all()) {
            if (!check.holds()) {
                problems.add(check.name + " broken: " + check.missing + " missing, " + check.extra + " extra, "
                        + check.stale + " stale (rule: " + check.rule + ")");
                problems.addAll(check.details);
            }
        }
        return problems;
    }

    String table() {
        StringBuilder out = new StringBuilder(String.format("%n%-40s %8s %8s %7s %7s %7s%n", "invariant", "checked",
                "missing", "extra", "stale", "result"));
        Map<String, String> rules = new LinkedHashMap<>();
        for (Check check : all()) {
            out.append(String.format("%-40s %8d %8d %7d %7d %7s%n", check.name, check.checked, check.missing,
                    check.extra, check.stale, check.holds() ? "ok" : "BROKEN"));
            rules.put(check.name, check.rule);
        }
        rules.forEach((name, rule) -> out.append("  ").append(name).append(": ").append(rule).append('\n'));
        return out.toString();
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
}
