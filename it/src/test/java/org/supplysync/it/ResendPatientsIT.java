package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.InitialisationIT.job;
import static org.supplysync.it.PatientData.central;
import static org.supplysync.it.PatientData.dispensaryOn;
import static org.supplysync.it.PatientData.document;
import static org.supplysync.it.PatientData.patient;
import static org.supplysync.it.PatientData.policy;
import static org.supplysync.it.PatientData.prescriber;
import static org.supplysync.it.PatientData.push;
import static org.supplysync.it.PatientData.visibility;
import static org.supplysync.it.RemoteSite.record;

/**
 * resend-patients (issue 9, the seed's "Resync patient records when store is saved"): the store's active site gets
 * every patient visible in the store again, with the patient's data, and the dispensary reference data; never a
 * patient the store does not see.
 */
class ResendPatientsIT extends DeployedApplication {

    @Test
    void theStoresSiteGetsItsVisiblePatientsWithTheirDataAndTheReferenceDataButNoOtherPatient() throws SQLException {
        RemoteSite site = RemoteSite.register("desktop");
        RemoteSite other = RemoteSite.register("desktop");
        String dispensary = dispensaryOn(site.id);
        String neighbour = dispensaryOn(site.id);
        String elsewhere = dispensaryOn(other.id);
        Map<String, JsonNode> expected = new HashMap<>();

        // The site's own patient, made visible in its dispensary by the site itself, with a policy and a document.
        String own = unique("PAT");
        push(site, expected, patient(own, dispensary), visibility(own, dispensary), policy(own), document(own));
        // Another site's patient with its policy; the central makes it visible in the dispensary (the site gets the
        // patient's history then, and again in the resend).
        String theirs = unique("PAT");
        push(other, expected, patient(theirs, elsewhere), visibility(theirs, elsewhere), policy(theirs));
        central(expected, visibility(theirs, dispensary));
        // A prescriber of the dispensary, placed there by its clinician_store_join: sent with the patients.
        String prescriber = unique("DOC");
        String placement = unique("CSJ");
        push(site, new HashMap<>(), prescriber(prescriber, dispensary),
                record("clinician_store_join", placement, "Update", Map.of("ID", placement, "store_ID", dispensary,
                        "prescriber_ID", prescriber)));
        // The site's patient in its other dispensary only: not for this resend, though the site may hold it.
        String unseen = unique("PAT");
        push(site, new HashMap<>(), patient(unseen, neighbour), visibility(unseen, neighbour), policy(unseen));
        String provider = unique("INS");
        String abbreviation = unique("ABB");
        central(new HashMap<>(),
                record("insuranceProvider", provider, "Update", Map.of("ID", provider, "providerName", "AIA",
                        "isActive", true, "comment", "")),
                record("abbreviation", abbreviation, "Update", Map.of("ID", abbreviation, "abbreviation", "bd",
                        "expansion", "twice a day")));
        site.drainQueue();
        String initialisation = JsonPath.from(site.get("/sync/v5/site").body()).getString("initialisationStatus");

        long execution = admin().body(Map.of("storeId", dispensary)).post("/api/jobs/resend-patients")
                .then().statusCode(202).extract().jsonPath().getLong("executionId");
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(job(execution).getString("status")));

        List<JsonNode> pulled = site.drainQueue();
        Map<String, JsonNode> received = new HashMap<>();
        pulled.forEach(r -> received.put(r.path("tableName").asText() + "/" + r.path("recordId").asText(), r.path("recordData")));
        assertThat(pulled).as("no record twice").hasSize(received.size());
        Set<String> reference = heldReferenceRecords();
        assertThat(reference).contains("insuranceProvider/" + provider, "abbreviation/" + abbreviation);
        Set<String> patients = new HashSet<>(received.keySet());
        patients.removeAll(reference);
        patients.removeAll(Set.of("clinician/" + prescriber, "clinician_store_join/" + placement));
        assertThat(patients).as("the visible patients' records").containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(received.keySet()).as("and the dispensary reference data the central holds").containsAll(reference);
        expected.forEach((key, data) -> assertThat(received.get(key)).as(key).isEqualTo(data));

        JsonPath done = job(execution);
        assertThat(done.getLong("queued")).isEqualTo(pulled.size());
        assertThat(done.getLong("done")).as("examined: the patients', the prescriber's and the reference records")
                .isEqualTo(done.getLong("total")).isEqualTo(expected.size() + 2 + reference.size());
        assertThat(JsonPath.from(site.get("/sync/v5/site").body()).getString("initialisationStatus"))
                .as("a resend is no initialisation").isEqualTo(initialisation);
    }

    @Test
    void badParametersStartNothing() {
        String onTheCentral = createStore(1);
        long before = resends();
        admin().body(Map.of()).post("/api/jobs/resend-patients").then().statusCode(400)
                .contentType("application/problem+json");
        admin().body(Map.of("storeId", "NO_SUCH_STORE")).post("/api/jobs/resend-patients").then().statusCode(400)
                .body("detail", containsString("NO_SUCH_STORE"));
        admin().body(Map.of("storeId", onTheCentral)).post("/api/jobs/resend-patients").then().statusCode(400);
        admin().body(Map.of("storeId", onTheCentral, "siteId", 2)).post("/api/jobs/resend-patients").then().statusCode(400);
        assertThat(resends()).as("nothing started").isEqualTo(before);
    }

    private static long resends() {
        List<String> names = admin().get("/api/jobs").then().statusCode(200).extract().jsonPath().getList("jobName");
        return names.stream().filter("resend-patients"::equals).count();
    }

    /** What the central holds of the central data only dispensaries get, as the registry says. */
    private static Set<String> heldReferenceRecords() throws SQLException {
        Set<String> held = new HashSet<>();
        try (Connection db = Database.application().getConnection(); Statement select = db.createStatement();
             ResultSet row = select.executeQuery("""
                     select r.table_name, r.record_id from sync_record r join data_type d on d.table_name = r.table_name
                     where d.type = 'CENTRAL' and d.dispensary_only and r.held and not r.deleted""")) {
            while (row.next()) {
                held.add(row.getString(1) + "/" + row.getString(2));
            }
        }
        return held;
    }
}
