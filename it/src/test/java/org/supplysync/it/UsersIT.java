package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.anonymous;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/**
 * Users who can log in on a freshly synced site (issue 11): an administrator makes them through the admin API, and a
 * site logs them in through {@code POST /api/v4/login} exactly as Open mSupply does (server/service/src/login.rs,
 * apis/login_v4.rs). Site "north" has stores N1 and N2 active on it, site "south" store S.
 */
class UsersIT extends DeployedApplication {

    /** Where the server starts counting failed logins: 5 within 15 minutes lock the name (the defaults). */
    private static final int MAX_FAILURES = 5;
    private static final long LOCKOUT_MILLIS = Long.getLong("supplysync.it.loginLockoutSeconds", 10) * 1000;

    /** The fields of {@code LoginUserV4} by the JSON type serde reads them as. */
    private static final List<String> USER_TEXTS = List.of("ID", "name", "startup_method", "group_id", "mode",
            "initials", "first_name", "last_name", "address_1", "address_2", "e_mail", "phone1", "phone2", "job_title",
            "ldap_login_string", "windows_user_name", "license_category_id", "spare_1");
    private static final List<String> USER_INTEGERS = List.of("nblogins", "lasttime", "Language");
    private static final List<String> USER_BOOLEANS = List.of("active", "responsible_officer", "use_ldap",
            "receives_sms_errors", "is_group", "isInactiveAuthoriser");

    private RemoteSite north;
    private RemoteSite south;
    private String n1;
    private String n2;
    private String s;

    @BeforeEach
    void twoSitesThreeStores() {
        north = RemoteSite.register("desktop");
        south = RemoteSite.register("mobile");
        n1 = createStore(north.id);
        n2 = createStore(north.id);
        s = createStore(south.id);
    }

    @Test
    void aUserMadeByTheAdministratorLogsInWithTheAnswerTheClientParses() {
        String name = unique("ada");
        String id = createUser(name, "s3cret!", List.of(
                Map.of("storeId", n1, "canLogin", true, "default", true, "permissions", List.of("ViewStock", "ManageLocations")),
                Map.of("storeId", n2, "canLogin", true, "default", false),
                Map.of("storeId", s, "canLogin", true, "default", false)));

        JsonNode answer = login(name, "s3cret!", north.name).then().statusCode(200).extract().as(JsonNode.class);

        // LoginResponseV4, field by field
        assertThat(answer.path("status").asText()).isEqualTo("success");
        assertThat(answer.path("authenticated").isBoolean()).isTrue();
        assertThat(answer.path("authenticated").asBoolean()).isTrue();
        assertThat(answer.path("username").asText()).isEqualTo(name);
        assertThat(answer.path("userFirstName").asText()).isEqualTo("Ada");
        assertThat(answer.path("userLastName").asText()).isEqualTo("Lovelace");
        assertThat(answer.path("userJobTitle").isTextual()).isTrue();
        assertThat(answer.path("userType").asText()).isEqualTo("user");
        assertThat(answer.path("service").isTextual()).isTrue();
        assertThat(answer.path("storeName").asText()).as("the default store's name").isEqualTo("Store " + n1);
        // LoginUserInfoV4.user: LoginUserV4
        JsonNode user = answer.path("userInfo").path("user");
        USER_TEXTS.forEach(field -> assertThat(user.path(field).isTextual()).as(field).isTrue());
        USER_INTEGERS.forEach(field -> assertThat(user.path(field).isIntegralNumber()).as(field).isTrue());
        USER_BOOLEANS.forEach(field -> assertThat(user.path(field).isBoolean()).as(field).isTrue());
        assertThat(user.path("ID").asText()).isEqualTo(id);
        assertThat(user.path("name").asText()).isEqualTo(name);
        assertThat(user.path("first_name").asText()).isEqualTo("Ada");
        assertThat(user.path("e_mail").asText()).isEqualTo(name + "@example.org");
        assertThat(user.path("active").asBoolean()).isTrue();
        // LoginUserInfoV4.userStores: the stores active on the site that asks, each a LoginUserStoresV4
        JsonNode stores = answer.path("userInfo").path("userStores");
        assertThat(storeIds(stores)).containsExactlyInAnyOrder(n1, n2);
        for (JsonNode store : stores) {
            assertThat(store.path("ID").isTextual()).isTrue();
            assertThat(store.path("user_ID").asText()).isEqualTo(id);
            assertThat(store.path("can_login").asBoolean()).isTrue();
            assertThat(store.path("can_action_replenishments").isBoolean()).isTrue();
            assertThat(store.path("store_default").asBoolean()).isEqualTo(store.path("store_ID").asText().equals(n1));
            assertThat(store.path("permissions").isArray()).isTrue();
            assertThat(store.path("permissions")).allMatch(JsonNode::isBoolean);
        }
        // permissions.rs: ManageLocations is 84, ViewStock 156; index = number - 1
        assertThat(granted(store(stores, n1).path("permissions"))).containsExactly(83, 155);
        assertThat(granted(store(stores, n2).path("permissions"))).isEmpty();

        JsonNode onSouth = login(name, "s3cret!", south.name).then().statusCode(200).extract().as(JsonNode.class);
        assertThat(storeIds(onSouth.path("userInfo").path("userStores"))).containsExactly(s);
        assertThat(onSouth.path("service").asText()).isEqualTo("mobile");
    }

    @Test
    void wrongPasswordsUnknownAndInactiveUsersAre401WithoutInternals() {
        String name = unique("grace");
        String id = createUser(name, "right", List.of(Map.of("storeId", n1, "canLogin", true, "default", true)));

        Response wrong = login(name, "wrong", north.name);
        wrong.then().statusCode(401).body("status", equalTo("error"));
        login(unique("nobody"), "right", north.name).then().statusCode(401).body("status", equalTo("error"));
        assertThat(wrong.asString()).doesNotContain("Exception").doesNotContain("org.supplysync").doesNotContain("at ");

        noSecrets(admin().body(Map.of("active", false)).put("/api/users/" + id + "/active")
                .then().statusCode(200).body("active", equalTo(false)).extract().asString(), "right");
        login(name, "right", north.name).then().statusCode(401);
        admin().body(Map.of("active", true)).put("/api/users/" + id + "/active").then().statusCode(200);
        login(name, "right", north.name).then().statusCode(200);

        Response malformed = anonymous().body("{\"username\": 7}").post("/api/v4/login");
        malformed.then().statusCode(400).body("status", equalTo("error"));
        assertThat(malformed.asString()).doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void repeatedFailuresLockTheNameEvenForTheRightPasswordUntilTheTimeoutPasses() {
        String name = unique("mary");
        String id = createUser(name, "right", List.of(Map.of("storeId", n1, "canLogin", true, "default", true)));
        for (int i = 1; i < MAX_FAILURES; i++) {
            login(name, "wrong", north.name).then().statusCode(401);
        }
        assertThat(login(name, "right", north.name).statusCode()).as("a success clears the count").isEqualTo(200);
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertThat(login(name, "wrong", north.name).statusCode()).as("failure %d after the success", i).isEqualTo(401);
        }

        login(name, "wrong", north.name).then().statusCode(401);

        JsonNode blocked = login(name, "right", north.name).then().statusCode(403).extract().as(JsonNode.class);
        assertThat(blocked.path("status").asText()).isEqualTo("user_login_timeout");
        assertThat(blocked.path("timeoutRemaining").isIntegralNumber()).isTrue();
        assertThat(blocked.path("timeoutRemaining").asLong()).as("milliseconds").isBetween(1L, LOCKOUT_MILLIS);
        login(name, "wrong", north.name).then().statusCode(403);
        admin().get("/api/users/" + id).then().statusCode(200).body("loginLockedUntil", notNullValue());

        await().atMost(Duration.ofMillis(LOCKOUT_MILLIS + 30_000)).pollInterval(Duration.ofSeconds(1))
                .until(() -> login(name, "right", north.name).statusCode() == 200);
    }

    @Test
    void aChangeOfStoresIsInTheNextLoginAndEveryAdministratorsActIsAudited() throws SQLException {
        String name = unique("alan");
        String id = createUser(name, "right", List.of(Map.of("storeId", n1, "canLogin", true, "default", true),
                Map.of("storeId", n2, "canLogin", true, "default", false)));
        JsonNode before = login(name, "right", north.name).then().statusCode(200).extract().as(JsonNode.class);
        String n1Join = store(before.path("userInfo").path("userStores"), n1).path("ID").asText();

        String changed = admin().body(Map.of("stores", List.of(
                        Map.of("storeId", n1, "canLogin", false, "default", false, "permissions", List.of("ViewStock")),
                        Map.of("storeId", s, "canLogin", true, "default", true))))
                .put("/api/users/" + id + "/stores").then().statusCode(200).extract().asString();
        noSecrets(changed, "right");
        admin().body(Map.of("password", "new-one")).put("/api/users/" + id + "/password").then().statusCode(204);

        login(name, "right", north.name).then().statusCode(401);
        JsonNode after = login(name, "new-one", north.name).then().statusCode(200).extract().as(JsonNode.class);
        JsonNode stores = after.path("userInfo").path("userStores");
        assertThat(storeIds(stores)).containsExactly(n1);
        assertThat(stores.get(0).path("ID").asText()).as("a store kept keeps its join").isEqualTo(n1Join);
        assertThat(stores.get(0).path("can_login").asBoolean()).isFalse();
        assertThat(granted(stores.get(0).path("permissions"))).containsExactly(155);
        assertThat(storeIds(login(name, "new-one", south.name).then().statusCode(200).extract().as(JsonNode.class)
                .path("userInfo").path("userStores"))).containsExactly(s);

        assertThat(audited(id)).containsExactly("admin user.create", "admin user.stores", "admin user.password");
    }

    @Test
    void noAdministratorsAnswerCarriesAPasswordOrItsHash() {
        String name = unique("hedy");
        String id = createUser(name, "p@ss-w0rd", List.of(Map.of("storeId", n1, "canLogin", true, "default", true)));

        noSecrets(admin().get("/api/users/" + id).then().statusCode(200).body("hasPassword", equalTo(true))
                .extract().asString(), "p@ss-w0rd");
        noSecrets(admin().get("/api/users").then().statusCode(200).extract().asString(), "p@ss-w0rd");
        admin().body(Map.of("name", name.toUpperCase(), "password", "x")).post("/api/users")
                .then().statusCode(409).contentType("application/problem+json");
        admin().body(Map.of("name", unique("x"), "password", "x", "stores", List.of(Map.of("storeId", "NO_SUCH_STORE"))))
                .post("/api/users").then().statusCode(422).contentType("application/problem+json");
        admin().body(Map.of("name", unique("x"), "password", "x", "stores",
                        List.of(Map.of("storeId", n1, "permissions", List.of("FlyPlanes")))))
                .post("/api/users").then().statusCode(400).contentType("application/problem+json");
        anonymous().get("/api/users/" + id).then().statusCode(401);
        admin().get("/api/users/NO_SUCH_USER").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aUserASitePushesIsKeptOnTheCentralAndReachesNoOtherSite() {
        // East holds a collector copy of North's store N1: it gets N1's store data, and still no user.
        RemoteSite east = RemoteSite.register("desktop");
        Api.collectOn(n1, east.id);
        east.drainQueue();
        east.pullCentral();
        south.drainQueue();
        south.pullCentral();
        String id = unique("U").toUpperCase();
        String name = unique("katherine");

        north.push(record("user", id, "Update", Map.of("ID", id, "name", name, "first_name", "Katherine",
                "last_name", "Johnson", "e_mail", "", "job_title", "Nurse", "Language", 0, "active", true)));

        admin().get("/api/records/user/" + id).then().statusCode(200)
                .body("recordData.name", equalTo(name)).body("originSiteId", equalTo(north.id));
        admin().get("/api/users/" + id).then().statusCode(200)
                .body("name", equalTo(name)).body("firstName", equalTo("Katherine")).body("jobTitle", equalTo("Nurse"))
                .body("createdBySiteId", equalTo(north.id)).body("createdBy", nullValue())
                .body("hasPassword", equalTo(false)).body("pushedRow.name", equalTo(name));
        for (RemoteSite site : List.of(east, south, north)) {
            assertThat(site.drainQueue()).as("no site's queue gets a user").noneMatch(UsersIT::isUser);
            assertThat(site.pullCentral()).as("users are not central data").noneMatch(UsersIT::isUser);
        }

        assertThat(login(name, "", north.name).statusCode()).as("passwords never sync: none yet").isEqualTo(401);
        admin().body(Map.of("password", "given")).put("/api/users/" + id + "/password").then().statusCode(204);
        admin().body(Map.of("stores", List.of(Map.of("storeId", n1, "default", true)))).put("/api/users/" + id + "/stores")
                .then().statusCode(200);
        JsonNode answer = login(name, "given", north.name).then().statusCode(200).extract().as(JsonNode.class);
        assertThat(answer.path("userInfo").path("user").path("ID").asText()).isEqualTo(id);
        assertThat(answer.path("userJobTitle").asText()).isEqualTo("Nurse");

        // Pushed again, from another site: kept as pushed; what a login depends on stays the administrator's.
        south.push(record("user", id, "Update", Map.of("ID", id, "name", "renamed", "first_name", "K.", "active", false)));
        admin().get("/api/users/" + id).then().statusCode(200).body("name", equalTo(name)).body("active", equalTo(true))
                .body("pushedBySiteId", equalTo(south.id)).body("pushedRow.name", equalTo("renamed"));
        login(name, "given", north.name).then().statusCode(200);
        for (RemoteSite site : List.of(east, north)) {
            assertThat(site.drainQueue()).noneMatch(UsersIT::isUser);
            assertThat(site.pullCentral()).noneMatch(UsersIT::isUser);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static String createUser(String name, String password, List<Map<String, Object>> stores) {
        String answer = admin().body(Map.of("name", name, "password", password, "firstName", "Ada", "lastName", "Lovelace",
                        "email", name + "@example.org", "stores", stores))
                .post("/api/users").then().statusCode(201).body("name", equalTo(name)).extract().asString();
        noSecrets(answer, password);
        return JsonPath.from(answer).getString("id");
    }

    /** As Open mSupply logs a user in: no HTTP authentication, the credentials in the body. */
    private static Response login(String username, String password, String siteName) {
        return anonymous().body(Map.of("username", username, "password", password, "loginType", "User",
                "siteName", siteName)).post("/api/v4/login");
    }

    private static void noSecrets(String answer, String password) {
        assertThat(answer).doesNotContain(password).doesNotContainIgnoringCase("PBKDF2")
                .doesNotContain("passwordHash").doesNotContain("\"password\"");
    }

    private static boolean isUser(JsonNode record) {
        return record.path("tableName").asText().equals("user");
    }

    private static List<String> storeIds(JsonNode userStores) {
        List<String> ids = new ArrayList<>();
        userStores.forEach(store -> ids.add(store.path("store_ID").asText()));
        return ids;
    }

    private static JsonNode store(JsonNode userStores, String storeId) {
        for (JsonNode store : userStores) {
            if (store.path("store_ID").asText().equals(storeId)) {
                return store;
            }
        }
        throw new AssertionError("no store " + storeId + " in " + userStores);
    }

    private static List<Integer> granted(JsonNode permissions) {
        return IntStream.range(0, permissions.size()).filter(i -> permissions.get(i).asBoolean()).boxed().toList();
    }

    private static List<String> audited(String userId) throws SQLException {
        DataSource db = Database.application();
        try (Connection connection = db.getConnection();
             PreparedStatement query = connection.prepareStatement("select who, action from audit where target = ? order by id")) {
            query.setString(1, "user " + userId);
            List<String> acts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    acts.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
            return acts;
        }
    }
}
