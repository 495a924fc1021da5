package org.supplysync.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;
import java.util.Map;

import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.JSON;

/**
 * Records a site pushes that it does not own (sync-rules.md, "Ownership checks"), as jqwik arbitraries: data of the
 * victim's stores, the victim's patients and prescriber, merges that take in the victim's records, central and
 * central-store data (the attacker is not the primary). Each carries the campaign's marker in its data, so that any
 * of them found on the central, or at the victim, is an unowned record accepted.
 */
final class UnownedRecords {

    /** Tables of store data, each with the field that names its store. */
    private static final Map<String, String> STORE_TABLES = Map.of("transact", "store_ID", "Location", "store_ID",
            "Stock_take", "store_ID", "item_line", "store_ID", "requisition", "store_ID", "purchase_order", "store_ID",
            "om_activity_log", "store_ID", "sensor", "store_ID", "indicator_value", "store_ID", "Goods_received", "store_ID");

    private final Victim victim;
    private final String marker;
    private final String attackerStore;
    private final String attackerDispensary;
    private final String attackerPatient;
    private final String attackerPrescriber;
    private final List<String> centralItems;

    UnownedRecords(Victim victim, String marker, String attackerStore, String attackerDispensary, String attackerPatient,
                   String attackerPrescriber, List<String> centralItems) {
        this.victim = victim;
        this.marker = marker;
        this.attackerStore = attackerStore;
        this.attackerDispensary = attackerDispensary;
        this.attackerPatient = attackerPatient;
        this.attackerPrescriber = attackerPrescriber;
        this.centralItems = centralItems;
    }

    /** The attacker's records that the merges below name: accepting such a merge changes them too. */
    List<String> attackersRecordsMergesTouch() {
        return List.of("name/" + attackerPatient, "clinician/" + attackerPrescriber, "item/" + centralItems.get(0),
                "item/" + centralItems.get(1));
    }

    /** Data of the victim's stores: new records there, changes or deletes of its records, lines of its parents. */
    Arbitrary<ObjectNode> ofOtherSitesStores() {
        Arbitrary<String> victimStores = Arbitraries.of(victim.store, victim.dispensary);
        Arbitrary<String> anyStore = Arbitraries.of(victim.store, victim.dispensary, attackerStore);
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(STORE_TABLES.keySet()), victimStores, extraFields())
                        .as((table, store, extra) -> update(table, unique("U"), extra.put(STORE_TABLES.get(table), store))),
                Combinators.combine(Arbitraries.of(List.of("transact/" + victim.invoice, "Location/" + victim.location,
                                "Stock_take/" + victim.stocktake, "item_line/" + victim.stockLine)), anyStore, extraFields())
                        .as((key, store, extra) -> update(table(key), id(key), extra.put("store_ID", store))),
                Combinators.combine(Arbitraries.of(victim.invoiceLine, unique("TL")), extraFields())
                        .as((line, extra) -> update("trans_line", line, extra.put("transaction_ID", victim.invoice))),
                Combinators.combine(Arbitraries.of(victim.stocktakeLine, unique("STL")), extraFields())
                        .as((line, extra) -> update("Stock_take_lines", line, extra.put("stock_take_ID", victim.stocktake))),
                Arbitraries.of(victim.storeData).map(key -> delete(table(key), id(key))));
    }

    /** The victim's patient and prescriber changed, re-homed, given data, made visible, hidden or deleted. */
    Arbitrary<ObjectNode> patientsOfOtherHomeSites() {
        return Arbitraries.oneOf(patientData(), visibilityOfOthersPatients());
    }

    /**
     * The victim's patient and prescriber and their data changed, re-homed or deleted: owned by their home site only,
     * so refused to the central acting as a site too (an administrator re-homes a patient through its own call).
     */
    Arbitrary<ObjectNode> patientData() {
        Arbitrary<String> homes = Arbitraries.of(victim.dispensary, attackerDispensary, victim.store);
        return Arbitraries.oneOf(
                Combinators.combine(homes, Arbitraries.of("patient", "facility", "store"), extraFields())
                        .as((home, type, extra) -> update("name", victim.patient, extra.put("type", type)
                                .put("supplying_store_id", home).put("name", marker))),
                extraFields().map(extra -> update("name", unique("PAT"), extra.put("type", "patient")
                        .put("supplying_store_id", victim.dispensary))),
                Combinators.combine(Arbitraries.of(victim.policy, unique("NIJ")), extraFields())
                        .as((policy, extra) -> update("nameInsuranceJoin", policy, extra.put("nameID", victim.patient))),
                Combinators.combine(Arbitraries.of(victim.document, unique("DOC")), extraFields())
                        .as((doc, extra) -> update("om_document", doc, extra.put("owner_name_ID", victim.patient))),
                Combinators.combine(homes, extraFields())
                        .as((home, extra) -> update("clinician", victim.prescriber, extra.put("store_ID", home))),
                Arbitraries.of("name/" + victim.patient, "nameInsuranceJoin/" + victim.policy, "om_document/" + victim.document,
                        "clinician/" + victim.prescriber).map(key -> delete(table(key), id(key))));
    }

    /**
     * The victim's patient and prescriber made visible in the attacker's stores, or hidden in the victim's: a site
     * places its own patients in its own stores only (the primary may place any, sync-rules.md "Patient visibility").
     */
    Arbitrary<ObjectNode> visibilityOfOthersPatients() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(attackerDispensary, attackerStore, victim.dispensary), extraFields())
                        .as((store, extra) -> update("clinician_store_join", unique("CSJ"), extra.put("store_ID", store)
                                .put("prescriber_ID", victim.prescriber))),
                Combinators.combine(Arbitraries.of(attackerDispensary, attackerStore), extraFields())
                        .as((store, extra) -> update("name_store_join", unique("NSJ"), extra.put("name_ID", victim.patient)
                                .put("store_ID", store).put("inactive", false))),
                extraFields().map(extra -> update("name_store_join", victim.patientJoin, extra.put("name_ID", victim.patient)
                        .put("store_ID", victim.dispensary).put("inactive", true))),
                Arbitraries.just(delete("name_store_join", victim.patientJoin)));
    }

    /** Merges where the victim's record, or central data, is kept or merged away, and merges of tables never merged. */
    Arbitrary<ObjectNode> mergesOfOthersRecords() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        merge("name", attackerPatient, victim.patient), merge("name", victim.patient, attackerPatient),
                        merge("name", victim.patient, victim.patient),
                        merge("clinician", attackerPrescriber, victim.prescriber),
                        merge("clinician", victim.prescriber, attackerPrescriber),
                        merge("item", centralItems.get(0), centralItems.get(1)),
                        merge("transact", unique("T"), victim.invoice), merge("Location", victim.location, unique("L"))),
                Combinators.combine(Arbitraries.of("name", "item", "clinician"), Arbitraries.of(victim.patient,
                                victim.prescriber, centralItems.get(0)))
                        .as((table, gone) -> merge(table, unique("KEEP"), gone)));
    }

    /** Central and central-store data, which only the primary changes: the victim's store record among them. */
    Arbitrary<ObjectNode> centralData() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("item", "unit", "currency", "list_master", "options", "abbreviation"),
                        extraFields()).as((table, extra) -> update(table, unique("C"), extra)),
                extraFields().map(extra -> update("item", centralItems.get(0), extra.put("type_of", "general"))),
                extraFields().map(extra -> update("name", unique("N"), extra.put("type", "facility"))),
                Combinators.combine(Arbitraries.of(victim.store, victim.dispensary), extraFields())
                        .as((store, extra) -> update("store", store, extra.put("name_ID", "N_" + store)
                                .put("sync_id_remote_site", victim.site.id + 1))),
                Combinators.combine(Arbitraries.of("pref", "item_store_join", "om_user_permission", "name_store_join"),
                                Arbitraries.of(victim.store, victim.dispensary), extraFields())
                        .as((table, store, extra) -> update(table, unique("CS"), extra.put("store_ID", store)
                                .put("name_ID", "N_" + attackerStore))));
    }

    /** A few fields of any content (never the ones that decide the owner), and the marker. */
    private Arbitrary<ObjectNode> extraFields() {
        return HostileInput.anyObject(List.of("code", "name", "quantity", "status", "note", "entry_date", "x"))
                .map(fields -> fields.put("comment", marker));
    }

    private ObjectNode update(String table, String id, ObjectNode data) {
        return RemoteSite.record(table, id, "Update", Map.of()).set("recordData", data.put("ID", id));
    }

    private static ObjectNode delete(String table, String id) {
        ObjectNode record = JSON.createObjectNode().put("tableName", table).put("recordId", id).put("action", "Delete");
        record.putNull("recordData");
        return record;
    }

    private static ObjectNode merge(String table, String keep, String gone) {
        return RemoteSite.record(table, keep, "Merge", Map.of("mergeIdToKeep", keep, "mergeIdToDelete", gone));
    }

    private static String table(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private static String id(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}
