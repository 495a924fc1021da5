package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.PatientData.byKey;
import static org.supplysync.it.PatientData.central;
import static org.supplysync.it.PatientData.dispensaryOn;
import static org.supplysync.it.PatientData.document;
import static org.supplysync.it.PatientData.key;
import static org.supplysync.it.PatientData.patient;
import static org.supplysync.it.PatientData.placement;
import static org.supplysync.it.PatientData.policy;
import static org.supplysync.it.PatientData.prescriber;
import static org.supplysync.it.PatientData.push;
import static org.supplysync.it.PatientData.refused;
import static org.supplysync.it.PatientData.visibility;
import static org.supplysync.it.RemoteSite.record;

/**
 * Patients, prescribers and dispensary data go where they are visible (issue 11, sync-rules.md "Data types" and the
 * paragraphs on home stores and visibility), checked by what each of three sites holds after it syncs.
 */
class PatientsIT extends DeployedApplication {

    @Test
    void aPatientMadeVisibleOnANewSiteArrivesThereWithItsHistoryAndOnlyItsHomeSiteMayChangeIt() {
        RemoteSite home = RemoteSite.register("desktop");
        RemoteSite visitor = RemoteSite.register("desktop");
        RemoteSite bystander = RemoteSite.register("desktop");
        String homeDispensary = dispensaryOn(home.id);
        String visitorDispensary = dispensaryOn(visitor.id);
        dispensaryOn(bystander.id);
        Map<String, JsonNode> history = new HashMap<>();
        String patient = unique("PAT");
        push(home, history, patient(patient, homeDispensary), visibility(patient, homeDispensary), policy(patient),
                document(patient));
        home.drainQueue();
        assertThat(keys(visitor.drainQueue())).as("not visible there yet").noneMatch(k -> k.contains(patient));

        // The central makes the patient visible in the visitor's dispensary: the visitor gets the patient with its
        // history, each record as the home site pushed it, and the join; the home site gets nothing back of its own.
        String joinId = unique("NSJ");
        central(history, visibility(joinId, patient, visitorDispensary, true));
        List<JsonNode> arrived = visitor.drainQueue();
        assertThat(byKey(arrived)).as("the patient, its policy, document and both joins").isEqualTo(history);
        assertThat(key(arrived.get(0))).as("the patient first").isEqualTo("name/" + patient);
        assertThat(keys(home.drainQueue())).as("the home site, which had it all").containsExactly("name_store_join/" + joinId);
        assertThat(keys(bystander.drainQueue())).as("a site where it is not visible").noneMatch(k -> k.contains(patient));

        // The home site's later changes reach the visitor; the visitor cannot change the patient or its data.
        ObjectNode renamed = record("name", patient, "Update", Map.of("ID", patient, "type", "patient",
                "name", "Renamed " + patient, "supplying_store_id", homeDispensary));
        push(home, new HashMap<>(), renamed);
        assertThat(byKey(visitor.drainQueue()).get("name/" + patient)).isEqualTo(renamed.path("recordData"));
        long refusedBefore = refused(visitor.id);
        visitor.push(record("name", patient, "Update", Map.of("ID", patient, "type", "patient", "name", "Hijacked",
                "supplying_store_id", homeDispensary)), policy(patient));
        // (a push keeps the last version of a record: the attempt to re-home it goes in a push of its own)
        visitor.push(record("name", patient, "Update", Map.of("ID", patient, "type", "patient", "name", "Re-homed",
                "supplying_store_id", visitorDispensary)));
        assertThat(refused(visitor.id)).as("each change refused").isEqualTo(refusedBefore + 3);
        assertThat(keys(home.drainQueue())).as("nothing of them reaches the home site").isEmpty();

        // Visibility removed: nothing more is sent there.
        central(new HashMap<>(), visibility(joinId, patient, visitorDispensary, false));
        visitor.drainQueue();
        push(home, new HashMap<>(), policy(patient));
        assertThat(keys(visitor.drainQueue())).as("after the patient stopped being visible there").isEmpty();
    }

    @Test
    void aChangePushedWhileThePatientBecomesVisibleElsewhereStillReachesTheNewSite() throws Exception {
        RemoteSite home = RemoteSite.register("desktop");
        RemoteSite visitor = RemoteSite.register("desktop");
        String homeDispensary = dispensaryOn(home.id);
        String visitorDispensary = dispensaryOn(visitor.id);
        String patient = unique("PAT");
        push(home, new HashMap<>(), patient(patient, homeDispensary), visibility(patient, homeDispensary));
        visitor.drainQueue();

        // The home site keeps renaming the patient while the central makes it visible on the visitor's site: whichever
        // commits first, the visitor must end with the last name, never an older one.
        int versions = 8;
        Thread renames = new Thread(() -> {
            for (int v = 1; v <= versions; v++) {
                home.push(record("name", patient, "Update", Map.of("ID", patient, "type", "patient",
                        "name", "Version " + v, "supplying_store_id", homeDispensary)));
            }
        });
        renames.start();
        Thread.sleep(300);
        central(new HashMap<>(), visibility(patient, visitorDispensary));
        renames.join(120_000);

        Map<String, JsonNode> arrived = byKey(visitor.drainQueue());
        assertThat(arrived.get("name/" + patient).path("name").asText()).isEqualTo("Version " + versions);
    }

    @Test
    void onlyAnAdministratorMovesAPatientsHomeAndTheNewHomeSiteGetsItsHistoryAndTheRightToEditIt() throws SQLException {
        RemoteSite home = RemoteSite.register("desktop");
        RemoteSite newHome = RemoteSite.register("desktop");
        String homeDispensary = dispensaryOn(home.id);
        String newDispensary = dispensaryOn(newHome.id);
        Map<String, JsonNode> history = new HashMap<>();
        String patient = unique("PAT");
        push(home, history, patient(patient, homeDispensary), visibility(patient, homeDispensary), policy(patient));
        newHome.drainQueue();

        admin().body(Map.of("storeId", newDispensary)).put("/api/patients/" + patient + "/home-store").then()
                .statusCode(200).body("homeStoreId", equalTo(newDispensary)).body("previousHomeStoreId", equalTo(homeDispensary));
        Map<String, JsonNode> arrived = byKey(newHome.drainQueue());
        assertThat(arrived.keySet()).as("the history and the join that makes it visible there").containsAll(history.keySet());
        assertThat(arrived.get("name/" + patient).path("supplying_store_id").asText()).isEqualTo(newDispensary);
        assertThat(byKey(home.drainQueue()).get("name/" + patient).path("supplying_store_id").asText())
                .as("the old home site learns the new home").isEqualTo(newDispensary);

        long refusedAtOldHome = refused(home.id);
        home.push(policy(patient));
        assertThat(refused(home.id)).as("the old home site may no longer edit").isEqualTo(refusedAtOldHome + 1);
        push(newHome, new HashMap<>(), policy(patient));
        assertThat(audited("patient.rehome", "name/" + patient)).as("audited").isEqualTo(1);

        admin().body(Map.of("storeId", "NO_SUCH_STORE")).put("/api/patients/" + patient + "/home-store").then()
                .statusCode(422).contentType("application/problem+json");
        admin().body(Map.of("storeId", newDispensary)).put("/api/patients/NO_SUCH_PATIENT/home-store").then()
                .statusCode(404);
        Api.anonymous().body(Map.of("storeId", homeDispensary)).put("/api/patients/" + patient + "/home-store").then()
                .statusCode(401);
    }

    private static long audited(String action, String target) throws SQLException {
        try (Connection db = Database.application().getConnection();
             PreparedStatement select = db.prepareStatement("select count(*) from audit where action = ? and target = ?")) {
            select.setString(1, action);
            select.setString(2, target);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void aPatientWithNoHomeStoreIsHomedInTheStoreOfAPrescription() {
        RemoteSite registering = RemoteSite.register("desktop");
        RemoteSite prescribing = RemoteSite.register("desktop");
        String clinic = dispensaryOn(prescribing.id);
        String patientId = unique("PAT");
        push(registering, new HashMap<>(), record("name", patientId, "Update", Map.of("ID", patientId, "type", "patient",
                "name", "Patient " + patientId)));
        central(new HashMap<>(), visibility(patientId, clinic));
        String prescription = unique("PS");
        push(prescribing, new HashMap<>(), record("transact", prescription, "Update", Map.of("ID", prescription,
                "store_ID", clinic, "name_ID", patientId, "type", "ci", "mode", "dispensary", "status", "fn",
                "invoice_num", 1)));

        long before = refused(registering.id);
        registering.push(policy(patientId));
        assertThat(refused(registering.id)).as("the site that registered it is not its home").isEqualTo(before + 1);
        push(prescribing, new HashMap<>(), policy(patientId));
    }

    @Test
    void aSiteMakesItsOwnPatientsVisibleInItsOwnStoresOnly() {
        RemoteSite home = RemoteSite.register("desktop");
        RemoteSite other = RemoteSite.register("desktop");
        String dispensary = dispensaryOn(home.id);
        String secondDispensary = dispensaryOn(home.id);
        String otherDispensary = dispensaryOn(other.id);
        String mine = unique("PAT");
        String theirs = unique("PAT");
        push(home, new HashMap<>(), patient(mine, dispensary), visibility(mine, dispensary));
        push(other, new HashMap<>(), patient(theirs, otherDispensary), visibility(theirs, otherDispensary));

        push(home, new HashMap<>(), visibility(mine, secondDispensary));
        long before = refused(home.id);
        home.push(visibility(mine, otherDispensary), visibility(theirs, secondDispensary));
        assertThat(refused(home.id)).as("its patient in another site's store; another site's patient in its store")
                .isEqualTo(before + 2);
        assertThat(keys(other.drainQueue())).noneMatch(k -> k.contains(mine));
    }

    @Test
    void aPrescriberGoesWhereItIsPlacedWithItsDataAndIsChangedOnItsHomeSiteOnly() {
        RemoteSite home = RemoteSite.register("desktop");
        RemoteSite visitor = RemoteSite.register("desktop");
        String homeDispensary = dispensaryOn(home.id);
        String visitorDispensary = dispensaryOn(visitor.id);
        Map<String, JsonNode> expected = new HashMap<>();
        String doctor = unique("DOC");
        push(home, expected, prescriber(doctor, homeDispensary), placement(doctor, homeDispensary));
        assertThat(keys(visitor.drainQueue())).noneMatch(k -> k.contains(doctor));

        central(expected, placement(doctor, visitorDispensary));
        assertThat(byKey(visitor.drainQueue())).as("the prescriber and its placements").isEqualTo(expected);
        long before = refused(visitor.id);
        visitor.push(record("clinician", doctor, "Update", Map.of("ID", doctor, "code", doctor, "first_name", "Eve",
                "last_name", "Byron", "initials", "EB", "female", true, "active", true, "store_ID", homeDispensary)));
        assertThat(refused(visitor.id)).as("another site's prescriber").isEqualTo(before + 1);

        // A prescriber who prescribes in a store of a third site is shared with that site from then on.
        RemoteSite guest = RemoteSite.register("desktop");
        String guestDispensary = dispensaryOn(guest.id);
        String patientId = unique("PAT");
        push(guest, new HashMap<>(), patient(patientId, guestDispensary), visibility(patientId, guestDispensary));
        push(home, new HashMap<>(), prescriber(doctor, homeDispensary));
        assertThat(keys(guest.drainQueue())).as("before it prescribed there").doesNotContain("clinician/" + doctor);
        String prescription = unique("PS");
        push(guest, new HashMap<>(), record("transact", prescription, "Update", Map.of("ID", prescription,
                "store_ID", guestDispensary, "name_ID", patientId, "type", "ci", "mode", "dispensary", "status", "fn",
                "invoice_num", 1, "prescriber_ID", doctor)));
        ObjectNode renamed = record("clinician", doctor, "Update", Map.of("ID", doctor, "code", doctor,
                "first_name", "Ada", "last_name", "Lovelace", "initials", "AL", "female", true, "active", true,
                "store_ID", homeDispensary));
        push(home, new HashMap<>(), renamed);
        assertThat(byKey(guest.drainQueue()).get("clinician/" + doctor)).as("after it prescribed there")
                .isEqualTo(renamed.path("recordData"));
    }

    @Test
    void aSiteWithNoDispensaryGetsNoDispensaryReferenceDataUntilItGainsOneThenItGetsWhatItMissed() {
        RemoteSite site = RemoteSite.register("desktop");
        createStore(site.id);
        site.pullCentral();
        String abbreviation = unique("ABB");
        String item = unique("ITEM");
        central(new HashMap<>(), record("abbreviation", abbreviation, "Update", Map.of("ID", abbreviation,
                        "abbreviation", "bd", "expansion", "twice a day")),
                record("item", item, "Update", Map.of("ID", item, "code", item, "item_name", "Item " + item)));
        List<JsonNode> before = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            before.addAll(site.pullCentral());
            return keys(before).contains("item/" + item);
        });
        assertThat(keys(before)).as("no dispensary store: no dispensary reference data").doesNotContain("abbreviation/" + abbreviation);

        dispensaryOn(site.id);
        List<JsonNode> after = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            after.addAll(site.pullCentral());
            return keys(after).contains("abbreviation/" + abbreviation);
        });
        assertThat(after.stream().filter(c -> key(c).equals("abbreviation/" + abbreviation)).findFirst().orElseThrow()
                .path("recordData").path("expansion").asText()).isEqualTo("twice a day");
        assertThat(keys(after)).as("what it had already is not sent again").doesNotContain("item/" + item);
    }

    @Test
    void aDispensaryWithTransactionsOffKeepsThemOnItsSite() {
        RemoteSite site = RemoteSite.register("desktop");
        RemoteSite collector = RemoteSite.register("desktop");
        String dispensary = dispensaryOn(site.id, false);
        Api.collectOn(dispensary, collector.id);
        collector.drainQueue();
        String prescription = unique("PS");
        String patientId = unique("PAT");
        push(site, new HashMap<>(), patient(patientId, dispensary), visibility(patientId, dispensary));
        long before = refused(site.id);
        site.push(record("transact", prescription, "Update", Map.of("ID", prescription, "store_ID", dispensary,
                "name_ID", patientId, "type", "ci", "mode", "dispensary", "status", "fn", "invoice_num", 7)));
        assertThat(refused(site.id)).isEqualTo(before + 1);
        List<String> reasons = admin().get("/api/sites/" + site.id + "/refusals").then().statusCode(200)
                .extract().jsonPath().getList("reason");
        assertThat(reasons).anyMatch(r -> r.contains("does not include transactions in sync"));
        assertThat(keys(collector.drainQueue())).as("the collector copy gets none of it").doesNotContain("transact/" + prescription);
    }

    private static List<String> keys(List<JsonNode> records) {
        return records.stream().map(PatientData::key).toList();
    }
}
