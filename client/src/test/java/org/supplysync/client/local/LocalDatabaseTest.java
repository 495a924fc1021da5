package org.supplysync.client.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalDatabaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SITE = 7;

    @TempDir
    Path dir;

    private LocalDatabase db;

    @BeforeEach
    void open() {
        db = LocalDatabase.open(dir.resolve("site.db"));
        // The site's active store arrives by sync, as a store record.
        db.buffer(List.of(new Pulled("store", "ACTIVE", "update", row("ACTIVE").put("sync_id_remote_site", SITE)),
                new Pulled("store", "OTHER", "update", row("OTHER").put("sync_id_remote_site", 9))), null, null);
        db.integrate();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theHardwareIdIsMadeOnceAndKept() {
        String id = db.hardwareId();
        db.close();
        db = LocalDatabase.open(dir.resolve("site.db"));
        assertThat(db.hardwareId()).isEqualTo(id).hasSize(32);
    }

    @Test
    void activeStoresAreTheStoreRecordsOfThisSite() {
        assertThat(db.activeStores(SITE)).containsExactly("ACTIVE");
    }

    @Test
    void aPutUpsertsByRecordIdAndTheChangeLogKeepsOneRowPerRecord() {
        db.put("Location", "L1", row("L1").put("store_ID", "ACTIVE").put("code", "a"));
        db.put("Location", "L1", row("L1").put("store_ID", "ACTIVE").put("code", "b"));
        assertThat(db.get("Location", "L1").orElseThrow().data().path("code").asText()).isEqualTo("b");
        List<Change> batch = db.pushBatch(0, SITE, 100);
        assertThat(batch).hasSize(1);
        assertThat(batch.get(0).data().path("code").asText()).isEqualTo("b");
        assertThat(batch.get(0).delete()).isFalse();
    }

    @Test
    void pushesOnlyLocalEditsOfActiveStoresOrOfNoStoreNeverWhatCameBySync() {
        db.put("Location", "MINE", row("MINE").put("store_ID", "ACTIVE"));
        db.put("Location", "NOT_MINE", row("NOT_MINE").put("store_ID", "OTHER"));
        db.put("name", "PATIENT", row("PATIENT").put("type", "patient"));
        db.buffer(List.of(new Pulled("Location", "RECEIVED", "Update", row("RECEIVED").put("store_ID", "ACTIVE"))), null, null);
        db.integrate();
        assertThat(db.pushBatch(0, SITE, 100)).extracting(Change::recordId).containsExactly("MINE", "PATIENT");
        assertThat(db.pushable(0, SITE)).isEqualTo(2);
    }

    @Test
    void linesBelongToTheirParentsStore() {
        db.put("transact", "T1", row("T1").put("store_ID", "ACTIVE"));
        db.put("trans_line", "TL1", row("TL1").put("transaction_ID", "T1"));
        db.buffer(List.of(new Pulled("transact", "T2", "update", row("T2").put("store_ID", "OTHER"))), null, null);
        db.integrate();
        db.put("trans_line", "TL2", row("TL2").put("transaction_ID", "T2"));
        assertThat(db.pushBatch(0, SITE, 100)).extracting(Change::recordId, Change::storeId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("T1", "ACTIVE"),
                        org.assertj.core.groups.Tuple.tuple("TL1", "ACTIVE"));
    }

    @Test
    void theCursorSkipsWhatWasPushedAndALaterEditIsPushedAgain() {
        db.put("Location", "L1", row("L1").put("store_ID", "ACTIVE"));
        db.put("Location", "L2", row("L2").put("store_ID", "ACTIVE"));
        List<Change> first = db.pushBatch(0, SITE, 1);
        assertThat(first).extracting(Change::recordId).containsExactly("L1");
        long cursor = first.get(0).cursor();
        assertThat(db.pushBatch(cursor, SITE, 10)).extracting(Change::recordId).containsExactly("L2");
        db.put("Location", "L1", row("L1").put("store_ID", "ACTIVE").put("code", "again"));
        assertThat(db.pushBatch(cursor, SITE, 10)).extracting(Change::recordId).containsExactly("L2", "L1");
    }

    @Test
    void aDeleteKeepsATombstoneAndIsPushedAsDelete() {
        db.put("Location", "L1", row("L1").put("store_ID", "ACTIVE"));
        assertThat(db.delete("Location", "L1")).isTrue();
        assertThat(db.delete("Location", "L1")).isFalse();
        assertThat(db.get("Location", "L1").orElseThrow().deleted()).isTrue();
        assertThat(db.liveRecords()).extracting(LocalRecord::recordId).doesNotContain("L1");
        Change change = db.pushBatch(0, SITE, 10).get(0);
        assertThat(change.delete()).isTrue();
        assertThat(change.storeId()).isEqualTo("ACTIVE");
    }

    @Test
    void integrationReadsAnyCaseOfActionsAndDuplicatesAreHarmless() {
        db.buffer(List.of(
                new Pulled("item", "I1", "insert", row("I1").put("v", 1)),
                new Pulled("item", "I2", "Update", row("I2")),
                new Pulled("item", "I3", "INSERT", row("I3"))), null, null);
        db.buffer(List.of(new Pulled("item", "I1", "update", row("I1").put("v", 2))), null, null);
        LocalDatabase.Integration done = db.integrate();
        assertThat(done.upserts()).isEqualTo(3);
        assertThat(db.get("item", "I1").orElseThrow().data().path("v").asInt()).isEqualTo(2);
        db.buffer(List.of(new Pulled("item", "I1", "update", row("I1").put("v", 2)),
                new Pulled("item", "I2", "Delete", row("I2")),
                new Pulled("item", "I9", "delete", JSON.createObjectNode()),
                new Pulled("item", "I3", "teleport", row("I3"))), null, null);
        done = db.integrate();
        assertThat(done.skipped()).hasSize(1);
        assertThat(db.get("item", "I2").orElseThrow().deleted()).isTrue();
        assertThat(db.get("item", "I9")).isEmpty();
        assertThat(db.buffered()).isZero();
    }

    @Test
    void aMergeDeletesTheMergedAwayRecord() {
        db.buffer(List.of(new Pulled("item", "A", "update", row("A")), new Pulled("item", "B", "update", row("B"))), null, null);
        db.integrate();
        db.buffer(List.of(new Pulled("item", "A", "merge",
                JSON.createObjectNode().put("mergeIdToKeep", "A").put("mergeIdToDelete", "B"))), null, null);
        db.integrate();
        assertThat(db.get("item", "A").orElseThrow().deleted()).isFalse();
        assertThat(db.get("item", "B").orElseThrow().deleted()).isTrue();
    }

    @Test
    void aBatchIsStoredWithItsCursorOrNotAtAll() {
        db.buffer(List.of(new Pulled("item", "I1", "update", row("I1"))), "central_cursor", "10");
        assertThatThrownBy(() -> db.buffer(List.of(new Pulled("item", "I2", "update", row("I2")),
                new Pulled(null, "BROKEN", "update", row("X"))), "central_cursor", "20"))
                .isInstanceOf(LocalDatabaseException.class);
        assertThat(db.setting("central_cursor")).contains("10");
        assertThat(db.buffered()).isEqualTo(1);
    }

    @Test
    void recordsReceivedBySyncAreNeverPushedEvenWhenDeleted() {
        db.buffer(List.of(new Pulled("Location", "R", "update", row("R").put("store_ID", "ACTIVE"))), null, null);
        db.integrate();
        db.buffer(List.of(new Pulled("Location", "R", "delete", JSON.createObjectNode())), null, null);
        db.integrate();
        assertThat(db.pushBatch(0, SITE, 10)).isEmpty();
    }

    private static ObjectNode row(String id) {
        return JSON.createObjectNode().put("ID", id);
    }
}
