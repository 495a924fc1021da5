package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import org.supplysync.it.CampaignFigures.Violation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.JSON;
import static org.supplysync.it.RemoteSite.record;

/**
 * The abuse campaign of issue 13: a site with valid credentials, and an administrator, send what jqwik generates
 * (malformed JSON, huge strings, deep nesting, wrong types, unknown tables, broken ids, other sites' stores, patients
 * and merges, SQL and script text, oversized and slow bodies) to the v5 API, its pull and acknowledge parameters and
 * the admin API. Whatever is sent: no answer is a 5xx, names a Java class or carries a stack trace; no record the
 * sender does not own is stored, changed or delivered; the server is healthy afterwards. The figures go to
 * {@code target/campaigns/abuse.json}. {@code -Dsupplysync.campaign.tries=N} sets the cases per category (the
 * {@code campaigns} profile runs the long form), {@code -Dsupplysync.campaign.seed=S} replays a run.
 */
class AbuseCampaignIT extends DeployedApplication {

    private static final int TRIES = Integer.getInteger("supplysync.campaign.tries", 20);
    private static final long SEED = Long.getLong("supplysync.campaign.seed", new Random().nextLong());
    private static final int MAX_BATCH_BYTES = Integer.getInteger("supplysync.it.maxBatchBytes", 2_000_000);
    private static final int MAX_BATCH_RECORDS = 5_000;
    /** One more stalled socket than the server has HTTP workers (SUPPLYSYNC_HTTP_THREADS, 64 by default). */
    private static final int STALLED_SOCKETS = 72;
    private static final Path FIGURES = Path.of("target", "campaigns", "abuse.json");

    @Test
    void aHostileSiteNeitherBreaksTheServerNorChangesOrSeesWhatOtherSitesOwn() throws Exception {
        CampaignFigures figures = new CampaignFigures(SEED, TRIES);
        Campaign campaign = new Campaign(figures);
        String marker = "UNOWNED" + Long.toString(Math.abs(SEED % 1_000_000_000L), 36) + unique("").substring(1);

        Victim victim = Victim.pushingItsOwnData();
        RemoteSite attacker = RemoteSite.register("desktop");
        String attackerStore = createStore(attacker.id);
        String attackerDispensary = PatientData.dispensaryOn(attacker.id);
        String attackerPatient = unique("PAT");
        String attackerPrescriber = unique("CLIN");
        PatientData.push(attacker, new HashMap<>(), PatientData.patient(attackerPatient, attackerDispensary),
                PatientData.visibility(attackerPatient, attackerDispensary),
                PatientData.prescriber(attackerPrescriber, attackerDispensary));
        List<String> items = List.of(unique("ITEM"), unique("ITEM"));
        // The victim's patient is visible on the attacker's site (it may see it, never change it); the victim has
        // queue entries the attacker will try to acknowledge.
        PatientData.central(new HashMap<>(), item(items.get(0)), item(items.get(1)),
                PatientData.visibility(victim.patient, attackerDispensary));
        victim.site.drainQueue();
        List<String> victimsQueue = queueEntriesOf(victim);
        UnownedRecords unowned = new UnownedRecords(victim, marker, attackerStore, attackerDispensary, attackerPatient,
                attackerPrescriber, items);
        victim.remember(unowned.attackersRecordsMergesTouch());
        attacker.drainQueue();
        RemoteSite bystander = RemoteSite.register("desktop");
        String bystanderStore = createStore(bystander.id);

        SyncAbuse sync = new SyncAbuse(campaign, attacker, attackerStore, victim, marker);
        JqwikSession.start(Long.toString(SEED));
        try {
            sync.malformedJson(TRIES);
            sync.wrongTypes(TRIES);
            sync.deepNesting(TRIES / 2);
            sync.unknownTables(TRIES);
            sync.missingAndDuplicatedIds(TRIES);
            sync.endPush();
            sync.hugeStrings(Math.max(2, TRIES / 5));
            sync.endPush();
            sync.sqlAndScript(TRIES);
            sync.endPush();

            pushUnowned(sync, "records of other sites' stores", unowned.ofOtherSitesStores(), TRIES);
            pushUnowned(sync, "patients of other home sites", unowned.patientsOfOtherHomeSites(), TRIES);
            pushUnowned(sync, "merges of others' records", unowned.mergesOfOthersRecords(), TRIES);
            pushUnowned(sync, "central data from a site", unowned.centralData(), TRIES / 2);
            editAsTheCentral(campaign, unowned.ofOtherSitesStores(), unowned.patientData(), TRIES / 2);
            linkThroughV4(campaign, attacker, victim, attackerPatient, Math.max(2, TRIES / 4));

            sync.pullParameters(TRIES);
            sync.acknowledgements(TRIES / 2, victimsQueue);
            sync.headers(TRIES / 2);
            sync.oversized(2 + TRIES / 20, MAX_BATCH_BYTES, MAX_BATCH_RECORDS);

            AdminAbuse admin = new AdminAbuse(campaign, bystander.id, bystanderStore);
            admin.hostileCalls(2 * TRIES);
            admin.oversized(MAX_BATCH_BYTES, MAX_BATCH_RECORDS);
        } finally {
            JqwikSession.finish();
        }
        SlowBodies slow = new SlowBodies(campaign, attacker);
        for (int i = 0; i < 1 + TRIES / 20; i++) {
            String id = unique("L");
            slow.slowPush(JSON.createObjectNode().put("queueLength", 1).set("data", JSON.createArrayNode()
                    .add(sync.ownLocation(id))).toString(), Duration.ofSeconds(2));
        }
        Duration answeredIn = slow.stalledPushes(STALLED_SOCKETS, Duration.ofSeconds(3));
        figures.measured("siteStatusMillisWith" + STALLED_SOCKETS + "PushesStalledFor3Seconds", answeredIn.toMillis());
        sync.endPush();

        checkNothingUnownedLanded(figures, victim, victimsQueue, marker);
        checkInjectedTextStoredAsSent(figures, sync.injected());
        figures.healthyAfter(campaign.healthy());
        figures.write(FIGURES);
        System.out.println(figures.summary());
        assertThat(figures.examples()).as(figures.summary()).isEmpty();
        assertThat(figures.clean()).as(figures.summary()).isTrue();
        assertThat(figures.casesTried()).as("cases tried").isGreaterThanOrEqualTo(10 * TRIES);
    }

    /** Batches of one to three unowned records, in push sessions of ten batches each. */
    private static void pushUnowned(SyncAbuse sync, String category, Arbitrary<ObjectNode> records, int tries) {
        for (int i = 0; i < tries; i++) {
            sync.push(category, records.list().ofMinSize(1).ofMaxSize(3).sample().toArray(ObjectNode[]::new));
            if (i % 10 == 9) {
                sync.endPush();
            }
        }
        sync.endPush();
    }

    /** The central acting as a site (admin-api.md, "Records edited on the central server") owns no remote site's data. */
    private static void editAsTheCentral(Campaign campaign, Arbitrary<ObjectNode> storeData,
                                         Arbitrary<ObjectNode> patientData, int tries) {
        for (int i = 0; i < tries; i++) {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("data").addAll(Arbitraries.oneOf(storeData, patientData).list().ofMinSize(1).ofMaxSize(3).sample());
            campaign.admin("records of other sites' stores", "POST", "/api/records", body.toString());
        }
    }

    /** Open mSupply's patient link (msupply-sync-v5.md §1.11) into stores the calling site does not run. */
    private static void linkThroughV4(Campaign campaign, RemoteSite attacker, Victim victim, String attackerPatient,
                                      int tries) {
        for (int i = 0; i < tries; i++) {
            ObjectNode link = JSON.createObjectNode()
                    .put("name_ID", Arbitraries.of(victim.patient, attackerPatient).sample())
                    .put("store_ID", Arbitraries.of(victim.store, victim.dispensary).sample());
            campaign.send("patients of other home sites", attacker.request("/api/v4/name_store_join")
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(link.toString())));
        }
    }

    /** Gives the victim three queue entries (central-store data of its store) and returns their sync ids. */
    private static List<String> queueEntriesOf(Victim victim) {
        List<ObjectNode> joins = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String supplier = unique("SUP");
            PatientData.central(new HashMap<>(), record("name", supplier, "Update", Map.of("ID", supplier,
                    "type", "facility", "name", "Supplier " + supplier)));
            String join = unique("NSJ");
            joins.add(record("name_store_join", join, "Update", Map.of("ID", join, "name_ID", supplier,
                    "store_ID", victim.store, "inactive", false)));
        }
        PatientData.central(new HashMap<>(), joins.toArray(ObjectNode[]::new));
        List<String> ids = new ArrayList<>();
        victim.site.pull(100).path("data").forEach(entry -> ids.add(entry.path("syncOutId").asText()));
        assertThat(ids).as("the victim's queue").hasSize(3);
        return ids;
    }

    /** From the outside: the victim's queue, the central's copies of its records, and the database. */
    private static void checkNothingUnownedLanded(CampaignFigures figures, Victim victim, List<String> victimsQueue,
                                                  String marker) throws Exception {
        List<String> stillQueued = new ArrayList<>();
        victim.site.pull(100).path("data").forEach(entry -> stillQueued.add(entry.path("syncOutId").asText()));
        if (!stillQueued.containsAll(victimsQueue)) {
            figures.violation(Violation.UNOWNED_ACCEPTED, "the attacker acknowledged the victim's queue entries "
                    + victimsQueue + ": left " + stillQueued);
        }
        for (JsonNode received : victim.site.drainQueue()) {
            if (received.toString().contains(marker)) {
                figures.violation(Violation.UNOWNED_ACCEPTED, "the victim received " + received);
            }
        }
        for (String changed : victim.changedSinceRemembered()) {
            figures.violation(Violation.UNOWNED_ACCEPTED, changed);
        }
        // The central copy, the central change log, and what is staged for sites to pull.
        try (Connection db = Database.application().getConnection()) {
            for (String select : List.of("SELECT 'sync_record', table_name, record_id FROM sync_record WHERE data LIKE ?",
                    "SELECT 'central_change', table_name, record_id FROM central_change WHERE data LIKE ?",
                    "SELECT 'outbound_batch for site', site_id, batch_id FROM outbound_batch"
                            + " WHERE COALESCE(records, CONVERT(UNCOMPRESS(records_compressed) USING utf8mb4)) LIKE ?")) {
                try (PreparedStatement query = db.prepareStatement(select)) {
                    query.setString(1, "%" + marker + "%");
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            figures.violation(Violation.UNOWNED_ACCEPTED, rows.getString(1) + " holds " + rows.getString(2)
                                    + "/" + rows.getString(3));
                        }
                    }
                }
            }
        }
    }

    /** Every field of every accepted record with SQL or script in it, in the central's copy, as it was sent. */
    private static void checkInjectedTextStoredAsSent(CampaignFigures figures, List<ObjectNode> injected)
            throws Exception {
        try (Connection db = Database.application().getConnection();
             PreparedStatement query = db.prepareStatement(
                     "SELECT data FROM sync_record WHERE table_name = ? AND record_id = ? AND NOT deleted")) {
            for (ObjectNode record : injected) {
                query.setString(1, record.path("tableName").asText());
                query.setString(2, record.path("recordId").asText());
                try (ResultSet row = query.executeQuery()) {
                    JsonNode stored = row.next() ? JSON.readTree(row.getString(1)) : null;
                    record.path("recordData").fields().forEachRemaining(field -> {
                        if (stored == null || !field.getValue().equals(stored.path(field.getKey()))) {
                            figures.violation(Violation.ALTERED, PatientData.key(record) + "." + field.getKey()
                                    + " sent " + field.getValue() + ", stored " + (stored == null ? "no record"
                                    : stored.path(field.getKey())));
                        }
                    });
                }
            }
        }
    }

    private static ObjectNode item(String id) {
        return record("item", id, "Update", Map.of("ID", id, "item_name", "Item " + id, "code", id, "type_of", "general"));
    }
}
