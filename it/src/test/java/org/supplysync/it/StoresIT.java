package org.supplysync.it;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createSite;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.setVisibility;
import static org.supplysync.it.Api.unique;

class StoresIT extends DeployedApplication {

    @Test
    void createsAStoreWithItsStoreAndNameRecordsAndACollectorCopyOnTheCentral() {
        int site = createSite("desktop", "p");
        String id = unique("STORE_B");
        admin().body(Map.of("id", id, "code", "B", "name", "Store B", "nameId", "N_" + id, "activeSiteId", site,
                        "dispensary", false, "includeTransactions", true))
                .post("/api/stores")
                .then().statusCode(201)
                .header("Location", containsString("/api/stores/" + id));

        admin().get("/api/stores/" + id).then().statusCode(200)
                .body("activeSiteId", equalTo(site))
                .body("nameId", equalTo("N_" + id))
                .body("syncWith.'1'", equalTo("ACTIVE_COLLECTOR"))
                .body("syncWith.'" + site + "'", equalTo("ACTIVE_COLLECTOR"));
        admin().get("/api/records/store/" + id).then().statusCode(200)
                .body("recordData.sync_id_remote_site", equalTo(site))
                .body("recordData.name_ID", equalTo("N_" + id))
                .body("recordData.store_mode", equalTo("store"));
        admin().get("/api/records/name/N_" + id).then().statusCode(200)
                .body("recordData.type", equalTo("store"))
                .body("recordData.code", equalTo("B"));
    }

    @Test
    void refusesToMakeAStoreActiveOnASecondSite() {
        int first = createSite("desktop", "p");
        int second = createSite("desktop", "p");
        String id = createStore(first);

        admin().body(Map.of("id", id, "code", "B2", "name", "again", "nameId", unique("N"), "activeSiteId", second))
                .post("/api/stores")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("active on site " + first));
        admin().get("/api/stores/" + id).then().body("activeSiteId", equalTo(first)).body("code", equalTo(id));
    }

    @Test
    void refusesASecondActiveStoreOnAMobileSite() {
        int mobile = createSite("mobile", "p");
        createStore(mobile);
        String second = unique("STORE");
        admin().body(Map.of("id", second, "code", "M2", "name", "second", "nameId", "N_" + second, "activeSiteId", mobile))
                .post("/api/stores")
                .then().statusCode(409)
                .body("detail", containsString("mobile"));
        admin().get("/api/stores/" + second).then().statusCode(404);
        admin().get("/api/records/store/" + second).then().statusCode(404);
    }

    @Test
    void refusesAStoreOnAnUnknownSite() {
        String id = unique("STORE");
        admin().body(Map.of("id", id, "code", "X", "name", "x", "nameId", "N_" + id, "activeSiteId", 987654321))
                .post("/api/stores")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("987654321"));
        admin().get("/api/stores/" + id).then().statusCode(404);
    }

    @Test
    void refusesAMalformedStoreAndAMissingField() {
        admin().body("[1, 2").post("/api/stores").then().statusCode(400).contentType("application/problem+json");
        admin().body(Map.of("id", unique("S"), "code", "X", "name", "x", "activeSiteId", 1))
                .post("/api/stores").then().statusCode(400).body("detail", containsString("nameId"));
    }

    @Test
    void syncWithFollowsVisibility() {
        int siteOfB = createSite("desktop", "p");
        int siteOfC = createSite("desktop", "p");
        String b = createStore(siteOfB);
        String c = createStore(siteOfC);

        // Not visible to any store on C's site: no copy there, and none may be set.
        admin().get("/api/stores/" + b).then().body("syncWith.'" + siteOfC + "'", equalTo("NONE"));
        admin().body(Map.of("type", "TRANSFER")).put("/api/stores/" + b + "/sync-with/" + siteOfC)
                .then().statusCode(409).body("detail", containsString("not visible"));

        // B becomes visible in C: B gets a transfer copy on C's site.
        String join = unique("NSJ");
        setVisibility(join, b, c, true);
        admin().get("/api/stores/" + b).then().body("syncWith.'" + siteOfC + "'", equalTo("TRANSFER"));

        // An administrator may make it a collector; visibility changes leave a collector alone.
        admin().body(Map.of("type", "ACTIVE_COLLECTOR")).put("/api/stores/" + b + "/sync-with/" + siteOfC)
                .then().statusCode(200).body("syncWith.'" + siteOfC + "'", equalTo("ACTIVE_COLLECTOR"));
        String secondJoin = unique("NSJ");
        setVisibility(secondJoin, b, c, true);
        admin().get("/api/stores/" + b).then().body("syncWith.'" + siteOfC + "'", equalTo("ACTIVE_COLLECTOR"));

        // Invisible to every store on C's site again: the copy there goes.
        setVisibility(join, b, c, false);
        admin().get("/api/stores/" + b).then().body("syncWith.'" + siteOfC + "'", equalTo("ACTIVE_COLLECTOR"));
        setVisibility(secondJoin, b, c, false);
        admin().get("/api/stores/" + b).then().body("syncWith.'" + siteOfC + "'", equalTo("NONE"));
        // The central's own collector copy does not depend on its stores seeing B.
        admin().get("/api/stores/" + b).then().body("syncWith.'1'", equalTo("ACTIVE_COLLECTOR"));
    }

    @Test
    void theCentralCopyCanBeATransferCopyAndTheActiveSiteCannotChange() {
        int site = createSite("desktop", "p");
        String f = createStore(site);
        admin().body(Map.of("type", "TRANSFER")).put("/api/stores/" + f + "/sync-with/1")
                .then().statusCode(200).body("syncWith.'1'", equalTo("TRANSFER"));

        admin().body(Map.of("type", "NONE")).put("/api/stores/" + f + "/sync-with/" + site)
                .then().statusCode(409).body("detail", containsString("active on site " + site));
        admin().body(Map.of("type", "SOMETIMES")).put("/api/stores/" + f + "/sync-with/1")
                .then().statusCode(400).body("detail", containsString("SOMETIMES"));
        admin().body(Map.of("type", "NONE")).put("/api/stores/" + f + "/sync-with/987654321").then().statusCode(404);
        admin().get("/api/stores/" + f).then()
                .body("syncWith.'1'", equalTo("TRANSFER"))
                .body("syncWith.'" + site + "'", equalTo("ACTIVE_COLLECTOR"));
    }
}
