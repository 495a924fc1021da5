package org.supplysync.client.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supplysync.client.api.SyncV5Api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sync cycle against a small fake v5 server that answers as the protocol document says. */
class SynchroniserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final TreeMap<Long, ObjectNode> centralLog = new TreeMap<>();
    private long maxCursor;
    private final Map<String, ObjectNode> queue = new java.util.LinkedHashMap<>();
    private volatile int failStatus;
    private volatile String failPath;
    private volatile boolean integrationStarts = true;
    private RemoteSite site;

    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/some/path");
        site = RemoteSite.open(dir.resolve("site.db")).configure(uri, "site7", "password")
                .withSettings(new Synchroniser.Settings(2, 2, 2, Duration.ofMillis(10), Duration.ofSeconds(2),
                        Duration.ofMillis(10), Duration.ofSeconds(2)));
        for (long id : new long[]{2, 3, 7, 10}) {
            centralLog.put(id, central(id, "item", "I" + id, "insert"));
        }
        maxCursor = 12;
        queue.put("Q1", queued("Q1", "store", "S7", "update", JSON.createObjectNode().put("ID", "S7").put("sync_id_remote_site", 7)));
        queue.put("Q2", queued("Q2", "name_store_join", "NSJ1", "Update", JSON.createObjectNode().put("ID", "NSJ1")));
        queue.put("Q3", queued("Q3", "Location", "OLD", "Delete", null));
    }

    @AfterEach
    void stop() {
        site.close();
        server.stop(0);
    }

    @Test
    void theFirstSyncSendsOpenMSupplysHeadersInitialisesAndPullsTheCentralLogByCursor() {
        SyncReport report = site.sync(SyncListener.SILENT);

        assertThat(report.initialised()).isTrue();
        assertThat(report.initialisation()).contains("initialisation_not_available").contains("continuing as initialised");
        assertThat(report.pushed()).isZero();
        Request first = requests.get(0);
        assertThat(first.path()).isEqualTo("/sync/v5/site");
        String expected = "site7:" + SyncV5Api.sha256Hex("password");
        assertThat(first.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString(expected.getBytes(StandardCharsets.UTF_8)));
        assertThat(SyncV5Api.sha256Hex("password"))
                .isEqualTo("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");
        assertThat(first.header("msupply-site-uuid")).isEqualTo(site.db().hardwareId());
        assertThat(first.header("version")).isEqualTo("14");
        assertThat(first.header("app-name")).isNotBlank();
        assertThat(first.header("app-version")).isNotBlank();
        assertThat(first.header("Accept-Encoding")).contains("gzip");
        Request initialise = requests.stream().filter(r -> r.path().equals("/sync/v5/initialise")).findFirst().orElseThrow();
        assertThat(initialise.header("Content-Type")).isNull();
        assertThat(initialise.body()).isEqualTo("{}");

        // ID > cursor pages of 2, then +1 steps over the gap up to maxCursor.
        assertThat(requests.stream().filter(r -> r.path().startsWith("/sync/v5/central_records")).map(Request::path))
                .containsExactly("/sync/v5/central_records?cursor=0&limit=2", "/sync/v5/central_records?cursor=3&limit=2",
                        "/sync/v5/central_records?cursor=10&limit=2", "/sync/v5/central_records?cursor=11&limit=2",
                        "/sync/v5/central_records?cursor=12&limit=2");
        assertThat(site.db().setting(SiteSettings.CENTRAL_CURSOR)).contains("12");
        assertThat(site.db().get("item", "I10")).isPresent();

        // Queue pages acknowledged one by one, after storing; the delete of an unknown record is harmless.
        List<Request> acks = requests.stream().filter(r -> r.path().equals("/sync/v5/acknowledged_records")).toList();
        assertThat(acks).extracting(Request::body).containsExactly("{\"syncIDs\":[\"Q1\",\"Q2\"]}", "{\"syncIDs\":[\"Q3\"]}");
        assertThat(acks.get(0).header("Content-Type")).isNull();
        assertThat(site.db().activeStores(7)).containsExactly("S7");
        assertThat(site.db().get("name_store_join", "NSJ1")).isPresent();
        assertThat(requests).extracting(Request::path).contains("/central/sync/pull");
    }

    @Test
    void aPushSendsBatchesWithQueueLengthCountingDownThenAFinalEmptyBatchAndWaitsForIdle() throws IOException {
        site.sync(SyncListener.SILENT);
        requests.clear();
        site.db().put("Location", "L1", JSON.createObjectNode().put("ID", "L1").put("store_ID", "S7"));
        site.db().put("Location", "L2", JSON.createObjectNode().put("ID", "L2").put("store_ID", "S7"));
        site.db().put("Location", "L3", JSON.createObjectNode().put("ID", "L3").put("store_ID", "S7"));
        site.db().delete("Location", "L1");
        site.db().put("Location", "ELSEWHERE", JSON.createObjectNode().put("ID", "ELSEWHERE").put("store_ID", "S9"));

        SyncReport report = site.sync(SyncListener.SILENT);

        assertThat(report.pushed()).isEqualTo(3);
        List<JsonNode> pushes = new ArrayList<>();
        for (Request r : requests) {
            if (r.method().equals("POST") && r.path().equals("/sync/v5/queued_records")) {
                assertThat(r.header("Content-Type")).isNull();
                pushes.add(JSON.readTree(r.body()));
            }
        }
        assertThat(pushes).extracting(p -> p.path("queueLength").asInt()).containsExactly(3, 1, 0);
        assertThat(pushes.get(0).path("data")).extracting(d -> d.path("recordId").asText()).containsExactly("L2", "L3");
        assertThat(pushes.get(0).path("data").get(0).path("action").asText()).isEqualTo("Update");
        assertThat(pushes.get(0).path("data").get(0).path("syncOutId").isTextual()).isTrue();
        assertThat(pushes.get(1).path("data").get(0).path("action").asText()).isEqualTo("Delete");
        assertThat(pushes.get(1).path("data").get(0).path("recordData").size()).isZero();
        assertThat(pushes.get(2).path("data").size()).isZero();
        int lastPush = requests.indexOf(requests.stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/sync/v5/queued_records")).reduce((a, b) -> b).orElseThrow());
        assertThat(requests.get(lastPush + 1).path()).isEqualTo("/sync/v5/site_status");
        assertThat(site.sync(SyncListener.SILENT).pushed()).isZero();
    }

    @Test
    void aFinalPushWithoutIntegrationStartedFailsTheSync() {
        site.sync(SyncListener.SILENT);
        integrationStarts = false;
        assertThatThrownBy(() -> site.sync(SyncListener.SILENT)).isInstanceOf(SyncFailure.class)
                .hasMessageContaining("IntegrationNotStarted");
        assertThat(site.db().setting(SiteSettings.LAST_ERROR)).hasValueSatisfying(e -> assertThat(e).contains("push"));
    }

    @Test
    void serverErrorsBecomeReadableFailures() {
        failPath = "/sync/v5/site";
        failStatus = 401;
        assertThatThrownBy(() -> site.sync(SyncListener.SILENT)).hasMessageContaining("wrong site name or password");
        failStatus = 409;
        assertThatThrownBy(() -> site.sync(SyncListener.SILENT)).hasMessageContaining("sync API version 14");
        failStatus = 503;
        assertThatThrownBy(() -> site.sync(SyncListener.SILENT)).hasMessageContaining("busy");
        failStatus = 500;
        assertThatThrownBy(() -> site.sync(SyncListener.SILENT)).hasMessageContaining("the server failed")
                .hasMessageContaining("500");
        failStatus = 413;
        failPath = "/sync/v5/queued_records";
        assertThatThrownBy(() -> site.sync(SyncListener.SILENT)).hasMessageContaining("too large");
    }

    @Test
    void only408IsRetriedThreeTimes() {
        failPath = "/sync/v5/site";
        failStatus = 408;
        assertThatThrownBy(() -> site.sync(SyncListener.SILENT)).hasMessageContaining("408");
        assertThat(requests).hasSize(3);
        requests.clear();
        failStatus = 502;
        assertThatThrownBy(() -> site.sync(SyncListener.SILENT)).hasMessageContaining("502");
        assertThat(requests).hasSize(1);
    }

    @Test
    void aSiteWhoseUuidChangesIsRefused() {
        site.sync(SyncListener.SILENT);
        site.db().setSetting(SiteSettings.SITE_UUID, "another");
        assertThatThrownBy(() -> site.sync(SyncListener.SILENT)).hasMessageContaining("SiteUUIDIsBeingChanged");
    }

    // --- the fake server -----------------------------------------------------------------------------------

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().toString();
        requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        String route = exchange.getRequestURI().getPath();
        if (failStatus != 0 && route.equals(failPath)) {
            send(exchange, failStatus, "{\"error\":{\"code\":\"some_code\",\"message\":\"failed on purpose\",\"data\":null}}");
            return;
        }
        switch (exchange.getRequestMethod() + " " + route) {
            case "GET /sync/v5/site" -> send(exchange, 200, """
                    {"id":"uuid-7","siteId":7,"code":"s7","name":"Site 7","initialisationStatus":"new",
                     "isOmSupplyCentralServer":false,"omSupplyCentralServerUrl":"%s","mSupplyCentralSiteId":1}"""
                    .formatted("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            case "POST /sync/v5/initialise" -> send(exchange, 501,
                    "{\"error\":{\"code\":\"initialisation_not_available\",\"message\":\"no\",\"data\":null}}");
            case "GET /sync/v5/central_records" -> {
                Map<String, String> query = query(exchange.getRequestURI().getQuery());
                long cursor = Long.parseLong(query.get("cursor"));
                int limit = Integer.parseInt(query.get("limit"));
                ObjectNode page = JSON.createObjectNode().put("maxCursor", maxCursor);
                ArrayNode data = page.putArray("data");
                centralLog.tailMap(cursor, false).values().stream().limit(limit).forEach(data::add);
                send(exchange, 200, page.toString());
            }
            case "GET /sync/v5/queued_records" -> {
                int limit = Integer.parseInt(query(exchange.getRequestURI().getQuery()).get("limit"));
                ObjectNode page = JSON.createObjectNode().put("queueLength", queue.size());
                ArrayNode data = page.putArray("data");
                queue.values().stream().limit(limit).forEach(data::add);
                send(exchange, 200, page.toString());
            }
            case "POST /sync/v5/acknowledged_records" -> {
                JSON.readTree(body).path("syncIDs").forEach(id -> queue.remove(id.asText()));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            }
            case "POST /sync/v5/queued_records" -> send(exchange, 200, "{\"integrationStarted\":"
                    + (integrationStarts && JSON.readTree(body).path("queueLength").asInt() == 0) + "}");
            case "GET /sync/v5/site_status" -> send(exchange, 200, "{\"code\":\"idle\",\"message\":\"idle\",\"data\":null}");
            case "POST /central/sync/pull" -> send(exchange, 200,
                    "{\"data\":{\"end_cursor\":0,\"total_records\":0,\"records\":[],\"is_last_batch\":true}}");
            default -> send(exchange, 404, "not here");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String encoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (encoding != null && encoding.contains("gzip")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(bytes);
            }
            bytes = zipped.toByteArray();
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> query(String query) {
        Map<String, String> values = new TreeMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return values;
    }

    private static ObjectNode central(long id, String table, String recordId, String action) {
        ObjectNode record = JSON.createObjectNode().put("ID", id).put("tableName", table).put("recordId", recordId)
                .put("action", action);
        record.putObject("recordData").put("ID", recordId);
        return record;
    }

    private static ObjectNode queued(String syncOutId, String table, String recordId, String action, ObjectNode data) {
        ObjectNode record = JSON.createObjectNode().put("syncOutId", syncOutId).put("tableName", table)
                .put("recordId", recordId).put("action", action);
        if (data != null) {
            record.set("recordData", data);
        }
        return record;
    }
}
