package org.supplysync.it;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createSite;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;

/** Records edited on the central server (site 1) go through the same ownership checks as pushed ones. */
class RecordsIT extends DeployedApplication {

    @Test
    void keepsWhatTheCentralOwnsAndRefusesTheRestOfTheBatchRecordByRecord() {
        String central = createStore(1);
        String remote = createStore(createSite("desktop", "p"));
        String item = unique("ITEM");
        String ownTransact = unique("T");
        String foreignTransact = unique("T");
        long refusedBefore = admin().get("/api/sites/1").then().extract().jsonPath().getLong("refusedRecords");

        admin().body(Map.of("data", List.of(
                        record("item", item, "Update", Map.of("ID", item, "item_name", "Paracetamol")),
                        record("transact", ownTransact, "Update", Map.of("ID", ownTransact, "store_ID", central)),
                        record("transact", foreignTransact, "Update", Map.of("ID", foreignTransact, "store_ID", remote)),
                        record("preference", "P1", "Update", Map.of("ID", "P1")),
                        record("no_such_table", "X1", "Update", Map.of("ID", "X1")),
                        Map.of("tableName", "item", "action", "Update", "recordData", Map.of()))))
                .post("/api/records")
                .then().statusCode(200)
                .body("accepted", equalTo(2))
                .body("refused", hasSize(4))
                .body("refused.find { it.recordId == '" + foreignTransact + "' }.reason", containsString("active on site"))
                .body("refused.find { it.tableName == 'preference' }.reason", containsString("local data"))
                .body("refused.find { it.tableName == 'no_such_table' }.reason", containsString("unknown table"))
                .body("refused.find { it.recordId == null }.reason", containsString("recordId"));

        admin().get("/api/records/item/" + item).then().statusCode(200)
                .body("recordData.item_name", equalTo("Paracetamol"))
                .body("originSiteId", equalTo(1));
        admin().get("/api/records/transact/" + ownTransact).then().statusCode(200).body("storeId", equalTo(central));
        admin().get("/api/records/transact/" + foreignTransact).then().statusCode(404);
        admin().get("/api/sites/1").then().body("refusedRecords", equalTo((int) refusedBefore + 4));
    }

    @Test
    void linesFollowTheirParentsStoreEvenWhenTheyComeFirst() {
        String central = createStore(1);
        String transact = unique("T");
        String line = unique("TL");
        admin().body(Map.of("data", List.of(
                        record("trans_line", line, "Update", Map.of("ID", line, "transaction_ID", transact)),
                        record("transact", transact, "Update", Map.of("ID", transact, "store_ID", central)))))
                .post("/api/records")
                .then().statusCode(200).body("accepted", equalTo(2));
        admin().get("/api/records/trans_line/" + line).then().body("storeId", equalTo(central));

        admin().body(Map.of("data", List.of(record("transact", transact, "Delete", Map.of()))))
                .post("/api/records").then().statusCode(200).body("accepted", equalTo(1));
        admin().get("/api/records/transact/" + transact).then().body("deleted", equalTo(true));
    }

    /**
     * A record made by another sync while an administrator's batch makes the same one: the batch found no copy of it,
     * so it is refused whole with a 409 (sent again, it meets the record and its owner), never written over the
     * record and never a 500. The other sync is played by a transaction of the test's own that makes the record
     * and holds it uncommitted until the batch waits for it, so that the two meet every time.
     */
    @Test
    void aBatchThatMeetsARecordMadeMeanwhileIsAConflictAndKeepsNothing() throws Exception {
        String central = createStore(1);
        String raced = unique("T");
        String alongside = unique("T");
        CompletableFuture<io.restassured.response.Response> batch;
        try (Connection db = Database.application().getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement made = db.prepareStatement("insert into sync_record (table_name, record_id, store_id,"
                    + " origin_site_id, data) values ('transact', ?, ?, 1, ?)")) {
                made.setString(1, raced);
                made.setString(2, central);
                made.setString(3, "{\"ID\": \"" + raced + "\", \"store_ID\": \"" + central + "\", \"comment\": \"first\"}");
                made.executeUpdate();
            }
            batch = CompletableFuture.supplyAsync(() -> admin().body(Map.of("data", List.of(
                    record("transact", alongside, "Update", Map.of("ID", alongside, "store_ID", central)),
                    record("transact", raced, "Update", Map.of("ID", raced, "store_ID", central, "comment", "second")))))
                    .post("/api/records"), Executors.newSingleThreadExecutor());
            awaitALockWait(batch);
            db.commit();
        }
        batch.get(60, TimeUnit.SECONDS).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("send it again"));

        admin().get("/api/records/transact/" + raced).then().statusCode(200).body("recordData.comment", equalTo("first"));
        admin().get("/api/records/transact/" + alongside).then().statusCode(404);
    }

    /** Until the batch's insert has waited a moment (for the record the test holds). */
    private static void awaitALockWait(CompletableFuture<io.restassured.response.Response> batch) throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        while (Database.number("select count(*) from information_schema.processlist"
                + " where info like 'insert into sync_record%' and time_ms > 200") == 0) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("the batch never waited for the record made meanwhile: " + Database.strings(
                        "select concat(command, ' ', coalesce(state, '-'), ' ', left(coalesce(info, '-'), 40))"
                                + " from information_schema.processlist")
                        + (batch.isDone() ? " answered " + batch.get().statusCode() + " " + batch.get().asString() : ""));
            }
            Thread.sleep(50);
        }
    }

    @Test
    void refusesAnOversizedOrMalformedBatchWhole() {
        String item = unique("ITEM");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 5000; i++) {
            tooMany.add(record("item", item + "-" + i, "Update", Map.of("ID", item + "-" + i)));
        }
        admin().body(Map.of("data", tooMany)).post("/api/records")
                .then().statusCode(413).contentType("application/problem+json");
        admin().get("/api/records/item/" + item + "-0").then().statusCode(404);

        admin().body("{\"data\": [").post("/api/records").then().statusCode(400).contentType("application/problem+json");
        admin().body(Map.of("records", List.of())).post("/api/records").then().statusCode(400);
    }

    private static Map<String, Object> record(String table, String id, String action, Map<String, Object> data) {
        return Map.of("tableName", table, "recordId", id, "action", action, "recordData", data);
    }
}
