package org.supplysync.it;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.anonymous;
import static org.supplysync.it.Api.newSiteId;
import static org.supplysync.it.Api.unique;

/**
 * Named administrators in their roles (admin: everything; viewer: reads only), and the audit of every change of a
 * sync setting under the name of who made it, which nobody edits: not through the API, not in the database.
 */
class AdministratorsIT extends DeployedApplication {

    @Test
    void aViewerReadsTheAdminApiButChangesNothingAndSeesNoAccounts() {
        String viewer = create("viewer");
        String store = Api.createStore(Api.createSite("desktop", "p"));

        as(viewer).get("/api/sites").then().statusCode(200);
        as(viewer).get("/api/sites/1").then().statusCode(200).body("id", equalTo(1));
        as(viewer).get("/api/stores/" + store).then().statusCode(200);
        as(viewer).get("/api/audit?limit=5").then().statusCode(200);
        as(viewer).get("/api/jobs").then().statusCode(200);

        as(viewer).get("/api/administrators").then().statusCode(403).contentType("application/problem+json");
        as(viewer).body(Map.of("id", newSiteId(), "name", unique("x"), "type", "desktop", "password", "p"))
                .post("/api/sites").then().statusCode(403).contentType("application/problem+json");
        as(viewer).body(Map.of("type", "TRANSFER")).put("/api/stores/" + store + "/sync-with/1").then().statusCode(403);
        as(viewer).delete("/api/sites/1/hardware-id").then().statusCode(403);
        as(viewer).delete("/api/quarantine/1").then().statusCode(403);
        as(viewer).body(Map.of("name", unique("y"), "password", "p", "role", "admin")).post("/api/administrators")
                .then().statusCode(403);
        as(viewer).body(Map.of("password", "mine")).put("/api/administrators/" + viewer + "/password")
                .then().statusCode(403);

        admin().body(Map.of("role", "admin")).put("/api/administrators/" + viewer + "/role").then().statusCode(200)
                .body("role", equalTo("admin"));
        as(viewer).get("/api/administrators").then().statusCode(200);
    }

    @Test
    void administratorsAreKeptWithoutTheirPasswordsAndADeactivatedOneIsRefused() {
        String name = create("admin");
        String listed = admin().get("/api/administrators").then().statusCode(200).extract().asString();
        assertThat(JsonPath.from(listed).getList("findAll { it.name == '" + name + "' }.role")).containsExactly("admin");
        assertThat(listed).doesNotContain("secret-" + name).doesNotContain("PBKDF2").doesNotContainIgnoringCase("hash");
        admin().get("/api/administrators/" + name).then().statusCode(200).body("createdBy", equalTo("admin"))
                .body("active", equalTo(true));

        admin().body(Map.of("name", name, "password", "p", "role", "admin")).post("/api/administrators")
                .then().statusCode(409).contentType("application/problem+json");
        admin().body(Map.of("name", unique("x"), "password", "p", "role", "owner")).post("/api/administrators")
                .then().statusCode(400);
        admin().body(Map.of("name", "a:b", "password", "p", "role", "admin")).post("/api/administrators")
                .then().statusCode(400);
        admin().body(Map.of("name", unique("x"), "role", "admin")).post("/api/administrators").then().statusCode(400);
        admin().get("/api/administrators/" + unique("nobody")).then().statusCode(404);

        admin().body(Map.of("password", "changed")).put("/api/administrators/" + name + "/password").then().statusCode(204);
        as(name).get("/api/sites/1").then().statusCode(401);
        as(name, "changed").get("/api/sites/1").then().statusCode(200);

        admin().post("/api/administrators/" + name + "/deactivate").then().statusCode(200).body("active", equalTo(false));
        as(name, "changed").get("/api/sites/1").then().statusCode(401);
        admin().post("/api/administrators/" + name + "/activate").then().statusCode(200).body("active", equalTo(true));
        as(name, "changed").get("/api/sites/1").then().statusCode(200);
    }

    @Test
    void theLastActiveAdminCanBeNeitherDemotedNorDeactivated() {
        String last = create("admin");
        List<String> others = as(last).get("/api/administrators").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.active && it.role == 'admin' && it.name != '" + last + "' }.name");
        List<String> deactivated = new ArrayList<>();
        try {
            for (String other : others) {
                as(last).post("/api/administrators/" + other + "/deactivate").then().statusCode(200);
                deactivated.add(other);
            }
            as(last).post("/api/administrators/" + last + "/deactivate").then().statusCode(409)
                    .contentType("application/problem+json");
            as(last).body(Map.of("role", "viewer")).put("/api/administrators/" + last + "/role").then().statusCode(409);
            as(last).get("/api/administrators/" + last).then().statusCode(200).body("active", equalTo(true))
                    .body("role", equalTo("admin"));
        } finally {
            for (String other : deactivated) {
                as(last).post("/api/administrators/" + other + "/activate").then().statusCode(200);
            }
        }
        admin().body(Map.of("role", "viewer")).put("/api/administrators/" + last + "/role").then().statusCode(200);
    }

    @Test
    void everyChangeOfASyncSettingIsAuditedUnderTheNameOfTheAdministratorWhoMadeIt() {
        String sam = create("admin");
        Instant since = Instant.now().minusSeconds(1);
        int siteId = newSiteId();
        String siteName = unique("audited");
        String first = unique("first-password");
        String second = unique("second-password");
        as(sam).body(Map.of("id", siteId, "name", siteName, "type", "desktop", "password", first))
                .post("/api/sites").then().statusCode(201);
        as(sam).body(Map.of("password", second)).post("/api/sites/" + siteId + "/password").then().statusCode(204);
        try {
            as(sam).body(Map.of("primary", true)).put("/api/sites/" + siteId + "/primary").then().statusCode(200);
        } finally {
            as(sam).body(Map.of("primary", false)).put("/api/sites/" + siteId + "/primary").then().statusCode(200);
        }
        as(sam).delete("/api/sites/" + siteId + "/hardware-id").then().statusCode(204);
        String store = unique("STORE");
        as(sam).body(Map.of("id", store, "code", store, "name", "Store " + store, "nameId", "N_" + store,
                "activeSiteId", siteId)).post("/api/stores").then().statusCode(201);
        String join = unique("NSJ");
        as(sam).body(Map.of("data", List.of(Map.of("tableName", "name_store_join", "recordId", join, "action", "Update",
                        "recordData", Map.of("ID", join, "name_ID", "N_" + store, "store_ID", store, "inactive", false)))))
                .post("/api/records").then().statusCode(200).body("accepted", equalTo(1));
        as(sam).body(Map.of("type", "NONE")).put("/api/stores/" + store + "/sync-with/1").then().statusCode(200);
        long execution = as(sam).body(Map.of("siteId", siteId)).post("/api/jobs/initialise-site").then().statusCode(202)
                .extract().jsonPath().getLong("executionId");
        boolean procurement = admin().get("/api/transfers/centralised-procurement").then().extract().path("enabled");
        as(sam).body(Map.of("enabled", procurement)).put("/api/transfers/centralised-procurement").then().statusCode(200);
        String colleague = unique("colleague");
        as(sam).body(Map.of("name", colleague, "password", "p", "role", "viewer")).post("/api/administrators")
                .then().statusCode(201);

        List<Map<String, Object>> entries = admin().get("/api/audit?limit=1000&since=" + since).then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.who == '" + sam + "' }");
        List<String> actions = new ArrayList<>(entries.stream().map(entry -> entry.get("action") + " " + entry.get("target"))
                .toList());
        Collections.reverse(actions);
        assertThat(actions).containsExactly(
                "site.register site " + siteId,
                "site.password site " + siteId,
                "site.primary site " + siteId,
                "site.primary site " + siteId,
                "site.unbind site " + siteId,
                "store.create store " + store,
                "records.edit site 1",
                "store.sync-with store " + store + " site 1",
                "job.start job execution " + execution,
                "centralised-procurement centralised-procurement",
                "administrator.create administrator " + colleague);
        String all = entries.toString();
        assertThat(all).as("no password in the audit").doesNotContain(first).doesNotContain(second);
        assertThat(all).contains("ACTIVE_COLLECTOR -> NONE").contains("name_store_join " + join)
                .contains("false -> true").contains("initialise-site");
    }

    @Test
    void theAuditCannotBeEditedThroughTheApiNorInTheDatabase() throws SQLException {
        admin().body(Map.of()).put("/api/audit").then().statusCode(405);
        admin().delete("/api/audit").then().statusCode(405);

        try (Connection db = Database.application().getConnection(); Statement statement = db.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("update audit set who = 'someone else' order by id desc limit 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("the audit is never edited");
            assertThatThrownBy(() -> statement.executeUpdate("delete from audit order by id desc limit 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("the audit is never edited");
        }
    }

    /** A new administrator in the role, whose password is "secret-" + their name. */
    private static String create(String role) {
        String name = unique(role);
        admin().body(Map.of("name", name, "password", "secret-" + name, "role", role)).post("/api/administrators")
                .then().statusCode(201).body("name", equalTo(name)).body("role", equalTo(role));
        return name;
    }

    private static RequestSpecification as(String name) {
        return as(name, "secret-" + name);
    }

    private static RequestSpecification as(String name, String password) {
        return anonymous().auth().preemptive().basic(name, password);
    }
}
