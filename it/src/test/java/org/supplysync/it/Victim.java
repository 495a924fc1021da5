package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/**
 * The site an abuse campaign attacks: a store and a dispensary with stock, invoices, a stocktake, a patient and a
 * prescriber, all pushed by the site itself, and the central's copy of each as it was before the campaign. Whatever
 * another site pushes, these copies must stay exactly as they were.
 */
final class Victim {

    final RemoteSite site;
    final String store;
    final String dispensary;
    final String invoice;
    final String invoiceLine;
    final String location;
    final String stocktake;
    final String stocktakeLine;
    final String stockLine;
    final String patient;
    final String patientJoin;
    final String policy;
    final String document;
    final String prescriber;
    /** "table/id" of every record of the site's stores: none of them may ever reach another site. */
    final Set<String> storeData = new TreeSet<>();
    /** "table/id" of every record the campaign's unowned cases touch, with the central's copy of it before. */
    private final Map<String, JsonNode> before = new LinkedHashMap<>();
    private Set<String> visibilityBefore;

    private Victim(RemoteSite site) {
        this.site = site;
        this.store = createStore(site.id);
        this.dispensary = PatientData.dispensaryOn(site.id);
        this.invoice = unique("T");
        this.invoiceLine = unique("TL");
        this.location = unique("L");
        this.stocktake = unique("ST");
        this.stocktakeLine = unique("STL");
        this.stockLine = unique("IL");
        this.patient = unique("PAT");
        this.patientJoin = unique("NSJ");
        this.prescriber = unique("CLIN");
        ObjectNode policyRecord = PatientData.policy(patient);
        ObjectNode documentRecord = PatientData.document(patient);
        this.policy = policyRecord.path("recordId").asText();
        this.document = documentRecord.path("recordId").asText();
        PatientData.push(site, new HashMap<>(),
                record("transact", invoice, "Update", Map.of("ID", invoice, "store_ID", store, "name_ID", "",
                        "type", "si", "status", "nw", "comment", "the victim's own")),
                record("trans_line", invoiceLine, "Update", Map.of("ID", invoiceLine, "transaction_ID", invoice,
                        "item_ID", "ITEM1", "quantity", 5)),
                record("Location", location, "Update", Map.of("ID", location, "store_ID", store, "code", "V1")),
                record("Stock_take", stocktake, "Update", Map.of("ID", stocktake, "store_ID", store, "status", "sg")),
                record("Stock_take_lines", stocktakeLine, "Update", Map.of("ID", stocktakeLine, "stock_take_ID",
                        stocktake, "item_ID", "ITEM1")),
                record("item_line", stockLine, "Update", Map.of("ID", stockLine, "store_ID", store, "item_ID", "ITEM1",
                        "quantity", 3)),
                PatientData.patient(patient, dispensary),
                PatientData.visibility(patientJoin, patient, dispensary, true),
                policyRecord, documentRecord,
                PatientData.prescriber(prescriber, dispensary),
                PatientData.placement(prescriber, dispensary));
        storeData.addAll(List.of("transact/" + invoice, "trans_line/" + invoiceLine, "Location/" + location,
                "Stock_take/" + stocktake, "Stock_take_lines/" + stocktakeLine, "item_line/" + stockLine));
    }

    static Victim pushingItsOwnData() {
        return new Victim(RemoteSite.register("desktop"));
    }

    /** Every record of the victim's, and the {@code others} (table/id) unowned cases touch too, as the central holds them now. */
    void remember(List<String> others) throws SQLException {
        List<String> keys = new ArrayList<>(storeData);
        keys.addAll(List.of("name/" + patient, "name_store_join/" + patientJoin, "nameInsuranceJoin/" + policy,
                "om_document/" + document, "clinician/" + prescriber, "store/" + store, "store/" + dispensary));
        keys.addAll(others);
        for (String key : keys) {
            before.put(key, centralCopy(key));
        }
        visibilityBefore = visibility();
    }

    /** What of the victim's the central no longer holds as it did: each a record changed, deleted or made visible. */
    List<String> changedSinceRemembered() throws SQLException {
        List<String> changed = new ArrayList<>();
        before.forEach((key, copy) -> {
            JsonNode now = centralCopy(key);
            if (!now.equals(copy)) {
                changed.add(key + " was " + copy + ", is now " + now);
            }
        });
        Set<String> visibility = visibility();
        if (!visibility.equals(visibilityBefore)) {
            changed.add("visibility in or of the victim's stores and patient was " + visibilityBefore + ", is now " + visibility);
        }
        return changed;
    }

    private static JsonNode centralCopy(String key) {
        io.restassured.response.Response copy = admin().get("/api/records/" + key);
        return copy.statusCode() == 404 ? RemoteSite.JSON.getNodeFactory().textNode("absent")
                : copy.then().statusCode(200).extract().as(JsonNode.class);
    }

    /** The name_store_joins in the victim's stores or of its patient and prescriber, as the central indexes them. */
    private Set<String> visibility() throws SQLException {
        Set<String> joins = new TreeSet<>();
        try (Connection db = Database.application().getConnection();
             PreparedStatement query = db.prepareStatement("SELECT join_id, name_id, store_id FROM name_visibility"
                     + " WHERE store_id IN (?, ?) OR name_id IN (?, ?)")) {
            query.setString(1, store);
            query.setString(2, dispensary);
            query.setString(3, patient);
            query.setString(4, prescriber);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    joins.add(rows.getString(1) + ":" + rows.getString(2) + "@" + rows.getString(3));
                }
            }
        }
        return joins;
    }
}
