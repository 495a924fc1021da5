package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/** Dispensary stores and the patient data of the tests: patients, their visibility, policies, documents, prescribers. */
final class PatientData {

    private PatientData() {
    }

    static String dispensaryOn(int siteId) {
        return dispensaryOn(siteId, true);
    }

    static String dispensaryOn(int siteId, boolean includeTransactions) {
        String id = unique("DISP");
        admin().body(Map.of("id", id, "code", id, "name", "Dispensary " + id, "nameId", "N_" + id,
                "activeSiteId", siteId, "dispensary", true, "includeTransactions", includeTransactions))
                .post("/api/stores").then().statusCode(201);
        return id;
    }

    static ObjectNode patient(String id, String homeStore) {
        return record("name", id, "Update", Map.of("ID", id, "type", "patient", "name", "Patient " + id,
                "supplying_store_id", homeStore));
    }

    static ObjectNode visibility(String patient, String store) {
        return visibility(unique("NSJ"), patient, store, true);
    }

    static ObjectNode visibility(String joinId, String patient, String store, boolean visible) {
        return record("name_store_join", joinId, "Update", Map.of("ID", joinId, "name_ID", patient, "store_ID", store,
                "inactive", !visible));
    }

    static ObjectNode policy(String patient) {
        String id = unique("NIJ");
        return record("nameInsuranceJoin", id, "Update", Map.of("ID", id, "nameID", patient,
                "insuranceProviderID", "INS", "isActive", true, "policyNumberPerson", "P-" + id));
    }

    static ObjectNode document(String patient) {
        String id = unique("DOC");
        return record("om_document", id, "Update", Map.of("ID", id, "name", "encounter", "owner_name_ID", patient,
                "type", "Encounter", "status", "ACTIVE"));
    }

    static ObjectNode prescriber(String id, String homeStore) {
        return record("clinician", id, "Update", Map.of("ID", id, "code", id, "first_name", "Ada", "last_name", "Byron",
                "initials", "AB", "female", true, "active", true, "store_ID", homeStore));
    }

    /** A prescriber placed in a store ({@code clinician_store_join}). */
    static ObjectNode placement(String prescriber, String store) {
        String id = unique("CSJ");
        return record("clinician_store_join", id, "Update", Map.of("ID", id, "store_ID", store, "prescriber_ID", prescriber));
    }

    /** The site pushes the records, all accepted; they are expected back as pushed. */
    static void push(RemoteSite site, Map<String, JsonNode> expected, ObjectNode... records) {
        long refused = refused(site.id);
        site.push(records);
        assertThat(refused(site.id)).as("nothing refused").isEqualTo(refused);
        expect(expected, records);
    }

    /** The central edits the records through the admin API, all accepted; they are expected back as sent. */
    static void central(Map<String, JsonNode> expected, ObjectNode... records) {
        ArrayNode data = RemoteSite.JSON.createArrayNode().addAll(List.of(records));
        admin().body(Map.of("data", RemoteSite.JSON.convertValue(data, List.class))).post("/api/records")
                .then().statusCode(200).body("accepted", equalTo(records.length));
        expect(expected, records);
    }

    static void expect(Map<String, JsonNode> expected, ObjectNode... records) {
        for (ObjectNode record : records) {
            expected.put(key(record), record.path("recordData"));
        }
    }

    /** "table/id" of a record as pushed or pulled. */
    static String key(JsonNode record) {
        return record.path("tableName").asText() + "/" + record.path("recordId").asText();
    }

    /** The records pulled, by "table/id", each the last version received. */
    static Map<String, JsonNode> byKey(List<JsonNode> pulled) {
        Map<String, JsonNode> received = new HashMap<>();
        pulled.forEach(record -> received.put(key(record), record.path("recordData")));
        return received;
    }

    static long refused(int siteId) {
        return admin().get("/api/sites/" + siteId).then().extract().jsonPath().getLong("refusedRecords");
    }
}
