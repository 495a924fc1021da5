package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/**
 * The admin API of the central dashboard (issue 12): sync sessions as sites sync through v5, the sync report's health
 * colours, the reports across stores against what a site pushed (and changed), as JSON and CSV, and an alert sent
 * once to a webhook.
 */
class DashboardApiIT extends DeployedApplication {

    private static final int WEBHOOK_PORT = Integer.getInteger("supplysync.it.webhookPort", 28091);
    /** The refresh interval the IT server is given (it/pom.xml). */
    private static final int REFRESH_SECONDS = Integer.getInteger("supplysync.it.dashboardRefreshSeconds", 30);

    @Test
    void recordsEachSyncSessionWithWhatWasPushedPulledAcknowledgedAndRefused() throws SQLException {
        RemoteSite pusher = RemoteSite.register("desktop");
        RemoteSite collector = RemoteSite.register("desktop");
        String store = Api.createStore(pusher.id);
        Api.collectOn(store, collector.id);
        String othersStore = Api.createStore(collector.id);

        pusher.push(location(unique("L"), store), location(unique("L"), store),
                location(unique("L"), othersStore));
        RemoteSite.send(pusher.request("/sync/v5/site").setHeader("version", "99").GET()).expect(409);
        int received = collector.drainQueue().size();

        JsonNode pushed = syncs(pusher.id).get(0);
        assertThat(pushed.path("pushed").asLong()).isEqualTo(3);
        assertThat(pushed.path("refused").asLong()).as("the location of a store active elsewhere").isEqualTo(1);
        assertThat(pushed.path("pulled").asLong()).isZero();
        assertThat(pushed.path("error").asText()).isEqualTo("api_version_incompatible");
        assertThat(pushed.path("durationMs").asLong()).isNotNegative();
        assertThat(pushed.path("endedAt").asText()).isGreaterThanOrEqualTo(pushed.path("startedAt").asText());

        JsonNode pulled = syncs(collector.id).get(0);
        assertThat(received).isGreaterThanOrEqualTo(2);
        assertThat(pulled.path("pulled").asLong()).isEqualTo(received);
        assertThat(pulled.path("acknowledged").asLong()).isEqualTo(received);
        assertThat(pulled.path("pushed").asLong()).isZero();
        assertThat(pulled.path("error").isNull()).isTrue();

        // A call after more than a minute of silence starts the next session.
        execute("update sync_session set started_at = started_at - interval 5 minute,"
                + " ended_at = ended_at - interval 5 minute where site_id = ?", pusher.id);
        pusher.get("/sync/v5/site_status").expect(200);
        JsonNode sessions = syncs(pusher.id);
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).path("pushed").asLong()).isZero();
        assertThat(sessions.get(0).path("error").isNull()).isTrue();
        assertThat(sessions.get(1).path("pushed").asLong()).isEqualTo(3);
        assertThat(json(admin().get("/api/sites/" + pusher.id + "/syncs?limit=1"))).hasSize(1);
        admin().get("/api/sites/999999999/syncs").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void theSyncReportColoursEachSiteByItsLastContact() throws SQLException {
        RemoteSite green = RemoteSite.register("desktop");
        RemoteSite amber = RemoteSite.register("desktop");
        RemoteSite red = RemoteSite.register("mobile");
        RemoteSite never = RemoteSite.register("desktop");
        for (RemoteSite site : List.of(green, amber, red)) {
            site.get("/sync/v5/site").expect(200);
        }
        execute("update site_activity set last_contact = utc_timestamp(3) - interval 2 day where site_id = ?", amber.id);
        execute("update site_activity set last_contact = utc_timestamp(3) - interval 31 day where site_id = ?", red.id);

        JsonNode sites = json(admin().get("/api/dashboard/sites"));
        assertThat(site(sites, green.id).path("health").asText()).isEqualTo("green");
        assertThat(site(sites, amber.id).path("health").asText()).isEqualTo("amber");
        assertThat(site(sites, red.id).path("health").asText()).isEqualTo("red");
        assertThat(site(sites, never.id).path("health").asText()).isEqualTo("never");
        assertThat(site(sites, never.id).path("lastContact").isNull()).isTrue();
        assertThat(StreamSupport.stream(sites.spliterator(), false).map(site -> site.path("id").asInt()))
                .as("the central is no site of the report").doesNotContain(1);
        JsonNode one = site(sites, red.id);
        for (String field : List.of("id", "name", "type", "lastContact", "health", "queueLength", "centralCursorLag",
                "refusedRecords", "quarantinedRecords", "status", "initialisationStatus")) {
            assertThat(one.has(field)).as(field).isTrue();
        }
        assertThat(one.path("type").asText()).isEqualTo("mobile");
        assertThat(one.path("initialisationStatus").asText()).isEqualTo("new");

        admin().get("/api/dashboard/settings").then().statusCode(200)
                .body("amberAfter", equalTo("P1D")).body("redAfter", equalTo("P30D"))
                .body("refreshSeconds", equalTo(REFRESH_SECONDS));
        Api.anonymous().get("/api/dashboard/sites").then().statusCode(401);
    }

    @Test
    void reportsAcrossStoresCountWhatSitesPushedAndFollowItsChanges() throws SQLException {
        RemoteSite site = RemoteSite.register("desktop");
        String storeA = store(site.id, "Store, A " + unique(""));
        String storeF = store(site.id, "Store F " + unique(""));
        admin().body(Map.of("type", "TRANSFER")).put("/api/stores/" + storeF + "/sync-with/1").then().statusCode(200);
        String x = item("Amoxicillin 250 mg, capsules");
        String y = item("Paracetamol 500 mg");
        String customer = unique("CUSTOMER");
        Ids id = new Ids();

        site.push(
                stockLine(id.of("L1"), storeA, x, "LOC1", 10, 5, 2.0),
                stockLine(id.of("L2"), storeA, x, "LOC1", 1, 7, 0.5),
                stockLine(id.of("L3"), storeA, x, "", 20, 2, 30),
                stockLine(id.of("L4"), storeA, y, "LOC2", 100, 1, 12.5),
                stockLine(id.of("LF"), storeF, x, "", 1, 1000, 1),
                invoice(id.of("T1"), storeA, customer, "ci", "store", "fn", "2026-01-20"),
                line(id.of("TL1"), id.of("T1"), x, "stock_out", 3, 10),
                line(id.of("TL1Y"), id.of("T1"), y, "stock_out", 1, 100),
                invoice(id.of("T2"), storeA, customer, "ci", "dispensary", "fn", "2026-01-31"),
                line(id.of("TL2"), id.of("T2"), x, "stock_out", 2, 1),
                invoice(id.of("T3"), storeA, customer, "ci", "store", "fn", "2026-02-03"),
                line(id.of("TL3"), id.of("T3"), x, "stock_out", 4, 10),
                invoice(id.of("T4"), storeA, customer, "cc", "store", "fn", "2026-02-10"),
                line(id.of("TL4"), id.of("T4"), x, "stock_in", 1, 10),
                invoice(id.of("T5"), storeA, customer, "ci", "store", "nw", "0000-00-00"),
                line(id.of("TL5"), id.of("T5"), x, "stock_out", 5, 10),
                invoice(id.of("T6"), storeA, customer, "ci", "store", "fn", "2025-12-15"),
                line(id.of("TL6"), id.of("T6"), x, "stock_out", 1, 10),
                // A transfer copy holds the transfers it takes part in, and the reports leave them out all the same.
                invoice(id.of("TF"), storeF, "N_" + storeA, "ci", "store", "fn", "2026-01-05"),
                line(id.of("TLF"), id.of("TF"), x, "stock_out", 100, 1));

        JsonNode soh = json(admin().get("/api/reports/stock-on-hand?item=" + x));
        assertThat(rows(soh, storeA)).extracting(row -> row.path("locationId").isNull() ? null : row.path("locationId").asText(),
                        row -> row.path("units").asDouble(), row -> row.path("itemName").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, 40.0, "Amoxicillin 250 mg, capsules"),
                        org.assertj.core.groups.Tuple.tuple("LOC1", 57.0, "Amoxicillin 250 mg, capsules"));
        assertThat(rows(soh, storeF)).as("a transfer copy holds no stock here").isEmpty();
        JsonNode asOf = covered(soh, storeA);
        assertThat(asOf.path("storeName").asText()).startsWith("Store, A");
        assertThat(asOf.path("lastSync").asText())
                .isEqualTo(admin().get("/api/sites/" + site.id).then().extract().path("lastContact"));
        assertThat(covered(soh, storeF)).as("not covered").isNull();
        assertThat(rows(json(admin().get("/api/reports/stock-on-hand")), storeA)).as("every item")
                .extracting(row -> row.path("itemId").asText(), row -> row.path("units").asDouble())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(x, 40.0),
                        org.assertj.core.groups.Tuple.tuple(x, 57.0), org.assertj.core.groups.Tuple.tuple(y, 100.0));

        assertThat(value(storeA)).isEqualTo(86.0);
        JsonNode value = json(admin().get("/api/reports/stock-value"));
        double sum = 0;
        for (JsonNode row : value.path("rows")) {
            sum += row.path("value").asDouble();
        }
        assertThat(value.path("total").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(rows(value, storeF)).isEmpty();

        assertThat(usage(x, storeA)).containsExactly(Map.entry("2026-01", 32.0), Map.entry("2026-02", 30.0));
        assertThat(rows(json(admin().get("/api/reports/monthly-usage?item=" + x + "&from=2026-01&to=2026-02")), storeF))
                .isEmpty();

        // CSV: a header row, the rows, fields with a comma quoted.
        String csv = admin().get("/api/reports/stock-on-hand?format=csv&item=" + x).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        String storeName = asOf.path("storeName").asText();
        assertThat(csv.split("\r\n")).startsWith("storeId,storeName,itemId,itemName,locationId,units")
                .contains(storeA + ",\"" + storeName + "\"," + x + ",\"Amoxicillin 250 mg, capsules\",,40",
                        storeA + ",\"" + storeName + "\"," + x + ",\"Amoxicillin 250 mg, capsules\",LOC1,57");
        String usageCsv = admin().accept("text/csv").get("/api/reports/monthly-usage?item=" + x
                + "&from=2026-01&to=2026-02").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        assertThat(usageCsv.split("\r\n")).startsWith("storeId,storeName,month,units")
                .contains(storeA + ",\"" + storeName + "\",2026-01,32", storeA + ",\"" + storeName + "\",2026-02,30");
        assertThat(admin().accept("text/csv").get("/api/reports/stock-value").then().statusCode(200).extract()
                .asString()).startsWith("storeId,storeName,value\r\n").contains(storeA + ",\"" + storeName + "\",86\r\n");

        // A line changed, one deleted, a line moved to another invoice, an invoice finalised after its lines came.
        site.push(
                stockLine(id.of("L1"), storeA, x, "LOC1", 10, 2, 2.0),
                record("item_line", id.of("L2"), "Delete", Map.of("ID", id.of("L2"))),
                invoice(id.of("T5"), storeA, customer, "ci", "store", "fn", "2026-02-20"),
                line(id.of("TL3"), id.of("T1"), x, "stock_out", 4, 10),
                record("trans_line", id.of("TL4"), "Delete", Map.of("ID", id.of("TL4"))));

        assertThat(rows(json(admin().get("/api/reports/stock-on-hand?item=" + x)), storeA))
                .extracting(row -> row.path("units").asDouble()).containsExactly(40.0, 20.0);
        assertThat(value(storeA)).isEqualTo(76.5);
        assertThat(usage(x, storeA)).containsExactly(Map.entry("2026-01", 72.0), Map.entry("2026-02", 50.0));

        admin().get("/api/reports/monthly-usage?from=2026-01").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        admin().get("/api/reports/monthly-usage?item=" + x + "&from=2026-13").then().statusCode(400);
        admin().get("/api/reports/stock-value?format=xml").then().statusCode(400);
    }

    @Test
    void sendsEachAlertOnceToTheWebhook() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", WEBHOOK_PORT), 0);
        receiver.createContext("/alerts", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(RemoteSite.JSON.readTree(body));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        RemoteSite site = RemoteSite.register("desktop");
        try {
            site.get("/sync/v5/site").expect(200);
            execute("update site_activity set last_contact = utc_timestamp(3) - interval 40 day where site_id = ?",
                    site.id);
            await().atMost(Duration.ofSeconds(30)).until(() -> !events(received, "site-red", site.id).isEmpty());

            execute("insert into quarantine (site_id, table_name, record_id, action, data, error)"
                    + " values (?, 'Location', 'QUARANTINED', 'Update', '{}', 'a test')", site.id);
            await().atMost(Duration.ofSeconds(30)).until(() -> !events(received, "quarantine-grew", site.id).isEmpty());
            // Several more checks: nothing is sent again.
            Thread.sleep(7_000);
        } finally {
            receiver.stop(0);
            execute("delete from quarantine where site_id = ?", site.id);
        }
        List<JsonNode> red = events(received, "site-red", site.id);
        assertThat(red).hasSize(1);
        assertThat(red.get(0).path("siteName").asText()).isEqualTo(site.name);
        assertThat(red.get(0).path("lastContact").asText()).isNotEmpty();
        assertThat(red.get(0).path("at").asText()).isNotEmpty();
        List<JsonNode> grew = events(received, "quarantine-grew", site.id);
        assertThat(grew).hasSize(1);
        assertThat(grew.get(0).path("quarantinedRecords").asInt()).isEqualTo(1);
    }

    // --- what the tests push -----------------------------------------------------------------------------------

    /** Record ids unique to a test run, by the short names the test gives them. */
    private static final class Ids {
        private final Map<String, String> ids = new HashMap<>();

        String of(String name) {
            return ids.computeIfAbsent(name, Api::unique);
        }
    }

    private static ObjectNode location(String id, String store) {
        return record("Location", id, "Update", Map.of("ID", id, "store_ID", store, "code", id, "Description", id,
                "hold", false, "type_ID", "", "Volume", 0));
    }

    private static ObjectNode stockLine(String id, String store, String item, String location, int packSize,
                                        int available, double costPrice) {
        Map<String, Object> data = new HashMap<>(Map.of("ID", id, "store_ID", store, "item_ID", item, "batch", "B1",
                "expiry_date", "2027-01-31", "hold", false, "location_ID", location, "pack_size", packSize,
                "available", available, "quantity", available));
        data.putAll(Map.of("cost_price", costPrice, "sell_price", costPrice * 2, "note", "", "name_ID", "",
                "barcodeID", "", "vvm_status_id", "", "total_volume", 0, "volume_per_pack", 0));
        return record("item_line", id, "Update", data);
    }

    private static ObjectNode invoice(String id, String store, String nameId, String type, String mode, String status,
                                      String finalised) {
        Map<String, Object> data = new HashMap<>(Map.of("ID", id, "store_ID", store, "name_ID", nameId,
                "invoice_num", 1, "type", type, "status", status, "mode", mode, "hold", false,
                "entry_date", "2025-11-01", "entry_time", 0));
        data.putAll(Map.of("confirm_date", "0000-00-00", "confirm_time", 0, "finalised_date", finalised,
                "finalised_time", 0, "comment", "", "their_ref", "", "user_ID", ""));
        return record("transact", id, "Update", data);
    }

    private static ObjectNode line(String id, String invoice, String item, String type, int packs, int packSize) {
        Map<String, Object> data = new HashMap<>(Map.of("ID", id, "transaction_ID", invoice, "item_ID", item,
                "item_name", item, "item_line_ID", "", "location_ID", "", "batch", "B1", "expiry_date", "2027-01-31",
                "pack_size", packSize, "cost_price", 1.0));
        data.putAll(Map.of("sell_price", 2.0, "type", type, "quantity", packs, "note", ""));
        return record("trans_line", id, "Update", data);
    }

    /** A store active on the site, its name as given (the report shows it). */
    private static String store(int siteId, String name) {
        String id = unique("STORE");
        admin().body(Map.of("id", id, "code", id, "name", name, "nameId", "N_" + id, "activeSiteId", siteId))
                .post("/api/stores").then().statusCode(201);
        return id;
    }

    /** A central item, edited on the central. */
    private static String item(String name) {
        String id = unique("ITEM");
        admin().body(Map.of("data", List.of(Map.of("tableName", "item", "recordId", id, "action", "Update",
                        "recordData", Map.of("ID", id, "item_name", name, "code", id, "type_of", "general")))))
                .post("/api/records").then().statusCode(200).body("accepted", equalTo(1));
        return id;
    }

    // --- what the tests read -----------------------------------------------------------------------------------

    private static JsonNode syncs(int siteId) {
        return json(admin().get("/api/sites/" + siteId + "/syncs"));
    }

    private static JsonNode site(JsonNode sites, int id) {
        for (JsonNode site : sites) {
            if (site.path("id").asInt() == id) {
                return site;
            }
        }
        throw new AssertionError("site " + id + " is not in the sync report");
    }

    private static List<JsonNode> rows(JsonNode report, String storeId) {
        List<JsonNode> rows = new ArrayList<>();
        report.path("rows").forEach(row -> {
            if (row.path("storeId").asText().equals(storeId)) {
                rows.add(row);
            }
        });
        return rows;
    }

    private static JsonNode covered(JsonNode report, String storeId) {
        for (JsonNode store : report.path("asOf")) {
            if (store.path("storeId").asText().equals(storeId)) {
                return store;
            }
        }
        return null;
    }

    private static double value(String storeId) {
        List<JsonNode> rows = rows(json(admin().get("/api/reports/stock-value")), storeId);
        assertThat(rows).hasSize(1);
        return rows.get(0).path("value").asDouble();
    }

    private static Map<String, Double> usage(String item, String storeId) {
        Map<String, Double> months = new java.util.LinkedHashMap<>();
        rows(json(admin().get("/api/reports/monthly-usage?item=" + item + "&from=2026-01&to=2026-02")), storeId)
                .forEach(row -> months.put(row.path("month").asText(), row.path("units").asDouble()));
        return months;
    }

    private static List<JsonNode> events(List<JsonNode> received, String event, int siteId) {
        return received.stream().filter(alert -> alert.path("event").asText().equals(event)
                && alert.path("siteId").asInt() == siteId).toList();
    }

    private static JsonNode json(io.restassured.response.Response response) {
        try {
            return RemoteSite.JSON.readTree(response.then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void execute(String sql, int siteId) throws SQLException {
        try (Connection db = Database.application().getConnection();
             PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setInt(1, siteId);
            statement.executeUpdate();
        }
    }
}
