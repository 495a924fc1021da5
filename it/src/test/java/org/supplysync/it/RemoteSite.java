package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.api.SyncV5Api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A remote site as the tests drive it. The steps of a sync (push, wait for idle, pull, acknowledge, central records) go
 * through the client library's {@link SyncV5Api}, the one v5 client of the project; the raw calls ({@link #get},
 * {@link #post}, {@link #request}) are for the tests that send what no client sends or check an error answer as it is.
 */
final class RemoteSite {

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * HTTP/1.1, as Open mSupply speaks to a plain-HTTP central. Java's client would ask to upgrade to HTTP/2 (h2c), and
     * over an upgraded connection Payara answers 431 with no body after some fifty requests, then drops it.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final SyncV5Api.Options OPTIONS = SyncV5Api.Options.standard().withReadTimeout(Duration.ofSeconds(60));
    private static final SyncV5Api.Connections CONNECTIONS = SyncV5Api.Connections.of(OPTIONS);

    final int id;
    final String name;
    private final String password;
    private final String hardwareId;
    private final URI server;
    private final SyncV5Api api;
    private long centralCursor;

    private RemoteSite(int id, String name, String password) {
        this(id, name, password, URI.create(Api.BASE_URI));
    }

    private RemoteSite(int id, String name, String password, URI server) {
        this.id = id;
        this.name = name;
        this.password = password;
        this.hardwareId = "HW-" + name;
        this.server = server;
        this.api = new SyncV5Api(server, name, SyncV5Api.sha256Hex(password), hardwareId, OPTIONS,
                CONNECTIONS, SyncV5Api.Observer.NONE);
    }

    /** Registers a new site on the server through the admin API. */
    static RemoteSite register(String type) {
        int id = Api.newSiteId();
        String name = Api.unique("site" + id);
        Api.admin().body(Map.of("id", id, "name", name, "type", type, "password", "pw-" + name))
                .post("/api/sites").then().statusCode(201);
        return new RemoteSite(id, name, "pw-" + name);
    }

    /** The same site (name, password, device, central cursor) syncing with another server, a restored central. */
    RemoteSite syncingWith(String baseUri) {
        RemoteSite moved = new RemoteSite(id, name, password, URI.create(baseUri));
        moved.centralCursor = centralCursor;
        return moved;
    }

    /** A site made some other way (its password as given to the admin API). */
    static RemoteSite existing(int id, String name, String password) {
        return new RemoteSite(id, name, password);
    }

    static RemoteSite registerPrimary() {
        int id = Api.newSiteId();
        String name = Api.unique("primary" + id);
        Api.admin().body(Map.of("id", id, "name", name, "type", "desktop", "password", "pw-" + name, "primary", true))
                .post("/api/sites").then().statusCode(201);
        return new RemoteSite(id, name, "pw-" + name);
    }

    // --- the raw calls -------------------------------------------------------------------------------------

    /** As Open mSupply calls the legacy server's v4 API (apis/patient_v4.rs): the sync credentials, no sync headers. */
    io.restassured.specification.RequestSpecification v4() {
        return Api.site(name, password);
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    HttpRequest.Builder request(String path) {
        String credentials = name + ":" + SyncV5Api.sha256Hex(password);
        return HttpRequest.newBuilder(URI.create(server + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("msupply-site-uuid", hardwareId)
                .header("app-version", "2.20.0")
                .header("app-name", "Open mSupply Desktop")
                .header("version", "14");
    }

    static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- a sync, step by step ------------------------------------------------------------------------------

    /** Pushes the records in one batch, then the final empty batch, and waits until the central is idle. */
    void push(ObjectNode... records) {
        ArrayNode data = JSON.createArrayNode();
        long n = 0;
        for (ObjectNode record : records) {
            data.add(record.deepCopy().put("syncOutId", Long.toString(++n)));
        }
        api.push(batch(records.length, data));
        api.push(batch(0, JSON.createArrayNode()));
        awaitIdle();
    }

    Response pushBatch(long queueLength, ArrayNode data) {
        return post("/sync/v5/queued_records", batch(queueLength, data).toString());
    }

    private static ObjectNode batch(long queueLength, ArrayNode data) {
        ObjectNode body = JSON.createObjectNode().put("queueLength", queueLength);
        body.set("data", data);
        return body;
    }

    void awaitIdle() {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            if ("idle".equals(api.siteStatus().path("code").asText())) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("site " + name + " not idle within 30 s");
    }

    /** One pull of the site's queue, without acknowledging it. */
    JsonNode pull(int limit) {
        return api.queuedRecords(limit);
    }

    void acknowledge(List<String> syncIds) {
        api.acknowledge(syncIds);
    }

    /** Pulls and acknowledges the whole queue, as the client does; returns every record received. */
    List<JsonNode> drainQueue() {
        List<JsonNode> received = new ArrayList<>();
        while (true) {
            JsonNode page = pull(100);
            List<String> ids = new ArrayList<>();
            page.path("data").forEach(record -> {
                received.add(record);
                ids.add(record.path("syncOutId").asText());
            });
            if (ids.isEmpty()) {
                return received;
            }
            acknowledge(ids);
        }
    }

    /** Reads the central change log from this site's cursor to the end, as the client does. */
    List<JsonNode> pullCentral() {
        List<JsonNode> received = new ArrayList<>();
        while (true) {
            JsonNode page = api.centralRecords(centralCursor, 100);
            JsonNode data = page.path("data");
            if (data.isEmpty()) {
                if (centralCursor >= page.path("maxCursor").asLong()) {
                    return received;
                }
                centralCursor++;
                continue;
            }
            data.forEach(received::add);
            centralCursor = data.get(data.size() - 1).path("ID").asLong();
        }
    }

    /** Where {@link #pullCentral()} got to. */
    long centralCursor() {
        return centralCursor;
    }

    /** One page of the central change log from a cursor, as it comes (the cursor this site keeps is not moved). */
    JsonNode centralPage(long cursor, int limit) {
        return api.centralRecords(cursor, limit);
    }

    static ObjectNode record(String table, String id, String action, Map<String, Object> data) {
        ObjectNode record = JSON.createObjectNode().put("tableName", table).put("recordId", id).put("action", action);
        record.set("recordData", JSON.valueToTree(data));
        return record;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An HTTP answer. */
    record Response(int status, String body) {

        Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
