package org.supplysync.client.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The server's admin API (admin-api.md), as the simulator, the benchmark and the tests use it: one pooled HTTP client
 * per instance (share an instance between threads), answers checked against the status the contract promises.
 */
public final class AdminApi {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public AdminApi(URI server, String adminPassword) {
        this(server, "admin", adminPassword);
    }

    public AdminApi(URI server, String user, String password) {
        this.server = server;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI server() {
        return server;
    }

    /** An admin call that did not answer as expected. */
    public static final class AdminApiException extends RuntimeException {
        private final int status;

        AdminApiException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public JsonNode sites() {
        return call("GET", "/api/sites", null, 200);
    }

    public JsonNode site(int id) {
        return call("GET", "/api/sites/" + id, null, 200);
    }

    public JsonNode createSite(int id, String name, String password) {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("name", name).put("type", "desktop")
                .put("password", password).put("primary", false);
        return call("POST", "/api/sites", body, 201);
    }

    /** Unbinds the site's device: the next device to sync with the site's credentials is bound instead (a new installation). */
    public void unbindHardwareId(int siteId) {
        call("DELETE", "/api/sites/" + siteId + "/hardware-id", null, 204);
    }

    /** Flags a remote site primary (a mirrored set-up) or clears the flag; site 1 is primary while no other is. */
    public JsonNode setPrimary(int siteId, boolean primary) {
        return call("PUT", "/api/sites/" + siteId + "/primary", JSON.createObjectNode().put("primary", primary), 200);
    }

    /** The data-type registry: {@code [{"tableName", "type", ...}]}. */
    public JsonNode dataTypes() {
        return call("GET", "/api/data-types", null, 200);
    }

    public JsonNode refusals(int siteId) {
        return call("GET", "/api/sites/" + siteId + "/refusals", null, 200);
    }

    /** The site's latest refused records, newest first, at most {@code limit}. */
    public JsonNode refusals(int siteId, int limit) {
        return call("GET", "/api/sites/" + siteId + "/refusals?limit=" + limit, null, 200);
    }

    public JsonNode createStore(String id, String code, String name, String nameId, int activeSiteId) {
        return createStore(id, code, name, nameId, activeSiteId, false, true);
    }

    /** A store; {@code includeTransactions} false (a dispensary only) keeps its transactions off the central. */
    public JsonNode createStore(String id, String code, String name, String nameId, int activeSiteId,
                                boolean dispensary, boolean includeTransactions) {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("code", code).put("name", name)
                .put("nameId", nameId).put("activeSiteId", activeSiteId).put("dispensary", dispensary)
                .put("includeTransactions", includeTransactions);
        return call("POST", "/api/stores", body, 201);
    }

    public JsonNode store(String id) {
        return call("GET", "/api/stores/" + id, null, 200);
    }

    public JsonNode syncWith(String storeId, int siteId, String type) {
        return call("PUT", "/api/stores/" + storeId + "/sync-with/" + siteId, JSON.createObjectNode().put("type", type), 200);
    }

    /** The batch jobs, newest first: {@code [{"executionId", "jobName", "status", "parameters", "done", "total", ...}]}. */
    public JsonNode jobs() {
        return call("GET", "/api/jobs", null, 200);
    }

    /** Starts a batch job ({@code initialise-site}, ...) with its parameters; its execution id. */
    public long startJob(String jobName, ObjectNode parameters) {
        return call("POST", "/api/jobs/" + encode(jobName), parameters, 202).path("executionId").asLong();
    }

    /** One execution: {@code {"executionId","jobName","status","done","total",...,"failures"}}. */
    public JsonNode job(long executionId) {
        return call("GET", "/api/jobs/" + executionId, null, 200);
    }

    /** A new execution of the same run, from its last checkpoint; its execution id. */
    public long restartJob(long executionId) {
        return call("POST", "/api/jobs/" + executionId + "/restart", null, 202).path("executionId").asLong();
    }

    /** One edit of {@code POST /api/records}: the record as the central server updates it. */
    public static ObjectNode update(String table, String id, ObjectNode data) {
        ObjectNode edit = JSON.createObjectNode().put("tableName", table).put("recordId", id).put("action", "update");
        edit.set("recordData", data);
        return edit;
    }

    /** Edits records on the central server (as site 1); the answer has {@code accepted} and {@code refused}. */
    public JsonNode records(List<ObjectNode> records) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        records.forEach(data::add);
        return call("POST", "/api/records", body, 200);
    }

    /**
     * Edits records on the central server and fails unless every one of them was accepted: for set-ups, where a
     * refusal means the set-up is wrong.
     */
    public void recordsAllAccepted(List<ObjectNode> records) {
        JsonNode answer = records(records);
        if (answer.path("accepted").asInt() != records.size() || !answer.path("refused").isEmpty()) {
            throw new AdminApiException("POST /api/records accepted " + answer.path("accepted").asInt() + " of "
                    + records.size() + " records; refused: " + answer.path("refused"), 200);
        }
    }

    /** The central's copy, or empty when it holds none (404). */
    public Optional<JsonNode> record(String table, String id) {
        return optional("/api/records/" + encode(table) + "/" + encode(id));
    }

    /** The transfers the central could not complete, most recently seen first. */
    public JsonNode failedTransfers() {
        return call("GET", "/api/transfers/failed", null, 200);
    }

    /** The transfer the record started, as the central knows it, or empty when it knows none (404). */
    public Optional<JsonNode> transfer(String table, String id) {
        return optional("/api/transfers/" + encode(table) + "/" + encode(id));
    }

    /** A GET that may find nothing (404). */
    private Optional<JsonNode> optional(String path) {
        Answer answer = send("GET", path, null);
        if (answer.status == 404) {
            return Optional.empty();
        }
        if (answer.status != 200) {
            throw new AdminApiException("GET " + path + " answered " + answer.status + ": " + answer.body, answer.status);
        }
        return Optional.of(parse(answer.body));
    }

    /** The sync report of the dashboard: every remote site with its health. */
    public JsonNode dashboardSites() {
        return call("GET", "/api/dashboard/sites", null, 200);
    }

    /** Stock on hand per store, item and location: of one item, or of all ({@code itemId} null). */
    public JsonNode stockOnHand(String itemId) {
        return call("GET", "/api/reports/stock-on-hand" + (itemId == null ? "" : "?item=" + encode(itemId)), null, 200);
    }

    /** The value of stock on hand per store, and its total. */
    public JsonNode stockValue() {
        return call("GET", "/api/reports/stock-value", null, 200);
    }

    /** Units of the item issued per store and month, from and to months "YYYY-MM". */
    public JsonNode monthlyUsage(String itemId, String from, String to) {
        return call("GET", "/api/reports/monthly-usage?item=" + encode(itemId) + "&from=" + encode(from) + "&to="
                + encode(to), null, 200);
    }

    /** Turns centralised procurement on or off. */
    public JsonNode centralisedProcurement(boolean enabled) {
        return call("PUT", "/api/transfers/centralised-procurement", JSON.createObjectNode().put("enabled", enabled), 200);
    }

    private JsonNode call(String method, String path, JsonNode body, int expected) {
        Answer answer = send(method, path, body);
        if (answer.status != expected) {
            throw new AdminApiException(method + " " + path + " answered " + answer.status + " (expected " + expected
                    + "): " + answer.body, answer.status);
        }
        return answer.body.isBlank() ? JSON.nullNode() : parse(answer.body);
    }

    private record Answer(int status, String body) {
    }

    private Answer send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdminApiException("interrupted", 0);
            }
        }
        throw new AdminApiException(method + " " + path + ": cannot reach the server: " + last.getMessage(), 0);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AdminApiException("not JSON: " + text, 0);
        }
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
