package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.simulate.WorkloadLog.StoreDef;
import org.supplysync.client.sync.RemoteSite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The work of one remote site's stores between syncs: locations, stock lines, customer invoices (transfers when the
 * customer is a store that can see this one and that this one can see) with their lines, request requisitions to such
 * stores with theirs, supplier invoices and stocktakes; made, updated across several syncs, and deleted. In its
 * dispensary stores: patients homed there with their policies and documents, visible in their home store and sometimes
 * in another dispensary of the site (and no longer, later), prescribers placed in them, and prescriptions for the
 * patients visible in the store. Patient data is never deleted; each version carries the record's edit count ("v3"),
 * so that every version is told from the others. Every edit goes into the site's database and into the workload
 * log, under the simulation's lock.
 */
final class SiteWorkload {

    private final int siteId;
    private RemoteSite site;
    private final WorkloadLog log;
    private final Object lock;
    private final String prefix;
    private final Supplier<List<String>> items;
    private final String supplierNameId;
    private final String customerNameId;
    private final String insuranceProviderId;
    private final Random random;
    private final Map<String, Map<String, ObjectNode>> live = new LinkedHashMap<>();
    /** Per patient record, how many versions the site wrote: kept across a lost database, so no version repeats. */
    private final Map<String, Integer> versions = new HashMap<>();
    private int serial;
    int edits;

    SiteWorkload(int siteId, RemoteSite site, WorkloadLog log, Object lock, String prefix, long seed,
                 Supplier<List<String>> items, String supplierNameId, String customerNameId, String insuranceProviderId) {
        this.siteId = siteId;
        this.site = site;
        this.log = log;
        this.lock = lock;
        this.prefix = prefix;
        this.items = items;
        this.supplierNameId = supplierNameId;
        this.customerNameId = customerNameId;
        this.insuranceProviderId = insuranceProviderId;
        this.random = new Random(seed);
    }

    RemoteSite site() {
        return site;
    }

    int siteId() {
        return siteId;
    }

    Random random() {
        return random;
    }

    /** The site's database is gone: a new installation takes its place, and nothing of the work is at hand yet. */
    void reinstalled(RemoteSite fresh) {
        site = fresh;
        live.clear();
    }

    /**
     * After the new installation's first sync: the site goes on with the records it made that the new database holds,
     * as it holds them now; the others are gone from its work.
     */
    void carryOnWithWhatIsHeld() {
        live.clear();
        synchronized (lock) {
            for (WorkloadLog.SiteRecord record : log.siteRecords()) {
                if (record.site == siteId) {
                    site.db().get(record.key.table(), record.key.id()).filter(r -> !r.deleted()).ifPresent(r ->
                            live.computeIfAbsent(r.tableName(), t -> new LinkedHashMap<>()).put(r.recordId(), r.data()));
                }
            }
        }
    }

    /** A handful of edits across the site's stores. */
    void work(int day, int count) {
        List<StoreDef> stores;
        synchronized (lock) {
            stores = log.storesOn(siteId);
        }
        List<StoreDef> dispensaries = stores.stream().filter(StoreDef::dispensary).toList();
        if (day == 1) {
            // Patients and a prescriber from the start, so that other sites have someone else's to see and trespass on.
            registerPatient(dispensaries.get(0), day);
            registerPatient(dispensaries.get(dispensaries.size() - 1), day);
            registerPrescriber(dispensaries.get(0), day);
        }
        for (int i = 0; i < count; i++) {
            StoreDef store = stores.get(random.nextInt(stores.size()));
            StoreDef dispensary = dispensaries.get(random.nextInt(dispensaries.size()));
            int choice = random.nextInt(100);
            if (choice < 14) {
                patientWork(dispensary, dispensaries, day);
            } else if (choice < 20) {
                prescription(dispensary, day);
            } else if (choice < 30) {
                location(store);
            } else if (choice < 44) {
                stock(store, day);
            } else if (choice < 64) {
                invoice(store, day);
            } else if (choice < 70) {
                requisition(store, day);
            } else if (choice < 84) {
                supplierInvoice(store, day);
            } else {
                stocktake(store, day);
            }
        }
    }

    // --- records -------------------------------------------------------------------------------------------

    private void location(StoreDef store) {
        ObjectNode existing = pick("Location", store);
        int roll = random.nextInt(10);
        if (existing == null || roll < 4) {
            String id = id("LOC");
            put("Location", SiteRecords.location(id, store.id(), "L" + serial, "Shelf " + id, random.nextInt(50)));
        } else if (roll < 8) {
            put("Location", existing.deepCopy().put("Description", "Shelf moved " + random.nextInt(1000))
                    .put("hold", random.nextBoolean()));
        } else {
            delete("Location", existing);
        }
    }

    // --- patients ------------------------------------------------------------------------------------------

    /**
     * One edit of the site's patient data in a dispensary: a patient registered there or updated, a policy or a
     * document, a patient made visible in another dispensary of the site or no longer, a prescriber registered,
     * updated or placed in another dispensary of the site (sync-rules.md "Patient visibility": its own patients in
     * its own stores only).
     */
    private void patientWork(StoreDef dispensary, List<StoreDef> dispensaries, int day) {
        ObjectNode patient = pickWhere("name", null, p -> true);
        int roll = random.nextInt(100);
        if (patient == null || roll < 20) {
            registerPatient(dispensary, day);
        } else if (roll < 35) {
            put("name", versioned(patient.deepCopy().put("phone", "555-" + random.nextInt(10_000)), "comment", "seen day " + day));
        } else if (roll < 50) {
            ObjectNode policy = pickWhere("nameInsuranceJoin", null, p -> true);
            if (policy == null || random.nextBoolean()) {
                String id = id("NIJ");
                put("nameInsuranceJoin", versioned(SiteRecords.policy(id, patient.get("ID").asText(),
                        insuranceProviderId, ""), "policyNumberFull", "POL-" + id));
            } else {
                put("nameInsuranceJoin", versioned(policy.deepCopy(), "policyNumberFull", "POL-" + policy.get("ID").asText()));
            }
        } else if (roll < 65) {
            ObjectNode document = pickWhere("om_document", null, p -> true);
            if (document == null || random.nextBoolean()) {
                put("om_document", versioned(SiteRecords.document(id("DOC"), patient.get("ID").asText(), "",
                        date(day) + "T10:00:00"), "name", "encounter day " + day));
            } else {
                put("om_document", versioned(document.deepCopy(), "name", "encounter day " + day));
            }
        } else if (roll < 78) {
            patientVisibility(patient, dispensaries);
        } else {
            prescriberWork(dispensary, dispensaries, day);
        }
    }

    private void registerPatient(StoreDef home, int day) {
        String id = id("PAT");
        put("name", versioned(SiteRecords.patient(id, home.id()), "comment", "registered day " + day));
        put("name_store_join", SiteRecords.visibility(id("NSJ"), id, home.id(), true));
    }

    /**
     * The patient becomes visible in another dispensary of the site, or stops being visible in one that is not its
     * home store; a join made inactive stays so (visible again means a new join).
     */
    private void patientVisibility(ObjectNode patient, List<StoreDef> dispensaries) {
        String patientId = patient.get("ID").asText();
        String home = patient.path("supplying_store_id").asText();
        ObjectNode visible = pickWhere("name_store_join", null, j -> patientId.equals(j.path("name_ID").asText())
                && !home.equals(j.path("store_ID").asText()) && !j.path("inactive").asBoolean());
        if (visible != null && random.nextInt(3) == 0) {
            put("name_store_join", visible.deepCopy().put("inactive", true));
            return;
        }
        List<StoreDef> others = dispensaries.stream().filter(d -> !d.id().equals(home))
                .filter(d -> pickWhere("name_store_join", d, j -> patientId.equals(j.path("name_ID").asText())
                        && !j.path("inactive").asBoolean()) == null).toList();
        if (!others.isEmpty()) {
            StoreDef store = others.get(random.nextInt(others.size()));
            put("name_store_join", SiteRecords.visibility(id("NSJ"), patientId, store.id(), true));
        }
    }

    private void prescriberWork(StoreDef dispensary, List<StoreDef> dispensaries, int day) {
        ObjectNode prescriber = pickWhere("clinician", null, p -> true);
        int roll = random.nextInt(10);
        if (prescriber == null || roll < 4) {
            registerPrescriber(dispensary, day);
        } else if (roll < 7) {
            put("clinician", versioned(prescriber.deepCopy().put("phone", "555-" + random.nextInt(10_000)), "last_name",
                    "Doctor " + prescriber.get("ID").asText()));
        } else {
            String prescriberId = prescriber.get("ID").asText();
            List<StoreDef> unplaced = dispensaries.stream().filter(d -> pickWhere("clinician_store_join", d,
                    j -> prescriberId.equals(j.path("prescriber_ID").asText())) == null).toList();
            if (!unplaced.isEmpty()) {
                StoreDef store = unplaced.get(random.nextInt(unplaced.size()));
                put("clinician_store_join", SiteRecords.placement(id("CSJ"), prescriberId, store.id()));
            }
        }
    }

    private void registerPrescriber(StoreDef home, int day) {
        String id = id("DOC");
        put("clinician", versioned(SiteRecords.prescriber(id, home.id(), ""), "last_name", "Doctor " + id));
        put("clinician_store_join", SiteRecords.placement(id("CSJ"), id, home.id()));
    }

    /**
     * A prescription in a dispensary for a patient visible there (its own or, through the central, another site's),
     * by a prescriber placed there if it has one, with a line or two; or an open one finalised, or given a line.
     * The patients and prescribers are those visible when the site last synced: the ones it holds.
     */
    private void prescription(StoreDef dispensary, int day) {
        ObjectNode open = pickWhere("transact", dispensary, t -> "dispensary".equals(t.path("mode").asText())
                && !"fn".equals(t.path("status").asText()));
        int roll = random.nextInt(10);
        if (open == null || roll < 5) {
            List<String> patients;
            List<String> prescribers;
            synchronized (lock) {
                int synced = log.lastPushOf(siteId);
                patients = log.visibleIn(dispensary.id(), "name", synced);
                prescribers = log.visibleIn(dispensary.id(), "clinician", synced);
            }
            if (patients.isEmpty()) {
                return;
            }
            String id = id("PS");
            String prescriber = prescribers.isEmpty() ? "" : prescribers.get(random.nextInt(prescribers.size()));
            ObjectNode prescription = SiteRecords.prescription(id, dispensary.id(),
                    patients.get(random.nextInt(patients.size())), prescriber, ++serial, "prescribed day " + day,
                    date(day), 3600 + random.nextInt(36_000));
            put("transact", random.nextBoolean() ? prescription : finalised(prescription, day));
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                put("trans_line", line(id, "stock_out"));
            }
        } else if (roll < 8) {
            put("transact", finalised(open.deepCopy(), day));
        } else {
            put("trans_line", line(open.get("ID").asText(), "stock_out"));
        }
    }

    private ObjectNode finalised(ObjectNode transact, int day) {
        return transact.put("status", "fn").put("finalised_date", date(day)).put("finalised_time", 3600 + random.nextInt(36_000));
    }

    /** The next version of a patient record: its edit count written into {@code field}, after {@code text}. */
    private ObjectNode versioned(ObjectNode data, String field, String text) {
        int version = versions.merge(data.get("ID").asText(), 1, Integer::sum);
        return data.put(field, text + " v" + version);
    }

    private void stock(StoreDef store, int day) {
        ObjectNode existing = pick("item_line", store);
        int roll = random.nextInt(10);
        List<String> catalogue = items.get();
        if (existing == null || roll < 4) {
            String id = id("IL");
            int packs = 10 + random.nextInt(500);
            ObjectNode location = pick("Location", store);
            put("item_line", SiteRecords.itemLine(id, store.id(), catalogue.get(random.nextInt(catalogue.size())),
                    "B" + random.nextInt(10_000), "2028-0" + (1 + random.nextInt(9)) + "-15",
                    location == null ? "" : location.get("ID").asText(), 1 + random.nextInt(10), packs,
                    random.nextInt(1000) / 4.0, random.nextInt(1000) / 2.0, "day " + day, supplierNameId));
        } else if (roll < 8) {
            int packs = random.nextInt(400);
            put("item_line", existing.deepCopy().put("available", packs).put("quantity", packs).put("note", "counted day " + day));
        } else {
            delete("item_line", existing);
        }
    }

    /** A customer invoice: to a store that sees this one and that this one sees (a transfer), else to a customer. */
    private void invoice(StoreDef store, int day) {
        ObjectNode open = pickWhere("transact", store, t -> "ci".equals(t.path("type").asText())
                && !"dispensary".equals(t.path("mode").asText()) && !"fn".equals(t.path("status").asText()));
        int roll = random.nextInt(10);
        if (open == null || roll < 4) {
            String customer = customerFor(store);
            String id = id("CI");
            ObjectNode invoice = transact(id, store, customer, "ci", day);
            put("transact", invoice);
            int lines = 1 + random.nextInt(3);
            for (int i = 0; i < lines; i++) {
                put("trans_line", line(id, "stock_out"));
            }
        } else if (roll < 7) {
            String next = "nw".equals(open.path("status").asText()) ? "cn" : "fn";
            ObjectNode updated = open.deepCopy().put("status", next);
            if ("cn".equals(next)) {
                updated.put("confirm_date", date(day)).put("confirm_time", 3600 + random.nextInt(36_000));
            } else {
                updated.put("finalised_date", date(day)).put("finalised_time", 3600 + random.nextInt(36_000));
            }
            put("transact", updated);
        } else {
            ObjectNode line = pickWhere("trans_line", null, l -> open.get("ID").asText().equals(l.path("transaction_ID").asText()));
            if (line == null) {
                put("trans_line", line(open.get("ID").asText(), "stock_out"));
            } else if (roll < 9) {
                put("trans_line", line.deepCopy().put("quantity", 1 + random.nextInt(40)).put("note", "changed day " + day));
            } else {
                delete("trans_line", line);
            }
        }
    }

    /** A request requisition to a supplying store (a transfer once finalised), its lines, and its finalising. */
    private void requisition(StoreDef store, int day) {
        ObjectNode open = pickWhere("requisition", store, r -> !"fn".equals(r.path("status").asText()));
        String supplier = partnerFor(store);
        if (open == null && supplier == null) {
            location(store);
        } else if (open == null || (supplier != null && random.nextInt(10) < 3)) {
            String id = id("RQ");
            put("requisition", SiteRecords.request(id, store.id(), supplier, ++serial, date(day), 1_772_000_000L + day * 86_400L));
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                put("requisition_line", requestLine(id));
            }
        } else if (random.nextInt(10) < 6) {
            put("requisition", open.deepCopy().put("status", "fn").put("lastModifiedAt", 1_772_000_000L + day * 86_400L));
        } else {
            put("requisition_line", requestLine(open.get("ID").asText()));
        }
    }

    private ObjectNode requestLine(String requisitionId) {
        List<String> catalogue = items.get();
        return SiteRecords.requestLine(id("RQL"), requisitionId, catalogue.get(random.nextInt(catalogue.size())),
                10 + random.nextInt(200));
    }

    private void supplierInvoice(StoreDef store, int day) {
        ObjectNode open = pickWhere("transact", store, t -> "si".equals(t.path("type").asText())
                && !"fn".equals(t.path("status").asText()));
        if (open == null || random.nextInt(3) == 0) {
            String id = id("SI");
            put("transact", transact(id, store, supplierNameId, "si", day));
            put("trans_line", line(id, "stock_in"));
        } else {
            put("transact", open.deepCopy().put("status", "fn").put("finalised_date", date(day)));
        }
    }

    private void stocktake(StoreDef store, int day) {
        ObjectNode open = pickWhere("Stock_take", store, s -> "sg".equals(s.path("status").asText()));
        int roll = random.nextInt(10);
        if (open == null || roll < 4) {
            String id = id("ST");
            put("Stock_take", SiteRecords.stockTake(id, store.id(), ++serial, "Count day " + day, date(day),
                    random.nextInt(80_000)));
        } else if (roll < 8) {
            put("Stock_take", open.deepCopy().put("status", "fn").put("comment", "finalised day " + day));
        } else {
            delete("Stock_take", open);
        }
    }

    private ObjectNode transact(String id, StoreDef store, String nameId, String type, int day) {
        return SiteRecords.transact(id, store.id(), nameId, ++serial, type, "made day " + day, date(day),
                3600 + random.nextInt(36_000));
    }

    private ObjectNode line(String invoiceId, String type) {
        List<String> catalogue = items.get();
        String item = catalogue.get(random.nextInt(catalogue.size()));
        return SiteRecords.transLine(id("TL"), invoiceId, item, "B" + random.nextInt(1000), type, 1 + random.nextInt(20));
    }

    private String customerFor(StoreDef store) {
        String partner = partnerFor(store);
        return partner != null && random.nextInt(10) < 7 ? partner : customerNameId;
    }

    /** The name of a store this one trades with (each sees the other), or null when it has none. */
    private String partnerFor(StoreDef store) {
        synchronized (lock) {
            List<StoreDef> partners = new ArrayList<>();
            for (StoreDef other : log.stores()) {
                if (!other.id().equals(store.id()) && log.isVisibleIn(other.id(), store.id())
                        && log.isVisibleIn(store.id(), other.id())) {
                    partners.add(other);
                }
            }
            return partners.isEmpty() ? null : partners.get(random.nextInt(partners.size())).nameId();
        }
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    private String id(String kind) {
        return prefix + kind + siteId + "_" + (++serial);
    }

    private static String date(int day) {
        return java.time.LocalDate.of(2026, 3, 1).plusDays(day).toString();
    }

    private ObjectNode pick(String table, StoreDef store) {
        return pickWhere(table, store, r -> true);
    }

    private ObjectNode pickWhere(String table, StoreDef store, java.util.function.Predicate<ObjectNode> filter) {
        List<ObjectNode> candidates = new ArrayList<>();
        for (ObjectNode record : live.getOrDefault(table, Map.of()).values()) {
            if ((store == null || store.id().equals(record.path("store_ID").asText())) && filter.test(record)) {
                candidates.add(record);
            }
        }
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private void put(String table, ObjectNode data) {
        String id = data.get("ID").asText();
        synchronized (lock) {
            site.db().put(table, id, data);
            log.localEdit(siteId, table, id, data);
        }
        live.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(id, data);
        edits++;
    }

    private void delete(String table, ObjectNode data) {
        String id = data.get("ID").asText();
        synchronized (lock) {
            site.db().delete(table, id);
            log.localEdit(siteId, table, id, null);
        }
        live.get(table).remove(id);
        edits++;
    }
}
