package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.setVisibility;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.Database.number;
import static org.supplysync.it.InitialisationIT.job;
import static org.supplysync.it.RemoteSite.record;

/**
 * move-store (issue 9, the seed's "Moving a store from one sync site to another"): the store's data reaches the target
 * site and nothing else does, the old site can no longer change it, keeps a collector copy only when asked, and, left
 * with no store, can be retired. A move that must not start (a site not synchronised, a mobile target with a store,
 * an unknown store or site) starts nothing.
 */
class MoveStoreIT extends DeployedApplication {

    @Test
    void movesTheStoresDataToTheTargetAndRefusesTheOldSitesPushesAfterwards() {
        RemoteSite from = RemoteSite.register("desktop");
        RemoteSite to = RemoteSite.register("desktop");
        RemoteSite trader = RemoteSite.register("desktop");
        String store = createStore(from.id);
        String supplier = createStore(trader.id);
        String shelf = unique("L");
        String bin = unique("L");
        String invoice = unique("INV");
        List<String> lines = List.of(unique("IL"), unique("IL"));
        String transfer = unique("CI");
        from.push(location(shelf, store, "first"), location(bin, store, "bin"),
                transact(invoice, store, unique("N_CUSTOMER"), "nw"),
                line(lines.get(0), invoice), line(lines.get(1), invoice));
        from.push(location(shelf, store, "second"));
        // The store is visible in the supplier, so the central completes the transfer: its responding half (a
        // supplier invoice) is the store's data too.
        setVisibility(unique("NSJ"), store, supplier, true);
        trader.push(transact(transfer, supplier, "N_" + store, "fn"));
        String respondingHalf = admin().get("/api/transfers/transact/" + transfer).then().statusCode(200)
                .body("status", equalTo("CREATED")).extract().jsonPath().getString("respondingId");

        // The old site has the transfer to pull still: not synchronised, nothing starts.
        admin().body(move(store, to.id, false)).post("/api/jobs/move-store").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("queued"));
        assertThat(runsOf(store)).as("nothing started").isEmpty();
        from.drainQueue();

        JsonPath done = runToCompletion(move(store, to.id, false));
        assertThat(done.getString("exitStatus")).contains("SITE " + from.id + " HAS NO STORE");

        Set<String> expected = Set.of("store/" + store, "Location/" + shelf, "Location/" + bin, "transact/" + invoice,
                "trans_line/" + lines.get(0), "trans_line/" + lines.get(1), "transact/" + transfer,
                "transact/" + respondingHalf);
        Map<String, JsonNode> pulled = byKey(to.drainQueue());
        assertThat(pulled.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        pulled.forEach((key, data) -> assertThat(data).as(key + ", its latest version").isEqualTo(centralCopy(key)));
        assertThat(pulled.get("Location/" + shelf).path("code").asText()).isEqualTo("second");
        assertThat(pulled.get("store/" + store).path("sync_id_remote_site").asInt()).isEqualTo(to.id);

        admin().get("/api/stores/" + store).then().statusCode(200).body("activeSiteId", equalTo(to.id));
        assertThat(copyOn(store, from)).isEqualTo("TRANSFER");
        List<JsonNode> told = from.drainQueue();
        assertThat(keys(told)).as("the old site learns where the store is active now").containsExactly("store/" + store);

        from.push(location(shelf, store, "changed where it moved from"));
        assertThat(refusedIds(from)).contains(shelf);
        to.push(location(bin, store, "changed where it is active"));
        assertThat(centralCopy("Location/" + shelf).path("code").asText()).isEqualTo("second");
        assertThat(centralCopy("Location/" + bin).path("code").asText()).isEqualTo("changed where it is active");
    }

    @Test
    void keepsACollectorWhenAskedRefusesWhatMustNotStartAndRetiresTheSiteLeftWithNoStore() throws SQLException {
        RemoteSite from = RemoteSite.register("desktop");
        RemoteSite to = RemoteSite.register("desktop");
        RemoteSite mobile = RemoteSite.register("mobile");
        String store = createStore(from.id);
        createStore(mobile.id);
        String shelf = unique("L");
        from.push(location(shelf, store, "first"));
        from.drainQueue();

        admin().body(move(store, mobile.id, false)).post("/api/jobs/move-store").then().statusCode(409)
                .body("detail", containsString("mobile"));
        admin().body(move("NO_SUCH_STORE", to.id, false)).post("/api/jobs/move-store").then().statusCode(400);
        admin().body(move(store, 999_999_999, false)).post("/api/jobs/move-store").then().statusCode(400)
                .body("detail", containsString("999999999"));
        admin().body(move(store, from.id, false)).post("/api/jobs/move-store").then().statusCode(400);
        assertThat(runsOf(store)).as("nothing started").isEmpty();
        admin().post("/api/sites/" + from.id + "/retire").then().statusCode(409)
                .body("detail", containsString(store));

        runToCompletion(move(store, to.id, true));
        assertThat(copyOn(store, from)).isEqualTo("ACTIVE_COLLECTOR");
        to.push(location(shelf, store, "second"));
        // The old site's queue now holds the store record and the collected change: one staged by a pull, one not.
        from.pull(1);
        admin().get("/api/sites/" + from.id).then().body("queueLength", equalTo(2));

        admin().post("/api/sites/" + from.id + "/retire").then().statusCode(200)
                .body("retired", equalTo(true)).body("queueLength", equalTo(0));
        admin().get("/api/sites/" + from.id).then().body("retired", equalTo(true)).body("hardwareIdBound", equalTo(false));
        assertThat(from.get("/sync/v5/site").status()).as("its old credentials").isEqualTo(401);
        assertThat(number("select count(*) from outbound_batch where site_id = ?", from.id)).isZero();
        assertThat(number("select count(*) from audit where who = 'admin' and action = 'site.retire' and target = ?",
                "site " + from.id)).isEqualTo(1);
        assertThat(copyOn(store, from)).as("a retired site keeps no copy").isEqualTo("NONE");
        to.push(location(shelf, store, "third"));
        admin().get("/api/sites/" + from.id).then().body("queueLength", equalTo(0));
        admin().body(move(store, from.id, false)).post("/api/jobs/move-store").then().statusCode(409);
    }

    private static Map<String, Object> move(String store, int toSiteId, boolean keepCollector) {
        return Map.of("storeId", store, "toSiteId", toSiteId, "keepCollector", keepCollector);
    }

    private static JsonPath runToCompletion(Map<String, Object> parameters) {
        long execution = admin().body(parameters).post("/api/jobs/move-store").then().statusCode(202)
                .extract().jsonPath().getLong("executionId");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Set.of("COMPLETED", "FAILED", "STOPPED").contains(job(execution).getString("status")));
        JsonPath done = job(execution);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("COMPLETED");
        return done;
    }

    private static List<Map<String, Object>> runsOf(String store) {
        List<Map<String, Object>> all = admin().get("/api/jobs").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(job -> job.get("parameters") instanceof Map<?, ?> parameters
                && store.equals(parameters.get("storeId"))).toList();
    }

    private static String copyOn(String store, RemoteSite site) {
        return admin().get("/api/stores/" + store).then().statusCode(200).extract().jsonPath()
                .getMap("syncWith", String.class, String.class).get(Integer.toString(site.id));
    }

    private static Map<String, JsonNode> byKey(List<JsonNode> records) {
        Map<String, JsonNode> byKey = new HashMap<>();
        records.forEach(record -> byKey.put(key(record), record.path("recordData")));
        assertThat(records).as("no record twice").hasSize(byKey.size());
        return byKey;
    }

    private static List<String> keys(List<JsonNode> records) {
        return records.stream().map(MoveStoreIT::key).toList();
    }

    private static String key(JsonNode record) {
        return record.path("tableName").asText() + "/" + record.path("recordId").asText();
    }

    private static JsonNode centralCopy(String key) {
        return admin().get("/api/records/" + key).then().statusCode(200).extract().as(JsonNode.class).path("recordData");
    }

    private static Set<String> refusedIds(RemoteSite site) {
        return Set.copyOf(admin().get("/api/sites/" + site.id + "/refusals?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("recordId", String.class));
    }

    private static ObjectNode location(String id, String store, String code) {
        return record("Location", id, "Update", Map.of("ID", id, "store_ID", store, "code", code));
    }

    private static ObjectNode transact(String id, String store, String nameId, String status) {
        return record("transact", id, "Update", Map.of("ID", id, "store_ID", store, "name_ID", nameId,
                "type", "ci", "status", status, "mode", "store", "invoice_num", 1,
                "entry_date", "2026-11-26T00:00:00", "entry_time", "10:00:00"));
    }

    private static ObjectNode line(String id, String invoice) {
        return record("trans_line", id, "Update", Map.of("ID", id, "transaction_ID", invoice, "quantity", 5));
    }
}
