package org.supplysync.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
