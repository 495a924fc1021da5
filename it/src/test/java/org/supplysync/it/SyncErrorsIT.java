package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.supplysync.client.api.SyncV5Api;

import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.JSON;
import static org.supplysync.it.RemoteSite.record;

/** Bad input on the sync API: the v5 error shape and status, the valid part of a batch kept, nothing half-written. */
class SyncErrorsIT extends DeployedApplication {

    @Test
    void wrongCredentialsDeviceOrVersionAreRefusedInTheV5Shape() {
        RemoteSite site = RemoteSite.register("desktop");
        site.get("/sync/v5/site").expect(200);

        JsonNode wrongPassword = RemoteSite.send(HttpRequest.newBuilder(java.net.URI.create(Api.BASE_URI + "/sync/v5/site"))
                .header("Authorization", basic(site.name, SyncV5Api.sha256Hex("not the password")))).expect(401).json();
        assertThat(wrongPassword.path("error").path("code").asText()).isEqualTo("site_incorrect_password");

        JsonNode unknown = RemoteSite.send(HttpRequest.newBuilder(java.net.URI.create(Api.BASE_URI + "/sync/v5/site"))
                .header("Authorization", basic(unique("nobody"), "x"))).expect(401).json();
        assertThat(unknown.path("error").path("code").asText()).isEqualTo("site_name_not_found");

        JsonNode otherDevice = RemoteSite.send(site.request("/sync/v5/site").setHeader("msupply-site-uuid", "another-device"))
                .expect(401).json();
        assertThat(otherDevice.path("error").path("code").asText()).isEqualTo("site_incorrect_hardware_id");
        assertThat(otherDevice.path("error").has("data")).isTrue();

        JsonNode version = RemoteSite.send(site.request("/sync/v5/site").setHeader("version", "999")).expect(409).json();
        assertThat(version.path("error").path("code").asText()).isEqualTo("api_version_incompatible");
        assertThat(version.path("error").path("data").isObject()).isTrue();

        // Unbound by an administrator, the site may sync from a new device.
        admin().delete("/api/sites/" + site.id + "/hardware-id").then().statusCode(204);
        RemoteSite.send(site.request("/sync/v5/site").setHeader("msupply-site-uuid", "another-device")).expect(200);
    }

    @Test
    void malformedJsonIsA400AndChangesNothing() {
        RemoteSite site = RemoteSite.register("desktop");
        JsonNode error = site.post("/sync/v5/queued_records", "{\"queueLength\": 0, \"data\": [").expect(400).json();
        assertThat(error.path("error").path("code").asText()).isEqualTo("invalid_json");
        assertThat(site.get("/sync/v5/site_status").expect(200).json().path("code").asText()).isEqualTo("idle");
        site.post("/sync/v5/acknowledged_records", "not json").expect(400);
    }

    @Test
    void badRecordsAreRefusedOneByOneAndTheRestOfTheBatchIsKept() {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        String good = unique("L");
        ArrayNode batch = JSON.createArrayNode()
                .add(record("Location", good, "Update", Map.of("ID", good, "store_ID", store)).put("syncOutId", "1"))
                .add(record("no_such_table", "X", "Update", Map.of("ID", "X")).put("syncOutId", "2"))
                .add(JSON.createObjectNode().put("syncOutId", "3").put("tableName", "Location").put("action", "Update"))
                .add(record("preference", "P", "Update", Map.of("ID", "P")).put("syncOutId", "4"));

        JsonNode answer = site.pushBatch(0, batch).expect(200).json();
        assertThat(answer.path("integrationStarted").asBoolean()).isTrue();
        assertThat(answer.path("refused")).hasSize(2);
        site.awaitIdle();

        admin().get("/api/records/Location/" + good).then().statusCode(200);
        admin().get("/api/records/preference/P").then().statusCode(404);
        admin().get("/api/sites/" + site.id).then().body("refusedRecords", org.hamcrest.Matchers.equalTo(3));
        assertThat(admin().get("/api/sites/" + site.id + "/refusals").then().extract().jsonPath().getList("reason", String.class))
                .anyMatch(r -> r.contains("unknown table")).anyMatch(r -> r.contains("recordId"))
                .anyMatch(r -> r.contains("local data"));
    }

    @Test
    void anOversizedBatchIsRefusedWhole() {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        ArrayNode tooMany = JSON.createArrayNode();
        String prefix = unique("L");
        for (int i = 0; i <= 5000; i++) {
            tooMany.add(record("Location", prefix + i, "Update", Map.of("ID", prefix + i, "store_ID", store)));
        }
        JsonNode error = site.pushBatch(0, tooMany).expect(413).json();
        assertThat(error.path("error").path("code").asText()).isEqualTo("payload_too_large");

        String big = "x".repeat(3_000_000);
        JsonNode tooBig = site.pushBatch(0, JSON.createArrayNode()
                .add(record("Location", prefix, "Update", Map.of("ID", prefix, "store_ID", store, "note", big))))
                .expect(413).json();
        assertThat(tooBig.path("error").path("code").asText()).isEqualTo("payload_too_large");
        site.awaitIdle();
        admin().get("/api/records/Location/" + prefix + "0").then().statusCode(404);
        admin().get("/api/records/Location/" + prefix).then().statusCode(404);
    }

    @Test
    void theSiteInfoAndTheV6AnswersAreWhatOpenMSupplyExpects() {
        RemoteSite site = RemoteSite.register("mobile");
        JsonNode info = site.get("/sync/v5/site").expect(200).json();
        assertThat(info.path("siteId").asInt()).isEqualTo(site.id);
        assertThat(info.path("id").asText()).isNotBlank();
        assertThat(info.path("initialisationStatus").asText()).isEqualTo("new");
        assertThat(info.path("isOmSupplyCentralServer").asBoolean()).isFalse();
        assertThat(info.path("mSupplyCentralSiteId").asInt()).isEqualTo(1);
        String v6 = info.path("omSupplyCentralServerUrl").asText();
        assertThat(java.net.URI.create(v6).isAbsolute()).isTrue();

        JsonNode pull = site.post("/central/sync/pull", "{}").expect(200).json();
        assertThat(pull.path("data").path("is_last_batch").asBoolean()).isTrue();
        assertThat(site.post("/central/sync/site_status", "{}").expect(200).json()
                .path("data").path("is_integrating").asBoolean()).isFalse();
        assertThat(site.post("/central/sync/push", "{}").expect(200).json().path("data").path("records_pushed").asInt())
                .isZero();
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }
}
