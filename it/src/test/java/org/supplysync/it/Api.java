package org.supplysync.it;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.supplysync.client.api.SyncV5Api;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** The deployed server's admin API, for tests: who calls, and the fixtures they create (site ids unique to the run). */
public final class Api {

    static final String BASE_URI = System.getProperty("supplysync.it.baseUri", "http://localhost:28080");
    static final String ADMIN_PASSWORD = System.getProperty("supplysync.it.adminPassword", "it-admin-secret");

    /** Site ids unique to this run: the database outlives deployments and runs. */
    private static final AtomicInteger NEXT_SITE = new AtomicInteger(
            1_000 + (int) (System.currentTimeMillis() / 1000 % 1_000_000) * 100);
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private Api() {
    }

    static RequestSpecification anonymous() {
        return given().baseUri(BASE_URI).contentType(ContentType.JSON);
    }

    static RequestSpecification admin() {
        return adminOf(BASE_URI);
    }

    /** The administrator of another server started with the tests' settings (a restored central). */
    static RequestSpecification adminOf(String baseUri) {
        return given().baseUri(baseUri).contentType(ContentType.JSON).auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }

    /** As an mSupply remote site authenticates: site name and the SHA-256 hex of its password. */
    static RequestSpecification site(String name, String password) {
        return anonymous().auth().preemptive().basic(name, SyncV5Api.sha256Hex(password));
    }

    /** A site id no site has yet (the simulator picks ids of its own, so taken ones are skipped). */
    public static int newSiteId() {
        while (true) {
            int id = NEXT_SITE.getAndIncrement();
            if (admin().get("/api/sites/" + id).statusCode() == 404) {
                return id;
            }
        }
    }

    /**
     * A short id no other call in this run got: 8 random hex digits alone collide once in about 240 runs of a test
     * that makes 6,000 (a test then "loses" the record its twin replaced), so an id already issued is drawn again.
     */
    static String unique(String prefix) {
        while (true) {
            String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            if (ISSUED.add(id)) {
                return id;
            }
        }
    }

    /** Creates a site and returns its id. */
    static int createSite(String type, String password) {
        int id = newSiteId();
        admin().body(Map.of("id", id, "name", unique("site" + id), "type", type, "password", password, "primary", false))
                .post("/api/sites").then().statusCode(201);
        return id;
    }

    /** Creates a store active on the site and returns its id; its name record id is "N_" + the store id. */
    static String createStore(int activeSiteId) {
        String id = unique("STORE");
        admin().body(Map.of("id", id, "code", id, "name", "Store " + id, "nameId", "N_" + id,
                        "activeSiteId", activeSiteId, "dispensary", false, "includeTransactions", true))
                .post("/api/stores").then().statusCode(201);
        return id;
    }

    /** Makes store {@code visible}'s name visible (or not) in store {@code in}, through a central name_store_join. */
    static void setVisibility(String joinId, String visible, String in, boolean active) {
        admin().body(Map.of("data", java.util.List.of(Map.of(
                        "tableName", "name_store_join", "recordId", joinId, "action", "Update",
                        "recordData", Map.of("ID", joinId, "name_ID", "N_" + visible, "store_ID", in, "inactive", !active)))))
                .post("/api/records").then().statusCode(200);
    }

    /** Makes the site an active collector of the store, its name visible in a store of that site. */
    static void collectOn(String store, int siteId) {
        String viewer = createStore(siteId);
        setVisibility(unique("NSJ"), store, viewer, true);
        admin().body(Map.of("type", "ACTIVE_COLLECTOR")).put("/api/stores/" + store + "/sync-with/" + siteId)
                .then().statusCode(200);
    }
}
