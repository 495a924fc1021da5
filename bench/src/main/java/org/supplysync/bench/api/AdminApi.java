package org.supplysync.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.bench.BenchmarkFailure;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.supplysync.bench.api.Http.JSON;

/** The admin API (admin-api.md) as the administrator uses it to build the run's sites, stores and copies. */
public final class AdminApi {

    private final Http http;
    private final String authorization;

    public AdminApi(Http http, String user, String password) {
        this.http = http;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public JsonNode sites() {
        return http.send(get("/api/sites")).expect(200).json();
    }

    public JsonNode site(int id) {
        return http.send(get("/api/sites/" + id)).expect(200).json();
    }

    public JsonNode refusals(int siteId, int limit) {
        return http.send(get("/api/sites/" + siteId + "/refusals?limit=" + limit)).expect(200).json();
    }

    /** The central's copy of a record, or null when it has none. */
    public JsonNode record(String tableName, String recordId) {
        Http.Reply reply = http.send(get("/api/records/" + tableName + "/" + recordId)).expect(200, 404);
        return reply.status() == 404 ? null : reply.json();
    }

    public void createSite(int id, String name, String password) {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("name", name).put("type", "desktop")
                .put("password", password).put("primary", false);
        http.send(send("POST", "/api/sites", body)).expect(201);
    }

    /** Creates the store, active on the site; the server creates its {@code store} and {@code name} records too. */
    public void createStore(String id, String name, String nameId, int activeSiteId) {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("code", id).put("name", name).put("nameId", nameId)
                .put("activeSiteId", activeSiteId).put("dispensary", false).put("includeTransactions", true);
        http.send(send("POST", "/api/stores", body)).expect(201);
    }

    /** Records edited on the central server (as site 1); every one of them must be accepted. */
    public void editRecords(ArrayNode records) {
        ObjectNode body = JSON.createObjectNode();
        body.set("data", records);
        JsonNode answer = http.send(send("POST", "/api/records", body)).expect(200).json();
        if (answer.path("accepted").asInt() != records.size() || !answer.path("refused").isEmpty()) {
            throw new BenchmarkFailure("POST /api/records accepted " + answer.path("accepted").asInt() + " of "
                    + records.size() + " records; refused: " + answer.path("refused"));
        }
    }

    public void changeSyncWith(String storeId, int siteId, String type) {
        ObjectNode body = JSON.createObjectNode().put("type", type);
        http.send(send("PUT", "/api/stores/" + storeId + "/sync-with/" + siteId, body)).expect(200);
    }

    private HttpRequest get(String path) {
        return http.request(path).header("Authorization", authorization).GET().build();
    }

    private HttpRequest send(String method, String path, JsonNode body) {
        return http.request(path)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }
}
