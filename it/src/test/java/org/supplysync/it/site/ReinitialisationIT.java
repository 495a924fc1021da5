package org.supplysync.it.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supplysync.client.local.LocalDatabase;
import org.supplysync.client.local.LocalRecord;
import org.supplysync.client.simulate.CentralRecords;
import org.supplysync.client.simulate.SiteRecords;
import org.supplysync.client.sync.RemoteSite;
import org.supplysync.client.sync.SyncFailure;
import org.supplysync.client.sync.SyncListener;
import org.supplysync.client.sync.SyncReport;
import org.supplysync.it.DeployedApplication;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.supplysync.it.site.ServerUnderTest.ADMIN;
import static org.supplysync.it.site.ServerUnderTest.BASE_URI;

/**
 * A site loses its database and comes back as a new installation (issue 9, "Done when"): through the client library,
 * with a new SQLite file and a new hardware id that the administrator lets in by unbinding the old device. The site
 * first works as usual; the test then states, from sync-rules.md and before the re-initialisation runs, exactly the
 * store data the site must get back, and checks that it ends holding that and nothing else.
 */
class ReinitialisationIT extends DeployedApplication {

    private static final Set<String> STORE_TABLES = new HashSet<>();

    @TempDir
    Path dir;

    @Test
    void aSiteThatLostItsDatabaseGetsBackExactlyTheStoreDataTheCentralHoldsForItAndNothingElse() throws Exception {
        ADMIN.dataTypes().forEach(type -> {
            if ("STORE".equals(type.path("type").asText())) {
                STORE_TABLES.add(type.path("tableName").asText());
            }
        });
        String run = ServerUnderTest.unique("REI");
        String nameS = run.toLowerCase() + "-s";
        String nameT = run.toLowerCase() + "-t";
        int siteS = ServerUnderTest.newSite(nameS);
        int siteT = ServerUnderTest.newSite(nameT);
        // Site S: its own store, a dispensary that keeps its transactions to itself, and a store whose central copy
        // is a transfer copy (store F of the seed). Site T: a store S collects, and one S only trades with.
        String own = run + "_OWN";
        String dispensary = run + "_DISP";
        String transferCopy = run + "_XFER";
        String collected = run + "_COL";
        String other = run + "_OTHER";
        ADMIN.createStore(own, "OWN", "Own " + run, own + "_N", siteS);
        ADMIN.createStore(dispensary, "DISP", "Dispensary " + run, dispensary + "_N", siteS, true, false);
        ADMIN.createStore(transferCopy, "XFER", "Transfer copy " + run, transferCopy + "_N", siteS);
        ADMIN.createStore(collected, "COL", "Collected " + run, collected + "_N", siteT);
        ADMIN.createStore(other, "OTHER", "Other " + run, other + "_N", siteT);
        ADMIN.syncWith(transferCopy, 1, "TRANSFER");
        String customer = run + "_CUSTOMER";
        ServerUnderTest.centralEdits(List.of(
                ServerUnderTest.edit("name", customer, CentralRecords.facility(customer, "Customer " + run, true, false)),
                ServerUnderTest.join(run + "_NSJ1", collected + "_N", own),
                ServerUnderTest.join(run + "_NSJ2", other + "_N", own),
                ServerUnderTest.join(run + "_NSJ3", own + "_N", other)));
        ADMIN.syncWith(collected, siteS, "ACTIVE_COLLECTOR");

        Map<String, JsonNode> expected = new TreeMap<>();
        Map<String, JsonNode> heldFromTheCentral = new TreeMap<>();
        Path oldFile = dir.resolve("site-s.db");
        String oldHardwareId;
        try (RemoteSite s = RemoteSite.open(oldFile).configure(BASE_URI, nameS, "pw-" + nameS);
             RemoteSite t = RemoteSite.open(dir.resolve("site-t.db")).configure(BASE_URI, nameT, "pw-" + nameT)) {
            assertThat(s.sync(SyncListener.SILENT).initialised()).isTrue();
            assertThat(t.sync(SyncListener.SILENT).initialised()).isTrue();
            oldHardwareId = s.db().hardwareId();

            // A first day of work on both sites.
            LocalDatabase db = s.db();
            ObjectNode ownLocation = put(db, "Location", SiteRecords.location(run + "_OWN_L1", own, "A1", "shelf", 1));
            put(db, "Location", SiteRecords.location(run + "_OWN_L2", own, "A2", "shelf", 2));
            put(db, "Location", SiteRecords.location(run + "_OWN_L3", own, "A3", "gone tomorrow", 3));
            put(db, "item_line", itemLine(run + "_OWN_IL1", own));
            ObjectNode invoice = put(db, "transact", SiteRecords.transact(run + "_OWN_CI", own, other + "_N", 1, "ci",
                    "to the other store", "2026-03-01", 3600));
            put(db, "trans_line", SiteRecords.transLine(run + "_OWN_TL1", run + "_OWN_CI", "ITEM", "B1", "stock_out", 5));
            put(db, "name", SiteRecords.patient(run + "_PAT", own));
            put(db, "name_store_join", SiteRecords.visibility(run + "_PAT_NSJ", run + "_PAT", own, true));
            put(db, "Location", SiteRecords.location(run + "_DISP_L1", dispensary, "D1", "dispensary shelf", 1));
            put(db, "transact", SiteRecords.transact(run + "_DISP_PR", dispensary, customer, 1, "ci", "dispensed",
                    "2026-03-01", 3600));
            put(db, "trans_line", SiteRecords.transLine(run + "_DISP_TL1", run + "_DISP_PR", "ITEM", "B2", "stock_out", 1));
            put(db, "item_line", itemLine(run + "_DISP_IL1", dispensary));
            put(db, "Stock_take", SiteRecords.stockTake(run + "_DISP_ST1", dispensary, 1, "count", "2026-03-01", 60));
            put(db, "Location", SiteRecords.location(run + "_XFER_L1", transferCopy, "X1", "transfer-copy shelf", 1));
            put(db, "item_line", itemLine(run + "_XFER_IL1", transferCopy));
            ObjectNode collectedLocation = put(t.db(), "Location", SiteRecords.location(run + "_COL_L1", collected, "C1", "theirs", 1));
            put(t.db(), "Location", SiteRecords.location(run + "_COL_L2", collected, "C2", "theirs", 2));
            put(t.db(), "item_line", itemLine(run + "_COL_IL1", collected));
            put(t.db(), "Location", SiteRecords.location(run + "_OTHER_L1", other, "O1", "not for S", 1));
            ObjectNode toS = put(t.db(), "transact", SiteRecords.transact(run + "_OTHER_CI", other, own + "_N", 1, "ci",
                    "to S's own store", "2026-03-01", 3600));
            put(t.db(), "trans_line", SiteRecords.transLine(run + "_OTHER_TL1", run + "_OTHER_CI", "ITEM", "B3", "stock_out", 7));
            t.sync(SyncListener.SILENT);
            assertThat(ADMIN.refusals(siteT)).isEmpty();
            s.sync(SyncListener.SILENT);
            List<String> refused = new ArrayList<>();
            ADMIN.refusals(siteS).forEach(r -> refused.add(r.path("recordId").asText()));
            assertThat(refused).as("the dispensary's transactions, stock and stocktakes stay on the site")
                    .containsExactlyInAnyOrder(run + "_DISP_PR", run + "_DISP_TL1", run + "_DISP_IL1", run + "_DISP_ST1");
            assertThat(ADMIN.record("Location", run + "_XFER_L1")).as("the central keeps no data of a store whose "
                    + "copy there is a transfer copy").isEmpty();

            // A second day: an update, a delete, the invoices to the other site's store finalised (transfers both ways).
            put(db, "Location", ownLocation.put("Description", "shelf, moved"));
            db.delete("Location", run + "_OWN_L3");
            put(db, "transact", invoice.put("status", "fn").put("finalised_date", "2026-03-02").put("finalised_time", 7200));
            put(t.db(), "Location", collectedLocation.put("Description", "theirs, renamed"));
            put(t.db(), "transact", toS.put("status", "fn").put("finalised_date", "2026-03-02").put("finalised_time", 7200));
            t.sync(SyncListener.SILENT);
            s.sync(SyncListener.SILENT);
            s.sync(SyncListener.SILENT);
            assertThat(ADMIN.refusals(siteS)).as("nothing more refused").hasSize(4);
            assertThat(ADMIN.site(siteS).path("queueLength").asLong()).as("S pulled everything routed to it").isZero();

            // What the rules say S must get back, stated before it happens: its own store data the central holds
            // (not the transfer-copy store's, not the dispensary's transactions, not the deleted location), its
            // patient and the patient's visibility, the data of the store it collects and the transfer addressed to
            // its store from the other site, each at its latest version; and the responding half the central made
            // for each of the two transfers (a supplier invoice with its line), which goes to both stores' sites.
            for (String id : List.of("_OWN_L1", "_OWN_L2", "_OWN_IL1", "_OWN_CI", "_OWN_TL1", "_PAT", "_PAT_NSJ",
                    "_DISP_L1")) {
                keep(expected, db, run + id);
            }
            for (String id : List.of("_COL_L1", "_COL_L2", "_COL_IL1", "_OTHER_CI", "_OTHER_TL1")) {
                keep(expected, t.db(), run + id);
            }
            for (String initiating : List.of(run + "_OWN_CI", run + "_OTHER_CI")) {
                JsonNode transfer = ADMIN.transfer("transact", initiating).orElseThrow();
                assertThat(transfer.path("status").asText()).as("the central completed " + initiating).isEqualTo("CREATED");
                String responding = transfer.path("respondingId").asText();
                keep(expected, db, responding);
                db.liveRecords().stream().filter(r -> r.tableName().equals("trans_line")
                        && responding.equals(r.data().path("transaction_ID").asText()))
                        .forEach(line -> keep(expected, db, line.recordId()));
            }
            assertThat(expected).as("two responding halves with a line each").hasSize(13 + 4);
            assertThat(expected.get("Location/" + run + "_OWN_L1").path("Description").asText()).isEqualTo("shelf, moved");
            assertThat(expected.get("Location/" + run + "_COL_L1").path("Description").asText()).isEqualTo("theirs, renamed");
            assertThat(db.get("transact", run + "_OTHER_CI")).as("the transfer reached S").hasValueSatisfying(
                    r -> assertThat(r.data().path("status").asText()).isEqualTo("fn"));
            Set<String> patients = patientsIn(db);
            for (LocalRecord record : db.liveRecords()) {
                if (!isStoreData(record, patients)) {
                    heldFromTheCentral.put(key(record), record.data());
                }
            }

            // Work that never reaches the central: the disk dies before the next sync.
            put(db, "Location", SiteRecords.location(run + "_OWN_L2", own, "A2", "edited, never pushed", 2));
            put(db, "Location", SiteRecords.location(run + "_OWN_L4", own, "A4", "never pushed", 4));
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(oldFile + suffix));
        }

        try (RemoteSite fresh = RemoteSite.open(dir.resolve("site-s-new.db")).configure(BASE_URI, nameS, "pw-" + nameS)) {
            assertThat(fresh.db().hardwareId()).as("a new installation is a new device").isNotEqualTo(oldHardwareId);
            assertThatThrownBy(() -> fresh.sync(SyncListener.SILENT)).isInstanceOf(SyncFailure.class)
                    .hasMessageContaining("bound to another device");

            ADMIN.unbindHardwareId(siteS);
            SyncReport restored = fresh.sync(SyncListener.SILENT);

            assertThat(restored.initialised()).isTrue();
            assertThat(restored.initialisation()).contains("the server queued");
            assertThat(restored.pushed()).isZero();
            assertThat(restored.integrationErrors()).isEmpty();
            Set<String> patients = patientsIn(fresh.db());
            Map<String, JsonNode> storeData = new TreeMap<>();
            Map<String, JsonNode> centralData = new HashMap<>();
            for (LocalRecord record : fresh.db().liveRecords()) {
                (isStoreData(record, patients) ? storeData : centralData).put(key(record), record.data());
            }
            assertThat(storeData.keySet()).as("exactly the store data the rules give S back")
                    .containsExactlyElementsOf(expected.keySet());
            expected.forEach((key, data) -> assertThat(same(storeData.get(key), data)).as(key + ": " + storeData.get(key)
                    + " instead of " + data).isTrue());
            heldFromTheCentral.forEach((key, data) -> assertThat(same(centralData.get(key), data))
                    .as("central and central-store data from cursor 0 again: " + key).isTrue());
            JsonNode site = ADMIN.site(siteS);
            assertThat(site.path("hardwareIdBound").asBoolean()).isTrue();
            assertThat(site.path("queueLength").asLong()).isZero();
            assertThat(site.path("centralCursorLag").asLong()).isZero();

            // From here on it is the site again: nothing of what it got back is pushed, and its edits are its own.
            SyncReport next = fresh.sync(SyncListener.SILENT);
            assertThat(next.pushed()).isZero();
            assertThat(next.pulledQueue()).isZero();
            ObjectNode edited = ((ObjectNode) expected.get("Location/" + run + "_OWN_L1")).deepCopy()
                    .put("Description", "after the new disk");
            put(fresh.db(), "Location", edited);
            SyncReport edit = fresh.sync(SyncListener.SILENT);
            assertThat(edit.pushed()).isEqualTo(1);
            assertThat(ADMIN.refusals(siteS)).as("nothing more refused").hasSize(4);
            assertThat(ADMIN.record("Location", run + "_OWN_L1").orElseThrow().path("recordData").path("Description")
                    .asText()).isEqualTo("after the new disk");
        }
    }

    private static ObjectNode put(LocalDatabase db, String table, ObjectNode data) {
        db.put(table, data.get("ID").asText(), data);
        return data;
    }

    private static ObjectNode itemLine(String id, String store) {
        return SiteRecords.itemLine(id, store, "ITEM", "B" + id.length(), "2028-05-15", "", 1, 20, 2.5, 4.25,
                "received", "");
    }

    private static void keep(Map<String, JsonNode> expected, LocalDatabase db, String id) {
        LocalRecord record = db.liveRecords().stream().filter(r -> r.recordId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not on the site that made it"));
        expected.put(key(record), record.data().deepCopy());
    }

    private static String key(LocalRecord record) {
        return record.tableName() + "/" + record.recordId();
    }

    private static Set<String> patientsIn(LocalDatabase db) {
        Set<String> patients = new HashSet<>();
        db.liveRecords().stream().filter(r -> r.tableName().equals("name") && "patient".equals(r.data().path("type").asText()))
                .forEach(r -> patients.add(r.recordId()));
        return patients;
    }

    /** Store data (by the registry) and patient data (a patient, its visibility); the rest is central or central-store data. */
    private static boolean isStoreData(LocalRecord record, Set<String> patients) {
        return switch (record.tableName()) {
            case "name" -> patients.contains(record.recordId());
            case "name_store_join" -> patients.contains(record.data().path("name_ID").asText());
            default -> STORE_TABLES.contains(record.tableName());
        };
    }

    /** JSON equality that reads 2.5 and 2.50 as the same number. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText())) : x.equals(y) ? 0 : 1, b);
    }
}
