package org.supplysync.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.anonymous;
import static org.supplysync.it.Api.newSiteId;
import static org.supplysync.it.Api.unique;

class SitesIT extends DeployedApplication {

    @Test
    void theCentralServerIsSiteOneFromTheStart() {
        admin().get("/api/sites/1").then().statusCode(200)
                .body("id", equalTo(1))
                .body("primary", equalTo(true));
    }

    @Test
    void createsARemoteSiteAndShowsItsSyncState() {
        int id = newSiteId();
        String name = unique("district-north");
        admin().body(Map.of("id", id, "name", name, "type", "desktop", "password", "secret", "primary", false))
                .post("/api/sites")
                .then().statusCode(201)
                .header("Location", containsString("/api/sites/" + id))
                .body("name", equalTo(name));

        admin().get("/api/sites/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo(name))
                .body("type", equalTo("desktop"))
                .body("primary", equalTo(false))
                .body("hardwareIdBound", equalTo(false))
                .body("lastContact", nullValue())
                .body("queueLength", equalTo(0))
                .body("refusedRecords", equalTo(0))
                .body("status", equalTo("idle"));
        admin().get("/api/sites").then().statusCode(200).body("id", hasItem(id));

        // A new site is behind by every central record it would receive if it pulled now, and by none once it has.
        long lag = admin().get("/api/sites/" + id).then().extract().jsonPath().getLong("centralCursorLag");
        int received = RemoteSite.existing(id, name, "secret").pullCentral().size();
        assertThat(lag).isEqualTo(received);
        admin().get("/api/sites/" + id).then().body("centralCursorLag", equalTo(0));
    }

    @Test
    void theListShowsEverySiteAsItsOwnAnswerDoes() {
        RemoteSite busy = RemoteSite.register("desktop");
        Api.createStore(busy.id);
        busy.get("/sync/v5/site").expect(200);
        int idle = Api.createSite("mobile", "p");

        List<Map<String, Object>> listed = admin().get("/api/sites").then().statusCode(200).extract().jsonPath().getList("$");
        for (int id : new int[]{1, busy.id, idle}) {
            Map<String, Object> one = admin().get("/api/sites/" + id).then().statusCode(200).extract().jsonPath().getMap("$");
            assertThat(listed).filteredOn(site -> site.get("id").equals(id)).containsExactly(one);
        }
        Map<String, Object> busyOne = admin().get("/api/sites/" + busy.id).then().extract().jsonPath().getMap("$");
        assertThat(busyOne).containsEntry("queueLength", 1).containsEntry("hardwareIdBound", true);
        assertThat((Integer) busyOne.get("centralCursorLag")).isPositive();
    }

    @Test
    void refusesADuplicateSiteNameAndChangesNothing() {
        int first = newSiteId();
        int second = newSiteId();
        String name = unique("dup");
        admin().body(Map.of("id", first, "name", name, "type", "desktop", "password", "p")).post("/api/sites")
                .then().statusCode(201);

        admin().body(Map.of("id", second, "name", name, "type", "mobile", "password", "p")).post("/api/sites")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString(name));
        admin().get("/api/sites/" + second).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusesASiteWithoutPassword() {
        int id = newSiteId();
        admin().body(Map.of("id", id, "name", unique("nopw"), "type", "desktop")).post("/api/sites")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("password"));
        admin().get("/api/sites/" + id).then().statusCode(404);
    }

    @Test
    void refusesAnUnknownSiteTypeAndASecondSiteOne() {
        admin().body(Map.of("id", newSiteId(), "name", unique("t"), "type", "laptop", "password", "p"))
                .post("/api/sites").then().statusCode(400).body("detail", containsString("laptop"));
        admin().body(Map.of("id", 1, "name", unique("t"), "type", "desktop", "password", "p"))
                .post("/api/sites").then().statusCode(409).body("detail", containsString("central"));
    }

    @Test
    void refusesMalformedJsonWithAProblemAndNoStackTrace() {
        admin().body("{\"id\": 5, \"name\": ").post("/api/sites")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body(not(containsString("at org.")));
        admin().body("{\"id\": \"not a number\", \"name\": \"x\", \"type\": \"desktop\", \"password\": \"p\"}")
                .post("/api/sites")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anUnknownSiteIsNotFound() {
        admin().get("/api/sites/999999999").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("999999999"));
    }

    @Test
    void thereIsOnlyOnePrimaryServer() {
        int first = newSiteId();
        admin().body(Map.of("id", first, "name", unique("primary"), "type", "desktop", "password", "p", "primary", true))
                .post("/api/sites").then().statusCode(201);
        try {
            admin().get("/api/sites/1").then().body("primary", equalTo(false));
            admin().get("/api/sites/" + first).then().body("primary", equalTo(true));
            int second = newSiteId();
            admin().body(Map.of("id", second, "name", unique("primary"), "type", "desktop", "password", "p", "primary", true))
                    .post("/api/sites").then().statusCode(409).body("detail", containsString("primary"));
            admin().get("/api/sites/" + second).then().statusCode(404);
        } finally {
            admin().body(Map.of("primary", false)).put("/api/sites/" + first + "/primary").then().statusCode(200);
        }
        admin().get("/api/sites/1").then().body("primary", equalTo(true));
    }

    @Test
    void changesThePasswordAndUnbindsTheHardwareId() {
        int id = Api.createSite("desktop", "old-password");
        String name = admin().get("/api/sites/" + id).then().extract().path("name");
        Api.site(name, "old-password").get("/sync/v5/site_status").then().statusCode(200);

        admin().body(Map.of("password", "new-password")).post("/api/sites/" + id + "/password").then().statusCode(204);
        Api.site(name, "old-password").get("/sync/v5/site_status").then().statusCode(401);
        Api.site(name, "new-password").get("/sync/v5/site_status").then().statusCode(200);

        admin().delete("/api/sites/" + id + "/hardware-id").then().statusCode(204);
        admin().get("/api/sites/" + id).then().body("hardwareIdBound", equalTo(false));
        admin().body(Map.of()).post("/api/sites/" + id + "/password").then().statusCode(400);
    }

    @Test
    void withoutCredentialsTheAdminApiAnswers401() {
        anonymous().get("/api/sites").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .contentType("application/problem+json");
        anonymous().auth().preemptive().basic("admin", "wrong").get("/api/sites").then().statusCode(401);
    }

    @Test
    void aSiteIsNotAnAdministrator() {
        int id = Api.createSite("desktop", "site-secret");
        String name = admin().get("/api/sites/" + id).then().extract().path("name");
        // A site's credentials count on the sites' APIs only: on the admin API, the site is a stranger.
        Api.site(name, "site-secret").get("/api/stores/anything").then().statusCode(401)
                .contentType("application/problem+json");
        Api.site(name, "site-secret").body(Map.of("id", newSiteId(), "name", unique("x"), "type", "desktop", "password", "p"))
                .post("/api/sites").then().statusCode(401);
    }
}
