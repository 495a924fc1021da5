package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.simulate.WorkloadLog.Copy;
import org.supplysync.client.simulate.WorkloadLog.Key;
import org.supplysync.client.simulate.WorkloadLog.SiteRecord;
import org.supplysync.client.simulate.WorkloadLog.StoreDef;
import org.supplysync.client.simulate.WorkloadLog.Trespass;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Records a site pushes although it does not own them (sync-rules.md, "Ownership checks"), built from what the
 * simulation made so far: another site's store data, central data, local data, a patient homed on another site,
 * merges, a re-homing, a move and a delete of another site's records, a change of another site's patient that the
 * site sees, and visibility that only the central may give (sync-rules.md "Patient visibility"): another site's
 * patient or prescriber in a store of the site, the site's own patient in another site's store. Each is logged; the
 * final check expects every one refused and none held anywhere.
 */
final class Trespasses {

    private final WorkloadLog log;
    private final String prefix;
    private final Random random;
    private int serial;
    /** Records some trespass aimed at already: each is aimed at once, so that what one did is never blamed on another. */
    private final Set<Key> aimedAt = new HashSet<>();

    Trespasses(WorkloadLog log, String prefix, Random random) {
        this.log = log;
        this.prefix = prefix;
        this.random = random;
    }

    /** The trespasses of one site against another, at most one per table and record id (one push session). */
    List<Trespass> plan(int site, int victim, List<String> items) {
        List<Trespass> plan = new ArrayList<>();
        Set<String> used = new HashSet<>();
        List<StoreDef> theirs = log.storesOn(victim);
        List<StoreDef> mine = log.storesOn(site);
        StoreDef theirStore = theirs.get(random.nextInt(theirs.size()));
        StoreDef myStore = mine.get(random.nextInt(mine.size()));

        String location = fresh("LOC");
        add(plan, used, fresh(site, "store data of a store active on another site", "Location", location,
                row(location).put("store_ID", theirStore.id()).put("code", "X").put("Description", "not mine")
                        .put("hold", false).put("type_ID", "").put("Volume", 0)));
        String item = fresh("ITEM");
        add(plan, used, fresh(site, "central data from a site that is not the primary", "item", item,
                row(item).put("item_name", "not mine").put("code", item).put("type_of", "general")));
        String preference = fresh("PREF");
        add(plan, used, fresh(site, "local data", "preference", preference,
                row(preference).put("data", "{}")));
        String patient = fresh("PAT");
        add(plan, used, fresh(site, "a patient whose home store is active on another site", "name", patient,
                SiteRecords.patient(patient, theirStore.id())));

        List<SiteRecord> theirPatients = new ArrayList<>(live(victim, "name", null));
        List<SiteRecord> myPatients = live(site, "name", null);
        patientTrespasses(plan, used, site, victim, theirPatients, myPatients, myStore, theirStore);
        if (theirPatients.size() >= 2) {
            SiteRecord kept = theirPatients.remove(0);
            SiteRecord gone = theirPatients.remove(0);
            add(plan, used, merge(site, "a merge of two patients of another site", kept.key.id(), kept.key.id(),
                    gone.key, victim));
        }
        if (!myPatients.isEmpty() && !theirPatients.isEmpty()) {
            SiteRecord own = myPatients.get(random.nextInt(myPatients.size()));
            SiteRecord gone = theirPatients.remove(random.nextInt(theirPatients.size()));
            add(plan, used, merge(site, "a merge of another site's patient into the site's own", own.key.id(),
                    own.key.id(), gone.key, victim));
        }
        if (!theirPatients.isEmpty()) {
            SiteRecord target = theirPatients.remove(random.nextInt(theirPatients.size()));
            add(plan, used, new Trespass(site, "re-homing another site's patient to a store of the site", "name",
                    target.key.id(), "Update", target.pushed.deepCopy().put("supplying_store_id", myStore.id()),
                    null, target.key, victim));
        }
        List<SiteRecord> locations = live(victim, "Location", true);
        if (!locations.isEmpty()) {
            SiteRecord target = locations.get(random.nextInt(locations.size()));
            add(plan, used, new Trespass(site, "moving another site's record into a store of the site", "Location",
                    target.key.id(), "Update", target.pushed.deepCopy().put("store_ID", myStore.id()),
                    null, target.key, victim));
        }
        List<SiteRecord> stock = live(victim, "item_line", true);
        if (!stock.isEmpty()) {
            SiteRecord target = stock.get(random.nextInt(stock.size()));
            add(plan, used, new Trespass(site, "a delete of another site's record", "item_line", target.key.id(),
                    "Delete", AdminApi.JSON.createObjectNode(), null, target.key, victim));
        }
        String existing = items.get(random.nextInt(items.size()));
        ObjectNode current = log.centralData().get(new Key("item", existing));
        if (current != null && !aimedAt.contains(new Key("item", existing))) {
            add(plan, used, new Trespass(site, "an edit of central data from a site that is not the primary", "item",
                    existing, "Update", current.deepCopy().put("item_name", "renamed by site " + site), null,
                    new Key("item", existing), WorkloadLog.CENTRAL));
        }
        return plan;
    }

    /**
     * A change of another site's patient, one the site sees if it sees any (only the home site may change a patient),
     * and joins only the central may push: another site's patient, and another site's prescriber, made visible in a
     * store of the site; the site's own patient made visible in a store of another site.
     */
    private void patientTrespasses(List<Trespass> plan, Set<String> used, int site, int victim,
                                   List<SiteRecord> theirPatients, List<SiteRecord> myPatients, StoreDef myStore,
                                   StoreDef theirStore) {
        if (!theirPatients.isEmpty()) {
            List<SiteRecord> seen = theirPatients.stream()
                    .filter(p -> log.patientVisibleOn(site, p.patientId, log.now())).toList();
            List<SiteRecord> candidates = seen.isEmpty() ? theirPatients : seen;
            SiteRecord target = candidates.get(random.nextInt(candidates.size()));
            theirPatients.remove(target);
            add(plan, used, new Trespass(site, "a change of another site's patient" + (seen.isEmpty() ? "" : " the site sees"),
                    "name", target.key.id(), "Update", target.pushed.deepCopy().put("phone", "changed by site " + site),
                    null, target.key, victim));
            String join = fresh("NSJ");
            add(plan, used, fresh(site, "another site's patient made visible in a store of the site", "name_store_join",
                    join, SiteRecords.visibility(join, target.key.id(), myStore.id(), true)));
        }
        if (!myPatients.isEmpty()) {
            SiteRecord mine = myPatients.get(random.nextInt(myPatients.size()));
            String join = fresh("NSJ");
            add(plan, used, fresh(site, "the site's own patient made visible in a store of another site",
                    "name_store_join", join, SiteRecords.visibility(join, mine.key.id(), theirStore.id(), true)));
        }
        List<SiteRecord> theirPrescribers = live(victim, "clinician", null);
        if (!theirPrescribers.isEmpty()) {
            SiteRecord prescriber = theirPrescribers.get(random.nextInt(theirPrescribers.size()));
            String join = fresh("CSJ");
            add(plan, used, fresh(site, "another site's prescriber placed in a store of the site",
                    "clinician_store_join", join, SiteRecords.placement(join, prescriber.key.id(), myStore.id())));
        }
    }

    /** The push body of a plan: one last batch ({@code queueLength} 0), as a site's push session ends. */
    static ObjectNode body(List<Trespass> plan) {
        ObjectNode body = AdminApi.JSON.createObjectNode().put("queueLength", 0);
        ArrayNode data = body.putArray("data");
        long syncOutId = 0;
        for (Trespass trespass : plan) {
            ObjectNode record = data.addObject().put("syncOutId", Long.toString(++syncOutId))
                    .put("tableName", trespass.table()).put("recordId", trespass.recordId())
                    .put("action", trespass.action());
            record.set("recordData", trespass.data());
        }
        return body;
    }

    /** The refusals a push answer names. */
    static List<JsonNode> refusalsIn(JsonNode answer) {
        List<JsonNode> refusals = new ArrayList<>();
        answer.path("refused").forEach(refusals::add);
        return refusals;
    }

    // --- building ------------------------------------------------------------------------------------------

    /** Live records of a site in a table, pushed already; {@code centralCollector} true: only of stores the central collects. */
    private List<SiteRecord> live(int site, String table, Boolean centralCollector) {
        List<SiteRecord> found = new ArrayList<>();
        for (SiteRecord record : log.siteRecords()) {
            if (record.site == site && record.key.table().equals(table) && record.isLive() && !record.dirty
                    && !aimedAt.contains(record.key)
                    && (centralCollector == null
                    || log.copy(record.storeId, WorkloadLog.CENTRAL) == Copy.ACTIVE_COLLECTOR)) {
                found.add(record);
            }
        }
        found.sort(Comparator.comparing(r -> r.key));
        return found;
    }

    private void add(List<Trespass> plan, Set<String> used, Trespass trespass) {
        if (used.add(trespass.table() + "/" + trespass.recordId())) {
            plan.add(trespass);
            if (trespass.target() != null) {
                aimedAt.add(trespass.target());
            }
        }
    }

    private Trespass fresh(int site, String kind, String table, String id, ObjectNode data) {
        return new Trespass(site, kind, table, id, "Update", data, new Key(table, id), null, -1);
    }

    private Trespass merge(int site, String kind, String recordId, String keep, Key gone, int victim) {
        ObjectNode data = AdminApi.JSON.createObjectNode().put("mergeIdToKeep", keep).put("mergeIdToDelete", gone.id());
        return new Trespass(site, kind, gone.table(), recordId, "Merge", data, null, gone, victim);
    }

    private String fresh(String kind) {
        return prefix + "TRESPASS_" + kind + (++serial);
    }

    private static ObjectNode row(String id) {
        return AdminApi.JSON.createObjectNode().put("ID", id);
    }
}
