package org.supplysync.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.bench.BenchmarkFailure;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.supplysync.bench.api.Http.JSON;

/**
 * A remote site making the sync v5 calls as Open mSupply makes them (msupply-sync-v5.md §1.1): Basic auth with the
 * lowercase hex SHA-256 of the password, a fixed hardware id, API version 14, POST bodies without a Content-Type.
 */
public final class SiteClient {

    private static final byte[] LAST_BATCH = "{\"queueLength\":0,\"data\":[]}".getBytes(StandardCharsets.UTF_8);

    private final Http http;
    private final int id;
    private final String name;
    private final String authorization;
    private final String hardwareId;

    public SiteClient(Http http, int id, String name, String password) {
        this.http = http;
        this.id = id;
        this.name = name;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((name + ":" + sha256Hex(password)).getBytes(StandardCharsets.UTF_8));
        this.hardwareId = "bench-" + name;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Posts one pushed batch (a prepared {@code {"queueLength","data"}} body); what it refuses, the site counts. */
    public void push(byte[] body) {
        http.send(post("/sync/v5/queued_records", body)).expect(200);
    }

    /** The empty last batch of a push, which must start the integration of what the site pushed. */
    public void finishPush() {
        JsonNode answer = http.send(post("/sync/v5/queued_records", LAST_BATCH)).expect(200).json();
        if (!answer.path("integrationStarted").asBoolean()) {
            throw new BenchmarkFailure("site " + name + ": the last (empty) push batch answered " + answer
                    + "; Open mSupply fails with IntegrationNotStarted here");
        }
    }

    /** idle, integration_in_progress, ... */
    public String status() {
        return http.send(get("/sync/v5/site_status").build()).expect(200).json().path("code").asText();
    }

    /** One page of the site's queue, asked for gzipped as Open mSupply's client asks for it. */
    public Page pull(int limit) {
        Http.Reply reply = http.send(get("/sync/v5/queued_records?limit=" + limit)
                .header("Accept-Encoding", "gzip").build()).expect(200);
        return new Page(reply.json(), reply.gzipped(), reply.wireBytes());
    }

    public void acknowledge(List<String> syncIds) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode ids = body.putArray("syncIDs");
        syncIds.forEach(ids::add);
        http.send(post("/sync/v5/acknowledged_records", body.toString().getBytes(StandardCharsets.UTF_8))).expect(204);
    }

    private HttpRequest.Builder get(String path) {
        return headers(http.request(path)).GET();
    }

    private HttpRequest post(String path, byte[] body) {
        return headers(http.request(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpRequest.Builder headers(HttpRequest.Builder request) {
        return request.header("Authorization", authorization)
                .header("msupply-site-uuid", hardwareId)
                .header("app-version", "2.20.0")
                .header("app-name", "supplysync-bench")
                .header("version", "14");
    }

    static String sha256Hex(String password) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A pulled page: {@code {"queueLength", "data"}}, and how it travelled. */
    public record Page(JsonNode json, boolean gzipped, int wireBytes) {

        public JsonNode records() {
            return json.path("data");
        }
    }
}
