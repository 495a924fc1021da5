package org.supplysync.client.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The legacy central server's sync v5 API, called exactly as Open mSupply calls it (msupply-sync-v5.md §1.1–1.2):
 * HTTP Basic with the site name and the lowercase hex SHA-256 of the password, the hardware id, app and version
 * headers, POST bodies without a Content-Type, gzip accepted, three attempts with connect timeouts of 2, 5 and 10 s
 * retried only on a connection error, a timeout or 408, and a read timeout of 5 minutes without a byte.
 */
public final class SyncV5Api {

    public static final int SYNC_VERSION = 14;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Deflate makes at most 1,032 bytes of one (its longest match, 258 bytes, in the shortest code). */
    private static final int MAX_DEFLATE_RATIO = 1032;

    /** How the client talks: timeouts per attempt, idle read timeout, the app headers. */
    public record Options(List<Duration> connectTimeouts, Duration readTimeout, String appName, String appVersion) {

        public static Options standard() {
            return new Options(List.of(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)),
                    Duration.ofMinutes(5), "Open mSupply Desktop", "2.20.0");
        }

        public Options withReadTimeout(Duration timeout) {
            return new Options(connectTimeouts, timeout, appName, appVersion);
        }
    }

    /**
     * The HTTP clients of the attempts (one per connect timeout), with their connection pools: many sites of one
     * process (the benchmark's, a simulation's) share them instead of holding a selector thread each.
     */
    public static final class Connections {
        private final List<HttpClient> clients;

        private Connections(List<HttpClient> clients) {
            this.clients = clients;
        }

        public static Connections of(Options options) {
            return new Connections(options.connectTimeouts().stream()
                    .map(timeout -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER).build())
                    .toList());
        }
    }

    /**
     * One call as it went, for whoever measures: the method, the endpoint (path without the query), the HTTP status
     * (0 when no answer came), the time from sending to the last byte read, the answer's size on the wire, whether it
     * came gzipped.
     */
    public record Exchange(String method, String endpoint, int status, long nanos, long wireBytes, boolean gzipped) {
    }

    /** Told of every call, answered or not; called on the calling thread. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = exchange -> { };

        void observe(Exchange exchange);

        /** Just before a call is sent: with {@link #observe} after it, whether it was in flight at a given moment. */
        default void sending(String method, String endpoint) {
        }
    }

    private final URI server;
    private final String siteName;
    private final String passwordSha256;
    private final String hardwareId;
    private final Options options;
    private final List<HttpClient> clients;
    private final Observer observer;

    public SyncV5Api(URI server, String siteName, String passwordSha256, String hardwareId, Options options) {
        this(server, siteName, passwordSha256, hardwareId, options, Connections.of(options), Observer.NONE);
    }

    /** A site that shares its connections with others and reports every call to {@code observer}. */
    public SyncV5Api(URI server, String siteName, String passwordSha256, String hardwareId, Options options,
                     Connections connections, Observer observer) {
        this.server = server;
        this.siteName = siteName;
        this.passwordSha256 = passwordSha256;
        this.hardwareId = hardwareId;
        this.options = options;
        this.clients = connections.clients;
        this.observer = observer;
    }

    public static String sha256Hex(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI server() {
        return server;
    }

    public String siteName() {
        return siteName;
    }

    public String passwordSha256() {
        return passwordSha256;
    }

    public String hardwareId() {
        return hardwareId;
    }

    public Options options() {
        return options;
    }

    // --- the v5 calls --------------------------------------------------------------------------------------

    public JsonNode site() {
        return get("/sync/v5/site");
    }

    public JsonNode initialise() {
        return post("/sync/v5/initialise", "{}");
    }

    public JsonNode siteStatus() {
        return get("/sync/v5/site_status");
    }

    /** Pushes one batch: {@code {"queueLength": n, "data": [...]}}. */
    public JsonNode push(ObjectNode body) {
        return post("/sync/v5/queued_records", body.toString());
    }

    /** Pushes one batch already written as JSON (UTF-8), sent as it is. */
    public JsonNode push(byte[] body) {
        return call("/sync/v5/queued_records", post(HttpRequest.BodyPublishers.ofByteArray(body)), true);
    }

    public JsonNode queuedRecords(int limit) {
        return get("/sync/v5/queued_records?limit=" + limit);
    }

    /**
     * One record of a pulled page as a site reads it when it only needs to know what arrived and to acknowledge it:
     * its envelope, {@code recordData} skipped unread.
     */
    public record PulledEnvelope(String syncOutId, String tableName, String recordId, String action) {
    }

    /** A pulled page read as envelopes: the queue length the server gave and the records' envelopes, in order. */
    public record EnvelopePage(long queueLength, List<PulledEnvelope> records) {
    }

    /**
     * Pulls a page as {@link #queuedRecords} does, reading only each record's envelope with a streaming parser:
     * what a site that counts and acknowledges needs (the benchmark's), without building a tree of every record.
     */
    public EnvelopePage queuedEnvelopes(int limit) {
        String path = "/sync/v5/queued_records?limit=" + limit;
        Answer answer = exchange(path, HttpRequest.newBuilder().GET());
        byte[] body = answer.body();
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            return envelopes(parser);
        } catch (IOException | RuntimeException e) {
            throw new SyncApiException(SyncApiException.Kind.PROTOCOL, endpoint(path), answer.status(), null,
                    "not a page of records: " + abbreviate(new String(body, StandardCharsets.UTF_8)), e);
        }
    }

    private static EnvelopePage envelopes(JsonParser parser) throws IOException {
        long queueLength = 0;
        List<PulledEnvelope> records = new ArrayList<>();
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("queueLength".equals(field) && value.isNumeric()) {
                queueLength = parser.getLongValue();
            } else if ("data".equals(field) && value == JsonToken.START_ARRAY) {
                for (JsonToken record = parser.nextToken(); record != JsonToken.END_ARRAY; record = parser.nextToken()) {
                    expect(record, JsonToken.START_OBJECT);
                    records.add(envelope(parser));
                }
            } else {
                parser.skipChildren();
            }
        }
        return new EnvelopePage(queueLength, records);
    }

    private static PulledEnvelope envelope(JsonParser parser) throws IOException {
        String syncOutId = null;
        String tableName = null;
        String recordId = null;
        String action = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "syncOutId" -> syncOutId = parser.getValueAsString();
                case "tableName" -> tableName = parser.getValueAsString();
                case "recordId" -> recordId = parser.getValueAsString();
                case "action" -> action = parser.getValueAsString();
                default -> parser.skipChildren();
            }
        }
        return new PulledEnvelope(syncOutId, tableName, recordId, action);
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + ", found " + token);
        }
    }

    public void acknowledge(List<String> syncIds) {
        ObjectNode body = JSON.createObjectNode();
        syncIds.forEach(body.putArray("syncIDs")::add);
        call("/sync/v5/acknowledged_records", post(body.toString()), false);
    }

    public JsonNode centralRecords(long cursor, int limit) {
        return get("/sync/v5/central_records?cursor=" + cursor + "&limit=" + limit);
    }

    /** A v6 call to the Open mSupply central the site info names (msupply-sync-v5.md §1.12); JSON both ways. */
    public JsonNode v6(URI omsCentral, String route, ObjectNode body) {
        URI target = omsCentral.resolve("central/sync/" + route);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(options.readTimeout())
                .header("Content-Type", "application/json")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        return call(target.toString(), request, true);
    }

    /** The {@code syncV5Settings} object v6 calls carry. */
    public ObjectNode v5Settings() {
        return JSON.createObjectNode()
                .put("serverUrl", server.toString())
                .put("username", siteName)
                .put("passwordSha256", passwordSha256)
                .put("siteUuid", hardwareId)
                .put("appVersion", options.appVersion())
                .put("appName", options.appName())
                .put("syncVersion", SYNC_VERSION);
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    private JsonNode get(String path) {
        return call(path, HttpRequest.newBuilder().GET(), true);
    }

    private JsonNode post(String path, String body) {
        return call(path, post(body), true);
    }

    private HttpRequest.Builder post(String body) {
        return post(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder post(HttpRequest.BodyPublisher body) {
        // No Content-Type: Open mSupply sets none on v5 POSTs, and the server must read JSON anyway.
        return HttpRequest.newBuilder().POST(body);
    }

    private JsonNode call(String path, HttpRequest.Builder builder, boolean parse) {
        Answer answer = exchange(path, builder);
        if (!parse) {
            return JSON.nullNode();
        }
        byte[] body = answer.body();
        try {
            return JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
        } catch (IOException e) {
            throw new SyncApiException(SyncApiException.Kind.PROTOCOL, endpoint(path), answer.status(), null,
                    "not JSON: " + abbreviate(new String(body, StandardCharsets.UTF_8)), e);
        }
    }

    /** A 2xx answer: its status and its body, unzipped. */
    private record Answer(int status, byte[] body) {
    }

    private static String endpoint(String path) {
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }

    /** Sends the call (with the v5 headers when {@code path} is on the server) and reads its 2xx answer's body. */
    private Answer exchange(String path, HttpRequest.Builder builder) {
        String endpoint = endpoint(path);
        if (path.startsWith("/")) {
            URI target = server.resolve(path);
            String credentials = siteName + ":" + passwordSha256;
            builder.uri(target)
                    .timeout(options.readTimeout())
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                    .header("msupply-site-uuid", hardwareId)
                    .header("app-version", options.appVersion())
                    .header("app-name", options.appName())
                    .header("version", Integer.toString(SYNC_VERSION))
                    .header("Accept-Encoding", "gzip");
        }
        HttpRequest request = builder.build();
        observer.sending(request.method(), endpoint);
        long start = System.nanoTime();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = send(endpoint, request);
            body = readBody(request.method(), endpoint, response, start);
        } catch (SyncApiException e) {
            observer.observe(new Exchange(request.method(), endpoint, e.status(), System.nanoTime() - start, 0, false));
            throw e;
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw httpError(endpoint, status, body);
        }
        return new Answer(status, body);
    }

    /** Sends with Open mSupply's retries: only a connection error, a timeout or a 408 is tried again. */
    private HttpResponse<InputStream> send(String endpoint, HttpRequest request) {
        SyncApiException last = null;
        for (HttpClient client : clients) {
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 408 && client != clients.get(clients.size() - 1)) {
                    response.body().close();
                    last = new SyncApiException(SyncApiException.Kind.HTTP, endpoint, 408, null, "request timeout", null);
                    continue;
                }
                return response;
            } catch (HttpConnectTimeoutException e) {
                last = new SyncApiException(SyncApiException.Kind.TIMEOUT, endpoint, 0, null, "connect timeout", e);
            } catch (HttpTimeoutException e) {
                last = new SyncApiException(SyncApiException.Kind.TIMEOUT, endpoint, 0, null,
                        "no answer within " + options.readTimeout().toSeconds() + " s", e);
            } catch (ConnectException e) {
                last = new SyncApiException(SyncApiException.Kind.CONNECTION, endpoint, 0, null,
                        "connection refused (" + server.getHost() + ":" + port() + ")", e);
            } catch (IOException e) {
                // A connection dropped before an answer arrived counts as a connection error too.
                last = new SyncApiException(SyncApiException.Kind.CONNECTION, endpoint, 0, null,
                        describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncApiException(SyncApiException.Kind.CONNECTION, endpoint, 0, null, "interrupted", e);
            }
        }
        throw last;
    }

    private byte[] readBody(String method, String endpoint, HttpResponse<InputStream> response, long start) {
        boolean gzip = response.headers().firstValue("Content-Encoding").map(v -> v.equalsIgnoreCase("gzip")).orElse(false);
        try (InputStream raw = new IdleTimeoutInputStream(response.body(), options.readTimeout())) {
            byte[] bytes = raw.readAllBytes();
            observer.observe(new Exchange(method, endpoint, response.statusCode(), System.nanoTime() - start, bytes.length, gzip));
            return gzip && bytes.length > 0 ? gunzip(bytes) : bytes;
        } catch (IdleTimeoutInputStream.IdleTimeoutException e) {
            throw new SyncApiException(SyncApiException.Kind.TIMEOUT, endpoint, response.statusCode(), null,
                    "no byte for " + options.readTimeout().toSeconds() + " s while reading the answer", e);
        } catch (IOException e) {
            throw new SyncApiException(SyncApiException.Kind.CONNECTION, endpoint, response.statusCode(), null,
                    "the connection dropped while reading the answer: " + describe(e), e);
        }
    }

    /**
     * Inflates a gzipped answer into an array of the size its trailer gives (ISIZE, the last member's length mod
     * 2^32): a page of records inflates once, not into growing buffers copied together at the end. A trailer that
     * does not tell the whole length (several members, 4 GiB or more, bytes after the last member) only costs the
     * copies; one that claims more than deflate can make of the bytes received is not believed.
     */
    static byte[] gunzip(byte[] gzipped) throws IOException {
        int n = gzipped.length;
        long claimed = n < 4 ? 0 : (gzipped[n - 4] & 0xffL) | (gzipped[n - 3] & 0xffL) << 8
                | (gzipped[n - 2] & 0xffL) << 16 | (gzipped[n - 1] & 0xffL) << 24;
        long size = Math.min(claimed, (long) n * MAX_DEFLATE_RATIO);
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
            if (size <= 0 || size > Integer.MAX_VALUE - 8) {
                return unzipped.readAllBytes();
            }
            byte[] body = new byte[(int) size];
            int read = unzipped.readNBytes(body, 0, body.length);
            byte[] rest = unzipped.readAllBytes();
            if (read == body.length && rest.length == 0) {
                return body;
            }
            byte[] whole = Arrays.copyOf(body, read + rest.length);
            System.arraycopy(rest, 0, whole, read, rest.length);
            return whole;
        }
    }

    private static SyncApiException httpError(String endpoint, int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String code = null;
        String message = abbreviate(text);
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.path("error").isObject()) {
                code = json.path("error").path("code").isTextual() ? json.path("error").path("code").asText() : null;
                message = json.path("error").path("message").asText(message);
            } else if (json != null && json.has("detail")) {
                message = json.path("detail").asText(message);
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: keep the raw text, as Open mSupply does (AsText)
        }
        return new SyncApiException(SyncApiException.Kind.HTTP, endpoint, status, code, message, null);
    }

    private int port() {
        return server.getPort() > 0 ? server.getPort() : ("https".equals(server.getScheme()) ? 443 : 80);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
