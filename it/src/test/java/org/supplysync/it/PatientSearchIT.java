package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.anonymous;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/**
 * Finding and linking a patient of another site (issue 11, msupply-sync-v5.md §1.11), as Open mSupply calls the legacy
 * server: site "home" owns a patient, site "finder" searches the central for it with its sync credentials and links it
 * into its own store. Every search and link is in the audit; searches are rate-limited per site.
 */
class PatientSearchIT extends DeployedApplication {

    private static final List<String> PATIENT_V4 = List.of("ID", "name", "phone", "email", "code", "last", "first",
            "date_of_birth");

    private RemoteSite home;
    private RemoteSite finder;
    private String homeStore;
    private String finderStore;
    /** Makes this run's names unique: the database outlives runs. Found in the order of last names: undated first. */
    private String token;
    private String patient;
    private String undated;

    @BeforeEach
    void aPatientOnAnotherSite() {
        home = RemoteSite.register("desktop");
        finder = RemoteSite.register("desktop");
        homeStore = createStore(home.id);
        finderStore = createStore(finder.id);
        token = unique("Q").substring(2);
        patient = unique("PAT");
        undated = unique("PAT");
        // As Open mSupply pushes a patient: its date of birth with a time, made visible in its home store.
        home.push(patient(patient, "Josephine" + token, "Smith" + token, "C-" + token, "1980-02-03T00:00:00"),
                visibility(patient, homeStore),
                patient(undated, "Joe" + token, "Adams" + token, "D-" + token, "0000-00-00"),
                visibility(undated, homeStore));
        assertThat(refused(home.id)).as("the patients are the home site's").isZero();
        // The finder has synced: its device is bound, which the v4 calls (no msupply-site-uuid) must not trip over.
        finder.drainQueue();
        home.drainQueue();
    }

    @Test
    void aSiteFindsAnotherSitesPatientByPartOfItsNameItsDateOfBirthOrItsCodeInPatientV4sShape() {
        // Any case: 4D compares text without regard to it.
        JsonNode byFirstName = search(finder, Map.of("first_name", "@SEPHINE" + token.toUpperCase() + "@",
                "is_deleted", "false"));
        assertThat(ids(byFirstName)).containsExactly(patient);
        JsonNode found = byFirstName.get(0);
        assertThat(fieldNames(found)).containsExactlyInAnyOrderElementsOf(PATIENT_V4);
        assertThat(found.path("ID").asText()).isEqualTo(patient);
        assertThat(found.path("name").asText()).isEqualTo("Smith" + token + ", Josephine" + token);
        assertThat(found.path("first").asText()).isEqualTo("Josephine" + token);
        assertThat(found.path("last").asText()).isEqualTo("Smith" + token);
        assertThat(found.path("code").asText()).isEqualTo("C-" + token);
        assertThat(found.path("phone").asText()).isEqualTo("555-" + patient);
        assertThat(found.path("email").asText()).isEqualTo(patient + "@example.org");
        assertThat(found.path("date_of_birth").asText()).isEqualTo("1980-02-03T00:00:00");

        assertThat(ids(search(finder, Map.of("last_name", "@mith" + token + "@", "dob", "1980-02-03"))))
                .as("part of the last name and the date of birth").containsExactly(patient);
        assertThat(ids(search(finder, Map.of("dob", "1980-02-03", "code", "C-" + token))))
                .as("the date of birth and the code").containsExactly(patient);
        assertThat(ids(search(finder, Map.of("code", "C-" + token.substring(1))))).as("a code is matched whole").isEmpty();

        JsonNode withoutDate = search(finder, Map.of("code", "D-" + token));
        assertThat(ids(withoutDate)).containsExactly(undated);
        assertThat(withoutDate.get(0).path("date_of_birth").asText()).isEqualTo("0000-00-00T00:00:00");
    }

    @Test
    void aNameThatIsNoPatientIsNeverFound() {
        String supplier = unique("SUP");
        central(record("name", supplier, "Update", Map.of("ID", supplier, "type", "facility",
                "name", "Smith" + token + " supplies", "first", "Josephine" + token, "last", "Smith" + token,
                "code", "C-" + token, "supplier", true, "customer", false)));

        assertThat(ids(search(finder, Map.of("last_name", "@" + token + "@")))).containsExactly(undated, patient);
        assertThat(ids(search(finder, Map.of("code", "C-" + token)))).containsExactly(patient);
    }

    @Test
    void theSearchFollowsWhatTheHomeSitePushesAfterwardsPoliciesAndBarcodesIncluded() {
        String policy = unique("NIJ");
        home.push(record("nameInsuranceJoin", policy, "Update", Map.of("ID", policy, "nameID", patient,
                        "insuranceProviderID", "INS", "isActive", true, "policyNumberFull", "POL-" + token,
                        "policyNumberPerson", "", "policyNumberFamily", "FAM-" + token)),
                patient(undated, "Joanna" + token, "Adams" + token, "D-" + token, "2001-12-31"));
        ObjectNode renamed = patient(patient, "Josephine" + token, "Jones" + token, "C-" + token, "1980-02-03");
        ((ObjectNode) renamed.get("recordData")).put("barcode", "*B" + token + "*");
        home.push(renamed);
        assertThat(refused(home.id)).isZero();

        assertThat(ids(search(finder, Map.of("policy_number", "POL-" + token)))).containsExactly(patient);
        assertThat(ids(search(finder, Map.of("policy_number", "@AM-" + token)))).as("any of its numbers")
                .containsExactly(patient);
        assertThat(ids(search(finder, Map.of("barcode", "*B" + token + "*")))).containsExactly(patient);
        assertThat(ids(search(finder, Map.of("last_name", "Smith" + token)))).as("the old name").isEmpty();
        assertThat(ids(search(finder, Map.of("last_name", "Jones" + token)))).containsExactly(patient);
        assertThat(search(finder, Map.of("first_name", "Joanna" + token)).get(0).path("date_of_birth").asText())
                .isEqualTo("2001-12-31T00:00:00");

        home.push(record("nameInsuranceJoin", policy, "Delete", Map.of()), record("name", undated, "Delete", Map.of()));
        assertThat(ids(search(finder, Map.of("policy_number", "POL-" + token)))).as("a deleted policy").isEmpty();
        assertThat(ids(search(finder, Map.of("code", "D-" + token)))).as("a deleted patient").isEmpty();
    }

    @Test
    void limitAndOffsetPageThroughTheMatches() {
        Map<String, String> both = Map.of("first_name", "@" + token + "@");
        assertThat(ids(search(finder, both))).containsExactly(undated, patient);
        assertThat(ids(search(finder, with(both, "limit", "1")))).containsExactly(undated);
        assertThat(ids(search(finder, with(with(both, "limit", "1"), "offset", "1")))).containsExactly(patient);
        assertThat(ids(search(finder, with(both, "offset", "2")))).isEmpty();
    }

    @Test
    void wrongCredentialsAre401AndABadParameter400InTheV4Shape() {
        List<Response> refused = List.of(
                anonymous().get("/api/v4/patient?code=C-" + token),
                Api.site(finder.name, "not-the-password").get("/api/v4/patient?code=C-" + token),
                Api.site("no-such-site-" + token, "pw").get("/api/v4/patient?code=C-" + token),
                admin().get("/api/v4/patient?code=C-" + token),
                anonymous().body(Map.of("name_ID", patient, "store_ID", finderStore)).post("/api/v4/name_store_join"));
        for (Response response : refused) {
            response.then().statusCode(401).contentType("application/json").body("status", equalTo("error"));
        }
        finder.v4().get("/api/v4/patient?dob=03-02-1980").then().statusCode(400)
                .contentType("application/json").body("status", equalTo("error"));
        assertThat(audited(finder, "patient.search")).as("nothing refused is a search").isEmpty();
    }

    @Test
    void aSiteLinksThePatientIntoItsOwnStoreOnceAndNeverIntoAnotherSitesStore() throws IOException {
        JsonNode link = json(finder.v4().body(Map.of("name_ID", patient, "store_ID", finderStore))
                .post("/api/v4/name_store_join").then().statusCode(200).extract().asString());
        assertThat(fieldNames(link)).containsExactlyInAnyOrder("ID", "name_ID", "store_ID", "inactive");
        assertThat(link.path("name_ID").asText()).isEqualTo(patient);
        assertThat(link.path("store_ID").asText()).isEqualTo(finderStore);
        assertThat(link.path("inactive").isBoolean()).isTrue();
        assertThat(link.path("inactive").asBoolean()).isFalse();
        String joinId = link.path("ID").asText();
        // A join the central made, as an administrator's edit on the central would be.
        admin().get("/api/records/name_store_join/" + joinId).then().statusCode(200)
                .body("originSiteId", equalTo(1)).body("patientId", equalTo(patient))
                .body("recordData.name_ID", equalTo(patient)).body("recordData.store_ID", equalTo(finderStore))
                .body("recordData.inactive", equalTo(false));

        finder.v4().body(Map.of("name_ID", patient, "store_ID", finderStore)).post("/api/v4/name_store_join")
                .then().statusCode(200).body("ID", equalTo(joinId));

        String refusedMessage = finder.v4().body(Map.of("name_ID", undated, "store_ID", homeStore))
                .post("/api/v4/name_store_join").then().statusCode(403).contentType("application/json")
                .body("status", equalTo("error")).extract().path("message");
        assertThat(refusedMessage).contains(homeStore).contains("not active on site " + finder.id);
        String supplier = unique("SUP");
        central(record("name", supplier, "Update", Map.of("ID", supplier, "type", "facility", "name", "Supplier")));
        assertThat(linkRefusal(supplier, finderStore)).contains("not a patient");
        assertThat(linkRefusal(unique("NOBODY"), finderStore)).contains("no patient");
        assertThat(linkRefusal(patient, unique("NOSTORE"))).contains("no store");
        assertThat(finder.v4().body(Map.of("name_ID", patient)).post("/api/v4/name_store_join").then().statusCode(400)
                .extract().<String>path("message")).contains("store_ID");
        assertThat(audited(finder, "patient.link")).as("two links, the same join; no refusal").hasSize(2);
    }

    @Test
    void theLinkingSitesNextSyncBringsThePatient() {
        String joinId = finder.v4().body(Map.of("name_ID", patient, "store_ID", finderStore))
                .post("/api/v4/name_store_join").then().statusCode(200).extract().path("ID");

        Map<String, JsonNode> received = new HashMap<>();
        finder.drainQueue().forEach(r -> received.put(r.path("tableName").asText() + "/" + r.path("recordId").asText(),
                r.path("recordData")));
        assertThat(received).containsKey("name_store_join/" + joinId);
        assertThat(received).containsKey("name/" + patient);
        assertThat(received.get("name/" + patient).path("first").asText()).isEqualTo("Josephine" + token);
        assertThat(received.keySet()).as("with its history: the join of its home store too")
                .filteredOn(key -> key.startsWith("name_store_join/")).hasSize(2);
    }

    @Test
    void everySearchAndLinkIsInTheAuditNewestFirstForAdministratorsOnly() {
        search(finder, Map.of("first_name", "@" + token + "@", "is_deleted", "false"));
        search(finder, Map.of("code", "nobody-" + token));
        finder.v4().body(Map.of("name_ID", patient, "store_ID", finderStore)).post("/api/v4/name_store_join")
                .then().statusCode(200);

        List<Map<String, Object>> entries = audited(finder);
        assertThat(entries).extracting(entry -> entry.get("action"))
                .containsExactly("patient.link", "patient.search", "patient.search");
        assertThat(entries.get(0).keySet()).containsExactlyInAnyOrder("at", "who", "action", "target", "detail");
        assertThat((String) entries.get(0).get("target")).contains(patient).contains(finderStore);
        JsonNode link = json((String) entries.get(0).get("detail"));
        assertThat(link.path("site").asInt()).isEqualTo(finder.id);
        assertThat(link.path("patient").asText()).isEqualTo(patient);
        assertThat(link.path("store").asText()).isEqualTo(finderStore);
        JsonNode nobody = json((String) entries.get(1).get("detail"));
        assertThat(nobody.path("query").path("code").asText()).isEqualTo("nobody-" + token);
        assertThat(nobody.path("patients")).isEmpty();
        JsonNode both = json((String) entries.get(2).get("detail"));
        assertThat(both.path("site").asInt()).isEqualTo(finder.id);
        assertThat(both.path("query").path("first_name").asText()).isEqualTo("@" + token + "@");
        assertThat(texts(both.path("patients"))).containsExactly(undated, patient);
        Instant at = Instant.parse((String) entries.get(2).get("at"));

        assertThat(admin().get("/api/audit?limit=1000&since=" + at).then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.who == 'site " + finder.id + "' }.action"))
                .as("since is inclusive").containsExactly("patient.link", "patient.search", "patient.search");
        assertThat(admin().get("/api/audit?limit=1").then().statusCode(200).extract().jsonPath().getList("$")).hasSize(1);
        finder.v4().get("/api/audit").then().statusCode(401).contentType("application/problem+json");
        admin().get("/api/audit?since=yesterday").then().statusCode(400).contentType("application/problem+json");
        admin().get("/api/audit?limit=0").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aSiteThatSearchesTooOftenIsAskedToWait() {
        RemoteSite busy = RemoteSite.register("desktop");
        for (int i = 0; i < 30; i++) {
            busy.v4().get("/api/v4/patient?code=C-" + token).then().statusCode(200);
        }

        Response over = busy.v4().get("/api/v4/patient?code=C-" + token);
        over.then().statusCode(429).contentType("application/json").body("status", equalTo("error"));
        long retryAfter = Long.parseLong(over.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(audited(busy, "patient.search")).as("the refused search returned nobody").hasSize(30);
        // Other sites search on.
        assertThat(ids(search(finder, Map.of("code", "C-" + token)))).containsExactly(patient);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private ObjectNode patient(String id, String first, String last, String code, String dateOfBirth) {
        Map<String, Object> data = new HashMap<>();
        data.putAll(Map.of("ID", id, "type", "patient", "name", last + ", " + first, "first", first, "last", last,
                "code", code, "date_of_birth", dateOfBirth, "supplying_store_id", homeStore));
        data.putAll(Map.of("phone", "555-" + id, "email", id + "@example.org", "customer", true, "supplier", false,
                "female", true, "barcode", ""));
        return record("name", id, "Update", data);
    }

    private static ObjectNode visibility(String patient, String store) {
        String id = unique("NSJ");
        return record("name_store_join", id, "Update", Map.of("ID", id, "name_ID", patient, "store_ID", store,
                "inactive", false));
    }

    private static void central(ObjectNode record) {
        admin().body(Map.of("data", List.of(RemoteSite.JSON.convertValue(record, Map.class)))).post("/api/records")
                .then().statusCode(200).body("accepted", equalTo(1));
    }

    private static JsonNode search(RemoteSite site, Map<String, String> parameters) {
        String body = site.v4().queryParams(parameters).get("/api/v4/patient").then().statusCode(200)
                .contentType("application/json").extract().asString();
        return json(body);
    }

    private String linkRefusal(String nameId, String storeId) {
        return finder.v4().body(Map.of("name_ID", nameId, "store_ID", storeId)).post("/api/v4/name_store_join")
                .then().statusCode(422).contentType("application/json").body("status", equalTo("error"))
                .extract().path("message");
    }

    /** The site's audit entries, newest first. */
    private static List<Map<String, Object>> audited(RemoteSite site) {
        List<Map<String, Object>> entries = new ArrayList<>(admin().get("/api/audit?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("$"));
        entries.removeIf(entry -> !("site " + site.id).equals(entry.get("who")));
        return entries;
    }

    /** The site's audit entries of this action, newest first. */
    private static List<Map<String, Object>> audited(RemoteSite site, String action) {
        List<Map<String, Object>> entries = audited(site);
        entries.removeIf(entry -> !action.equals(entry.get("action")));
        return entries;
    }

    private static Map<String, String> with(Map<String, String> parameters, String name, String value) {
        Map<String, String> more = new HashMap<>(parameters);
        more.put(name, value);
        return more;
    }

    private static List<String> ids(JsonNode patients) {
        return StreamSupport.stream(patients.spliterator(), false).map(p -> p.path("ID").asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(String text) {
        try {
            return RemoteSite.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static long refused(int siteId) {
        return admin().get("/api/sites/" + siteId).then().extract().jsonPath().getLong("refusedRecords");
    }
}
