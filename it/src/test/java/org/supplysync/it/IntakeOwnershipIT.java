package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/**
 * The central's copy decides who owns a record (sync-rules.md, "Ownership checks"): a site that lies about owners in
 * the fields it pushes is refused, nothing of it is kept or routed. Site "home" owns store B and patients homed there;
 * site "other" owns store C, in which those patients are visible.
 */
class IntakeOwnershipIT extends DeployedApplication {

    private RemoteSite home;
    private RemoteSite other;
    private String storeB;
    private String storeC;

    @BeforeEach
    void twoSites() {
        home = RemoteSite.register("desktop");
        other = RemoteSite.register("desktop");
        storeB = createStore(home.id);
        storeC = createStore(other.id);
        // Each site receives its own new store record; a test starts from empty queues.
        home.drainQueue();
        other.drainQueue();
    }

    @Test
    void aSiteCannotReHomeAnotherSitesPatient() {
        String patient = patientOf(home, storeB, "Ada");
        makeVisible(patient, storeC);
        other.drainQueue();

        JsonNode refused = pushAndRefusals(other, name(patient, "patient", storeC, "Hijacked"));

        assertThat(refused.toString()).contains(patient).contains("home store is " + storeB);
        admin().get("/api/records/name/" + patient).then().statusCode(200)
                .body("storeId", equalTo(storeB)).body("recordData.name", equalTo("Ada"));
        assertThat(home.drainQueue()).isEmpty();
        assertThat(other.drainQueue()).isEmpty();
    }

    @Test
    void aSiteCannotTurnACentralSupplierIntoItsPatient() {
        String supplier = unique("SUPPLIER");
        central(name(supplier, "facility", null, "Medical stores"));
        other.pullCentral();

        JsonNode refused = pushAndRefusals(home, name(supplier, "patient", storeB, "Medical stores"));

        assertThat(refused.toString()).contains(supplier).contains("primary server");
        admin().get("/api/records/name/" + supplier).then().statusCode(200)
                .body("patientId", nullValue()).body("recordData.type", equalTo("facility"));
        assertThat(other.pullCentral()).isEmpty();
        assertThat(other.drainQueue()).isEmpty();
    }

    @Test
    void aSiteCannotMergeAwayAnotherSitesInvoiceOrPatient() {
        String theirInvoice = unique("T");
        other.push(record("transact", theirInvoice, "Update", Map.of("ID", theirInvoice, "store_ID", storeC, "name_ID", "")));
        String myInvoice = unique("T");
        home.push(record("transact", myInvoice, "Update", Map.of("ID", myInvoice, "store_ID", storeB, "name_ID", "")));
        String theirPatient = patientOf(other, storeC, "Grace");
        String myPatient = patientOf(home, storeB, "Ada");

        JsonNode refused = pushAndRefusals(home,
                merge("transact", myInvoice, theirInvoice),
                merge("name", myPatient, theirPatient));

        assertThat(refused.toString()).contains("never merged").contains("home store is " + storeC);
        admin().get("/api/records/transact/" + theirInvoice).then().body("deleted", equalTo(false));
        admin().get("/api/records/name/" + theirPatient).then().body("deleted", equalTo(false));
    }

    /**
     * Two sites make records of the same ids at the same moment, each in its own store. Both intakes may find no copy
     * of them: the first to write a record owns it, and the other's version is refused, never written over it (the
     * intake inserts a first version instead of upserting it, so of two intakes racing for it one fails and goes
     * again, record by record, and then sees the owner's copy).
     */
    @Test
    void twoSitesMakingTheSameNewRecordsAtOnceLeaveEachRecordOneOwnerAndRefuseTheOther() throws Exception {
        List<String> ids = IntStream.range(0, 600).mapToObj(i -> unique("LOC")).toList();
        CompletableFuture<Void> fromHome = CompletableFuture.runAsync(() -> home.push(locations(ids, storeB)));
        CompletableFuture<Void> fromOther = CompletableFuture.runAsync(() -> other.push(locations(ids, storeC)));
        CompletableFuture.allOf(fromHome, fromOther).get(5, TimeUnit.MINUTES);

        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        Object[] idValues = ids.toArray();
        List<String> ownedByHome = Database.strings("select record_id from sync_record where table_name = 'Location'"
                + " and origin_site_id = " + home.id + " and store_id = '" + storeB + "' and record_id in (" + in + ")"
                + " and json_value(data, '$.store_ID') = store_id", idValues);
        List<String> ownedByOther = Database.strings("select record_id from sync_record where table_name = 'Location'"
                + " and origin_site_id = " + other.id + " and store_id = '" + storeC + "' and record_id in (" + in + ")"
                + " and json_value(data, '$.store_ID') = store_id", idValues);
        List<String> refusedHome = Database.strings("select record_id from refusal where site_id = " + home.id
                + " and table_name = 'Location' and record_id in (" + in + ")", idValues);
        List<String> refusedOther = Database.strings("select record_id from refusal where site_id = " + other.id
                + " and table_name = 'Location' and record_id in (" + in + ")", idValues);

        // Every record has one owner, whose version the central holds; the other site's version was refused.
        assertThat(ownedByHome.size() + ownedByOther.size()).isEqualTo(ids.size());
        assertThat(refusedOther).containsExactlyInAnyOrderElementsOf(ownedByHome);
        assertThat(refusedHome).containsExactlyInAnyOrderElementsOf(ownedByOther);
        assertThat(Database.number("select count(*) from quarantine where site_id in (?, ?)", home.id, other.id))
                .isZero();
    }

    private static ObjectNode[] locations(List<String> ids, String store) {
        return ids.stream().map(id -> record("Location", id, "Update", Map.of("ID", id, "store_ID", store,
                "code", id, "description", "made at once"))).toArray(ObjectNode[]::new);
    }

    @Test
    void aSiteMergesTwoOfItsOwnPatients() {
        String kept = patientOf(home, storeB, "Ada");
        String duplicate = patientOf(home, storeB, "Ada L.");

        assertThat(pushAndRefusals(home, merge("name", kept, duplicate))).isEmpty();

        admin().get("/api/records/name/" + duplicate).then().body("deleted", equalTo(true));
        admin().get("/api/records/name/" + kept).then().body("deleted", equalTo(false));
    }

    @Test
    void barcodesGoToEverySiteButTheOneThatMadeThemAndDocumentsFollowTheirPatient() {
        other.pullCentral();
        home.pullCentral();
        String barcode = unique("BC");
        String patient = patientOf(home, storeB, "Ada");
        makeVisible(patient, storeC);
        other.drainQueue();
        String document = unique("DOC");

        assertThat(pushAndRefusals(home,
                record("barcode", barcode, "Update", Map.of("ID", barcode, "value", "0123456789", "itemID", "ITEM1")),
                record("om_document", document, "Update", Map.of("ID", document, "name", "encounter", "owner_name_ID",
                        patient, "type", "Encounter", "status", "ACTIVE")))).isEmpty();

        assertThat(other.pullCentral()).extracting(r -> r.path("recordId").asText()).contains(barcode);
        assertThat(home.pullCentral()).extracting(r -> r.path("recordId").asText()).doesNotContain(barcode);
        assertThat(other.drainQueue()).extracting(r -> r.path("recordId").asText()).containsExactly(document);
        admin().get("/api/records/om_document/" + document).then().statusCode(200).body("patientId", equalTo(patient));
    }

    @Test
    void anAdministratorReSubmitsARefusedRecordOnceItsCauseIsGone() {
        String invoice = unique("T");
        String line = unique("TL");
        // The line arrives in a sync before its invoice: refused, since the central cannot tell whose it is.
        JsonNode refused = pushAndRefusals(home, record("trans_line", line, "Update",
                Map.of("ID", line, "transaction_ID", invoice, "item_ID", "ITEM1", "quantity", 5)));
        assertThat(refused.toString()).contains(line).contains("does not hold");
        home.push(record("transact", invoice, "Update", Map.of("ID", invoice, "store_ID", storeB, "name_ID", "")));

        JsonNode listed = admin().get("/api/sites/" + home.id + "/refusals").then().statusCode(200).extract()
                .as(JsonNode.class);
        JsonNode refusal = listed.get(0);
        assertThat(refusal.path("recordId").asText()).isEqualTo(line);
        assertThat(refusal.path("recordData").path("quantity").asInt()).isEqualTo(5);
        admin().post("/api/sites/" + home.id + "/refusals/" + refusal.path("id").asLong() + "/resubmit")
                .then().statusCode(202);
        home.awaitIdle();

        admin().get("/api/records/trans_line/" + line).then().statusCode(200).body("storeId", equalTo(storeB));
        // Once is enough: a second re-submission is refused.
        admin().post("/api/sites/" + home.id + "/refusals/" + refusal.path("id").asLong() + "/resubmit")
                .then().statusCode(409);
    }

    private static String patientOf(RemoteSite site, String homeStore, String name) {
        String id = unique("PAT");
        assertThat(pushAndRefusals(site, name(id, "patient", homeStore, name))).isEmpty();
        return id;
    }

    /** Makes the patient visible in the store, as the central may (sync-rules.md, "Patient visibility"). */
    private static void makeVisible(String patient, String store) {
        String join = unique("NSJ");
        central(record("name_store_join", join, "Update", Map.of("ID", join, "name_ID", patient, "store_ID", store,
                "inactive", false)));
    }

    private static void central(ObjectNode record) {
        ArrayNode data = RemoteSite.JSON.createArrayNode().add(record);
        admin().body(Map.of("data", RemoteSite.JSON.convertValue(data, List.class))).post("/api/records")
                .then().statusCode(200).body("accepted", equalTo(1));
    }

    private static ObjectNode name(String id, String type, String homeStore, String name) {
        return record("name", id, "Update", homeStore == null
                ? Map.of("ID", id, "type", type, "name", name)
                : Map.of("ID", id, "type", type, "name", name, "supplying_store_id", homeStore));
    }

    private static ObjectNode merge(String table, String keep, String gone) {
        return record(table, keep, "Merge", Map.of("mergeIdToKeep", keep, "mergeIdToDelete", gone));
    }

    /** Pushes the records as one sync and returns what integration refused, from the site's refusal list. */
    private static JsonNode pushAndRefusals(RemoteSite site, ObjectNode... records) {
        long before = refusedCount(site);
        site.push(records);
        JsonNode listed = admin().get("/api/sites/" + site.id + "/refusals").then().statusCode(200).extract()
                .as(JsonNode.class);
        ArrayNode fresh = RemoteSite.JSON.createArrayNode();
        for (int i = 0; i < refusedCount(site) - before; i++) {
            fresh.add(listed.get(i));
        }
        return fresh;
    }

    private static long refusedCount(RemoteSite site) {
        return admin().get("/api/sites/" + site.id).then().extract().jsonPath().getLong("refusedRecords");
    }
}
