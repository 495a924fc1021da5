package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.newSiteId;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.JSON;

/**
 * Bad input on both APIs: a 4xx in the API's shape (v5 error on /sync, problem+json on /api) that names the problem,
 * never a 5xx, never a Java class; nothing of a refused request written; on a push, the valid records of the batch
 * kept and the site idle again.
 */
class BadInputIT extends DeployedApplication {

    private static final String TOO_DEEP = "[".repeat(1_500) + "]".repeat(1_500);

    @Test
    void jsonNestedMoreThanAThousandLevelsIsA400OnThePushAndNothingOfTheBatchIsKept() {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        String good = unique("L");
        String body = "{\"queueLength\": 0, \"data\": [" + location(good, store) + ", " + TOO_DEEP + "]}";

        v5Error(site.post("/sync/v5/queued_records", body), 400, "invalid_json", "nested more than 64 levels");

        assertIdle(site);
        admin().get("/api/records/Location/" + good).then().statusCode(404);
        assertThat(admin().get("/api/sites/" + site.id).jsonPath().getInt("refusedRecords")).isZero();
    }

    @Test
    void jsonNestedMoreThanAThousandLevelsIsA400OnTheAdminApiAndNothingIsWritten() {
        int siteId = newSiteId();
        problem(admin().body("{\"id\": " + siteId + ", \"name\": \"" + unique("deep") + "\", \"type\": \"desktop\","
                + " \"password\": \"p\", \"note\": " + TOO_DEEP + "}").post("/api/sites"), 400, "nested more than 64 levels");
        admin().get("/api/sites/" + siteId).then().statusCode(404);

        String item = unique("ITEM");
        problem(admin().body("{\"data\": [{\"tableName\": \"item\", \"recordId\": \"" + item + "\", \"action\": \"Update\","
                + " \"recordData\": {\"ID\": \"" + item + "\", \"x\": " + TOO_DEEP + "}}]}").post("/api/records"),
                400, "nested more than 64 levels");
        admin().get("/api/records/item/" + item).then().statusCode(404);

        String store = unique("STORE");
        problem(admin().body("{\"id\": \"" + store + "\", \"code\": " + TOO_DEEP + "}").post("/api/stores"),
                400, "nested more than 64 levels");
        admin().get("/api/stores/" + store).then().statusCode(404);
    }

    @Test
    void aRecordNestedDeeperThanMariaDbsJsonValidTakesIsRefusedAloneAtPushTime() {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        String good = unique("L");
        String deepest = unique("L");
        String tooDeep = unique("L");
        ArrayNode batch = JSON.createArrayNode()
                .add(record("Location", good, locationData(good, store)))
                .add(record("Location", deepest, nested(locationData(deepest, store), 31)))
                .add(record("Location", tooDeep, nested(locationData(tooDeep, store), 32)));

        JsonNode answer = site.pushBatch(0, batch).expect(200).json();
        assertNoInternals(answer.toString());
        // Refused in the push's answer: at push time, not buffered to fail the integration.
        assertThat(answer.path("refused")).hasSize(1);
        assertThat(answer.path("refused").get(0).path("recordId").asText()).isEqualTo(tooDeep);
        assertThat(answer.path("refused").get(0).path("reason").asText())
                .contains("recordData nests objects and arrays 32 levels deep", "at most 31");

        site.awaitIdle();
        admin().get("/api/records/Location/" + good).then().statusCode(200);
        admin().get("/api/records/Location/" + deepest).then().statusCode(200);
        admin().get("/api/records/Location/" + tooDeep).then().statusCode(404);
        assertThat(refusalReasons(site)).anyMatch(reason -> reason.contains("32 levels deep"));
    }

    @Test
    void overLongTableNamesRecordIdsAndOwnershipIdsAreRefusedPerRecordAndTheRestIsKept() {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        String good = unique("L");
        String message = unique("M");
        String longId = "x".repeat(300);
        ArrayNode batch = JSON.createArrayNode()
                .add(record("Location", good, locationData(good, store)))
                .add(record("m".repeat(300), "T1", JSON.createObjectNode()))
                .add(record("Location", "r".repeat(129), locationData("R", store)))
                .add(record("message", unique("M"), JSON.createObjectNode().put("toStoreID", longId)))
                .add(record("message", message, JSON.createObjectNode().put("ID", message).put("toStoreID", store)))
                .add(record("transact", unique("T"), JSON.createObjectNode().put("store_ID", store).put("name_ID", longId)))
                .add(record("trans_line", unique("TL"), JSON.createObjectNode().put("transaction_ID", longId)))
                .add(record("nameInsuranceJoin", unique("I"), JSON.createObjectNode().put("nameID", longId)));

        JsonNode answer = site.pushBatch(0, batch).expect(200).json();
        assertNoInternals(answer.toString());
        assertThat(answer.path("refused")).hasSize(6);
        assertThat(reasons(answer.path("refused"))).containsExactlyInAnyOrder(
                "tableName is 300 characters long; at most 64 are allowed",
                "recordId is 129 characters long; at most 128 are allowed",
                "recordData.toStoreID is 300 characters long; at most 128 are allowed",
                "recordData.name_ID is 300 characters long; at most 128 are allowed",
                "recordData.transaction_ID is 300 characters long; at most 128 are allowed",
                "recordData.nameID is 300 characters long; at most 128 are allowed");

        // The site is not wedged: the batch integrates, the valid records are kept, the refusals are listed.
        site.awaitIdle();
        admin().get("/api/records/Location/" + good).then().statusCode(200);
        admin().get("/api/records/message/" + message).then().statusCode(200);
        assertThat(admin().get("/api/sites/" + site.id).jsonPath().getInt("refusedRecords")).isEqualTo(6);
        assertThat(refusalReasons(site)).hasSize(6);
    }

    @Test
    void storeValuesLongerThanTheirColumnsAreA400NamingTheFieldAndNothingIsWritten() {
        assertStoreRefused(Map.of("id", "S".repeat(129)), "id is 129 characters long; at most 128 are allowed");
        assertStoreRefused(Map.of("code", "C".repeat(65)), "code is 65 characters long; at most 64 are allowed");
        assertStoreRefused(Map.of("name", "N".repeat(256)), "name is 256 characters long; at most 255 are allowed");
        assertStoreRefused(Map.of("nameId", "I".repeat(129)), "nameId is 129 characters long; at most 128 are allowed");
        // Characters, as MariaDB counts them: 110 characters of which 100 take two UTF-16 units fit a 128-character id.
        String wide = unique("S") + "\uD83D\uDC8A".repeat(100);
        admin().body(store(wide, Map.of())).post("/api/stores").then().statusCode(201);
    }

    @Test
    void aSiteNameLongerThanItsColumnOrAnOverLongHardwareIdIsA400() {
        int id = newSiteId();
        problem(admin().body(Map.of("id", id, "name", "n".repeat(101), "type", "desktop", "password", "p"))
                .post("/api/sites"), 400, "name is 101 characters long; at most 100 are allowed");
        admin().get("/api/sites/" + id).then().statusCode(404);

        RemoteSite site = RemoteSite.register("desktop");
        v5Error(RemoteSite.send(site.request("/sync/v5/site").setHeader("msupply-site-uuid", "h".repeat(256))),
                400, "invalid_request", "msupply-site-uuid", "at most 255");
        assertThat(admin().get("/api/sites/" + site.id).jsonPath().getBoolean("hardwareIdBound")).isFalse();
        assertIdle(site);
    }

    @Test
    void aRecordsBodyOfNullOrAnArrayIsA400ProblemNotAnErrorPage() {
        long refusedBefore = admin().get("/api/sites/1").jsonPath().getLong("refusedRecords");
        problem(admin().body("null").post("/api/records"), 400, "must be a JSON object, not null");
        problem(admin().body("[]").post("/api/records"), 400, "must be a JSON object, not an array");
        problem(admin().body("[{\"tableName\": \"item\"}]").post("/api/records"), 400, "must be a JSON object");
        problem(admin().body("\"data\"").post("/api/records"), 400, "must be a JSON object, not a string");
        problem(admin().body("{\"data\": {}}").post("/api/records"), 400, "data must be an array, got an object");
        assertThat(admin().get("/api/sites/1").jsonPath().getLong("refusedRecords")).isEqualTo(refusedBefore);
    }

    @Test
    void wrongTypesAreNamedByFieldAndExpectedTypeNeverByAJavaClass() {
        int id = newSiteId();
        problem(admin().body(Map.of("id", "two", "name", unique("t"), "type", "desktop", "password", "p"))
                .post("/api/sites"), 400, "id must be an integer, got \"two\"");
        problem(admin().body(Map.of("id", id, "name", 5, "type", "desktop", "password", "p"))
                .post("/api/sites"), 400, "name must be a string, got 5");
        problem(admin().body("{\"id\": " + id + ", \"name\": [1], \"type\": \"desktop\", \"password\": \"p\"}")
                .post("/api/sites"), 400, "name must be a string, got an array");
        admin().get("/api/sites/" + id).then().statusCode(404);

        String storeId = unique("STORE");
        problem(admin().body(store(storeId, Map.of("activeSiteId", "1"))).post("/api/stores"),
                400, "activeSiteId must be an integer, got \"1\"");
        admin().get("/api/stores/" + storeId).then().statusCode(404);

        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        problem(admin().body(Map.of("type", 3)).put("/api/stores/" + store + "/sync-with/1"), 400, "type must be a string");
        problem(admin().body(Map.of("password", 1234)).post("/api/sites/" + site.id + "/password"),
                400, "password must be a string, got 1234");
        v5Error(site.post("/sync/v5/queued_records", "{\"queueLength\": \"0\", \"data\": []}"),
                400, "invalid_request", "queueLength must be an integer, got \"0\"");
        v5Error(site.post("/sync/v5/queued_records", "{\"queueLength\": 0, \"data\": {}}"),
                400, "invalid_request", "data must be an array");
        v5Error(site.post("/sync/v5/acknowledged_records", "{\"syncIDs\": \"1\"}"),
                400, "invalid_request", "syncIDs must be an array");
        assertIdle(site);
    }

    @Test
    void lenientValuesTheContractDoesNotAllowAreRefused() {
        int maybe = newSiteId();
        problem(admin().body(Map.of("id", maybe, "name", unique("maybe"), "type", "desktop", "password", "p",
                "primary", "maybe")).post("/api/sites"), 400, "primary must be true or false, got \"maybe\"");
        admin().get("/api/sites/" + maybe).then().statusCode(404);

        int fraction = newSiteId();
        problem(admin().body("{\"id\": " + fraction + ".5, \"name\": \"" + unique("half") + "\", \"type\": \"desktop\","
                + " \"password\": \"p\"}").post("/api/sites"), 400, "id must be an integer, got " + fraction + ".5");
        admin().get("/api/sites/" + fraction).then().statusCode(404);

        String storeId = unique("STORE");
        problem(admin().body(store(storeId, Map.of("dispensary", "no"))).post("/api/stores"),
                400, "dispensary must be true or false, got \"no\"");
        problem(admin().body(store(storeId, Map.of("includeTransactions", 1))).post("/api/stores"),
                400, "includeTransactions must be true or false, got 1");
        admin().get("/api/stores/" + storeId).then().statusCode(404);

        RemoteSite site = RemoteSite.register("desktop");
        problem(admin().body(Map.of("primary", "true")).put("/api/sites/" + site.id + "/primary"),
                400, "primary must be true or false, got \"true\"");
        assertThat(admin().get("/api/sites/" + site.id).jsonPath().getBoolean("primary")).isFalse();
        problem(admin().body(Map.of("siteId", List.of(1))).post("/api/jobs/initialise-site"),
                400, "siteId must be an integer, got an array");

        // A queue length with a fraction is refused whole: nothing of the batch is buffered.
        String store = createStore(site.id);
        String good = unique("L");
        v5Error(site.post("/sync/v5/queued_records", "{\"queueLength\": 0.5, \"data\": [" + location(good, store) + "]}"),
                400, "invalid_request", "queueLength must be an integer, got 0.5");
        site.pushBatch(0, JSON.createArrayNode()).expect(200);
        site.awaitIdle();
        admin().get("/api/records/Location/" + good).then().statusCode(404);
    }

    /** Every body that is wrong in some way, to every endpoint that takes one: never a 5xx, never a class name. */
    @Test
    void noMalformedBodyOnAnyEndpointGetsA5xxOrNamesAClass() {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        List<String> bodies = List.of("", "null", "[]", "5", "\"text\"", "true", "{", "{\"a\": }", "{}", TOO_DEEP,
                "{\"id\": " + "9".repeat(2_000) + "}", "{\"id\": 1e999999999, \"queueLength\": 1e999999999}",
                "{\"id\": {}, \"name\": [], \"type\": null, \"password\": false, \"primary\": 0}",
                "{\"data\": null, \"syncIDs\": null, \"queueLength\": null}",
                "{\"data\": [null, 1, \"x\", [], {}], \"queueLength\": 1, \"syncIDs\": [null, {}, []]}",
                "{\"type\": \"" + "T".repeat(10_000) + "\", \"password\": \"\"}");
        List<String> adminPosts = List.of("/api/sites", "/api/stores", "/api/records", "/api/sites/" + site.id + "/password");
        List<String> adminPuts = List.of("/api/sites/" + site.id + "/primary", "/api/stores/" + store + "/sync-with/1");
        for (String body : bodies) {
            for (String path : adminPosts) {
                assertNotAServerError("POST " + path, body, admin().body(body).post(path));
            }
            for (String path : adminPuts) {
                assertNotAServerError("PUT " + path, body, admin().body(body).put(path));
            }
            for (String path : List.of("/sync/v5/queued_records", "/sync/v5/acknowledged_records")) {
                RemoteSite.Response answer = site.post(path, body);
                assertThat(answer.status()).as("POST %s with %.60s: %s", path, body, answer.body()).isLessThan(500);
                assertNoInternals(answer.body());
                if (answer.status() >= 400) {
                    assertThat(answer.json().path("error").path("code").asText()).isNotBlank();
                }
            }
        }
        site.awaitIdle();
    }

    /** Found by AbuseCampaignIT: Jersey answered these with the servlet container's HTML error page. */
    @Test
    void unparsableMediaTypeAndLanguageHeadersAreA400InTheApisShapeNotAnHtmlPage() throws Exception {
        RemoteSite site = RemoteSite.register("desktop");
        for (String contentType : List.of("text/", "a/b/c", "application/json; boundary=\"", "application/json;q=x")) {
            v5Error(RemoteSite.send(site.request("/sync/v5/queued_records").header("Content-Type", contentType)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"queueLength\": 0, \"data\": []}"))),
                    400, "invalid_request", "the Content-Type header cannot be parsed");
            rawProblem("POST", "/api/sites", "Content-Type", contentType, "the Content-Type header cannot be parsed");
            rawProblem("GET", "/api/sites/1", "Content-Type", contentType, "the Content-Type header cannot be parsed");
        }
        v5Error(RemoteSite.send(site.request("/sync/v5/site").setHeader("Accept", ";;;")), 400, "invalid_request",
                "the Accept header cannot be parsed");
        rawProblem("GET", "/api/sites/1", "Accept", "a/b/c", "the Accept header cannot be parsed");
        // A quality value Jersey reads only while it selects a method: a 500 and Payara's HTML page before.
        rawProblem("GET", "/api/dashboard/sites", "Accept", "*/*;q=x", "the Accept header cannot be parsed");
        v5Error(RemoteSite.send(site.request("/sync/v5/site").setHeader("Accept", "application/json;q=2")), 400,
                "invalid_request", "the Accept header cannot be parsed");
        rawProblem("GET", "/api/sites/1", "Accept-Language", ";;=;", "the Accept-Language header cannot be parsed");
        // What v5 sites send, no Content-Type at all, is still read.
        site.pushBatch(0, JSON.createArrayNode()).expect(200);
        assertIdle(site);
    }

    /** An administrator's call with one header as given: a 400 problem+json whose detail says {@code named}. */
    private static void rawProblem(String method, String path, String header, String value, String named)
            throws Exception {
        java.net.http.HttpResponse<String> answer = RemoteSite.HTTP.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(Api.BASE_URI + path))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                ("admin:" + Api.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .header(header, value)
                        .method(method, "GET".equals(method) ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("detail").asText()).isEqualTo(named);
        assertNoInternals(answer.body());
    }

    // --- checks ----------------------------------------------------------------------------------------------

    /** A problem+json answer with this status whose detail says {@code named}; returns the detail. */
    private static String problem(Response answer, int status, String... named) {
        String body = answer.asString();
        assertThat(answer.statusCode()).as(body).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(answer.jsonPath().getString("title")).isNotBlank();
        String detail = answer.jsonPath().getString("detail");
        assertThat(detail).contains(named);
        assertNoInternals(body);
        return detail;
    }

    /** A v5 error answer, {@code {"error": {"code", "message", "data"}}}, whose message says {@code named}. */
    private static void v5Error(RemoteSite.Response answer, int status, String code, String... named) {
        answer.expect(status);
        JsonNode error = answer.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(named);
        assertThat(error.has("data")).isTrue();
        assertNoInternals(answer.body());
    }

    private static void assertNotAServerError(String call, String body, Response answer) {
        String text = answer.asString();
        assertThat(answer.statusCode()).as("%s with %.60s: %s", call, body, text).isLessThan(500);
        assertNoInternals(text);
        if (answer.statusCode() >= 400) {
            assertThat(answer.contentType()).as(call).startsWith("application/problem+json");
        }
    }

    private static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("java.").doesNotContain("org.supplysync").doesNotContain("Exception")
                .doesNotContain("<html");
    }

    private static void assertIdle(RemoteSite site) {
        assertThat(site.get("/sync/v5/site_status").expect(200).json().path("code").asText()).isEqualTo("idle");
    }

    private static void assertStoreRefused(Map<String, Object> override, String detail) {
        String id = override.containsKey("id") ? (String) override.get("id") : unique("STORE");
        problem(admin().body(store(id, override)).post("/api/stores"), 400, detail);
        admin().get("/api/records/store/" + id).then().statusCode(404);
        if (id.length() <= 128) {
            admin().get("/api/stores/" + id).then().statusCode(404);
        }
    }

    // --- bodies ----------------------------------------------------------------------------------------------

    /** A valid store on the central server, with some fields replaced. */
    private static Map<String, Object> store(String id, Map<String, Object> override) {
        Map<String, Object> store = new HashMap<>(Map.of("id", id, "code", "C", "name", "Store " + id,
                "nameId", "N_" + id, "activeSiteId", 1, "dispensary", false, "includeTransactions", true));
        store.putAll(override);
        store.put("id", id);
        return store;
    }

    private static String location(String id, String store) {
        return record("Location", id, locationData(id, store)).toString();
    }

    private static ObjectNode locationData(String id, String store) {
        return JSON.createObjectNode().put("ID", id).put("store_ID", store).put("code", "A1");
    }

    private static ObjectNode record(String table, String id, ObjectNode data) {
        ObjectNode record = JSON.createObjectNode().put("tableName", table).put("recordId", id).put("action", "Update");
        record.set("recordData", data);
        return record;
    }

    /** The record's fields plus {"x": [[...[1]...]]}: {@code depth} objects and arrays nest, the record included. */
    private static ObjectNode nested(ObjectNode data, int depth) {
        JsonNode inner = JSON.createArrayNode().add(1);
        for (int level = 2; level < depth; level++) {
            inner = JSON.createArrayNode().add(inner);
        }
        data.set("x", inner);
        return data;
    }

    private static List<String> reasons(JsonNode refused) {
        List<String> reasons = new ArrayList<>();
        refused.forEach(r -> reasons.add(r.path("reason").asText()));
        return reasons;
    }

    private static List<String> refusalReasons(RemoteSite site) {
        return admin().get("/api/sites/" + site.id + "/refusals").then().statusCode(200)
                .extract().jsonPath().getList("reason", String.class);
    }
}
