package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.setVisibility;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/**
 * The seed's stores A–F (sync-rules.md, "The seed's examples as acceptance scenarios"), over real HTTP: what a push
 * of each store's data from each site does, and what each site then pulls; nothing more, nothing less.
 * Sites: 1 = the central server, "site 2" and "site 3" two remote sites.
 */
class SeedScenariosIT extends DeployedApplication {

    static RemoteSite site2;
    static RemoteSite site3;
    static String a;
    static String b;
    static String c;
    static String d;
    static String e;
    static String f;

    @BeforeAll
    static void theSeedsSetUp() {
        site2 = RemoteSite.register("desktop");
        site3 = RemoteSite.register("desktop");
        a = createStore(1);
        e = createStore(1);
        b = createStore(site2.id);
        f = createStore(site2.id);
        c = createStore(site3.id);
        d = createStore(site3.id);
        // A: collector on site 2 (it must be visible to a store active there first).
        setVisibility(unique("NSJ"), a, b, true);
        admin().body(Map.of("type", "ACTIVE_COLLECTOR")).put("/api/stores/" + a + "/sync-with/" + site2.id)
                .then().statusCode(200);
        // B: transfer copy on site 3; C: transfer copy on site 2 (visibility makes them).
        setVisibility(unique("NSJ"), b, c, true);
        setVisibility(unique("NSJ"), c, b, true);
        // F: only a transfer copy on the central.
        admin().body(Map.of("type", "TRANSFER")).put("/api/stores/" + f + "/sync-with/1").then().statusCode(200);

        assertCopies(a, Map.of("1", "ACTIVE_COLLECTOR", site2.id, "ACTIVE_COLLECTOR", site3.id, "NONE"));
        assertCopies(b, Map.of("1", "ACTIVE_COLLECTOR", site2.id, "ACTIVE_COLLECTOR", site3.id, "TRANSFER"));
        assertCopies(c, Map.of("1", "ACTIVE_COLLECTOR", site2.id, "TRANSFER", site3.id, "ACTIVE_COLLECTOR"));
        assertCopies(d, Map.of("1", "ACTIVE_COLLECTOR", site2.id, "NONE", site3.id, "ACTIVE_COLLECTOR"));
        assertCopies(e, Map.of("1", "ACTIVE_COLLECTOR", site2.id, "NONE", site3.id, "NONE"));
        assertCopies(f, Map.of("1", "TRANSFER", site2.id, "ACTIVE_COLLECTOR", site3.id, "NONE"));
    }

    @BeforeEach
    void emptyQueues() {
        site2.drainQueue();
        site3.drainQueue();
    }

    @Test
    void storeDataIsChangedOnlyWhereItsStoreIsActiveAndGoesOnlyToCollectorCopies() {
        Map<String, String> stores = Map.of("A", a, "B", b, "C", c, "D", d, "E", e, "F", f);
        String run = unique("L");
        List<ObjectNode> fromCentral = new ArrayList<>();
        List<ObjectNode> fromSite2 = new ArrayList<>();
        List<ObjectNode> fromSite3 = new ArrayList<>();
        stores.forEach((letter, store) -> {
            fromCentral.add(location(run + "-" + letter + "1", store));
            fromSite2.add(location(run + "-" + letter + "2", store));
            fromSite3.add(location(run + "-" + letter + "3", store));
        });

        admin().body(Map.of("data", fromCentral)).post("/api/records").then().statusCode(200);
        site2.push(fromSite2.toArray(ObjectNode[]::new));
        site3.push(fromSite3.toArray(ObjectNode[]::new));

        // Accepted only from the site where the store is active; the rest refused and kept nowhere.
        Set<String> accepted = Set.of("A1", "E1", "B2", "F2", "C3", "D3");
        for (String letter : stores.keySet()) {
            for (int site = 1; site <= 3; site++) {
                String id = run + "-" + letter + site;
                boolean acceptedHere = accepted.contains(letter + site);
                boolean heldCentrally = acceptedHere && !letter.equals("F");
                admin().get("/api/records/Location/" + id).then().statusCode(heldCentrally ? 200 : 404);
            }
        }
        assertThat(refusedIds(site2)).contains(run + "-A2", run + "-C2", run + "-D2", run + "-E2")
                .doesNotContain(run + "-B2", run + "-F2");
        assertThat(refusedIds(site3)).contains(run + "-A3", run + "-B3", run + "-E3", run + "-F3")
                .doesNotContain(run + "-C3", run + "-D3");

        // A's data reaches site 2 (its collector copy), never site 3; nothing else reaches anyone.
        assertThat(ids(site2.drainQueue())).containsExactly("Location/" + run + "-A1");
        assertThat(ids(site3.drainQueue())).isEmpty();
    }

    @Test
    void transfersReachTheSiteOfTheOtherStore() {
        String fromC = unique("CI");
        String line = unique("CIL");
        String fromB = unique("CI");
        String fromF = unique("CI");
        String fromA = unique("CI");
        // F and A trade with C and D: their names visible to F and A (copies do not change: collectors already).
        setVisibility(unique("NSJ"), c, f, true);
        setVisibility(unique("NSJ"), d, a, true);

        // A customer invoice from C (site 3) to B, with its line: it reaches site 2, where B is active.
        site3.push(transact(fromC, c, b), record("trans_line", line, "Update", Map.of("ID", line, "transaction_ID", fromC)));
        // From B (site 2) to C, and from F (site 2, only a transfer copy on the central) to C.
        site2.push(transact(fromB, b, c), transact(fromF, f, c));
        // From A, edited on the central, to D (site 3); A's collector copy on site 2 gets it too.
        admin().body(Map.of("data", List.of(transact(fromA, a, d)))).post("/api/records").then().statusCode(200);

        // Each finalised invoice got its supplier invoice from the central, which goes to both stores' sites too.
        String toB = responding(fromC);
        String toC = responding(fromB);
        String toCFromF = responding(fromF);
        String toD = responding(fromA);
        List<String> atSite2 = ids(site2.drainQueue());
        List<String> atSite3 = ids(site3.drainQueue());
        assertThat(atSite2).filteredOn(id -> id.startsWith("transact/")).containsExactlyInAnyOrder(
                "transact/" + fromC, "transact/" + toB, "transact/" + toC, "transact/" + toCFromF,
                "transact/" + fromA, "transact/" + toD);
        assertThat(atSite2).filteredOn(id -> id.startsWith("trans_line/")).hasSize(2).contains("trans_line/" + line);
        assertThat(atSite3).filteredOn(id -> id.startsWith("transact/")).containsExactlyInAnyOrder(
                "transact/" + fromB, "transact/" + toC, "transact/" + fromF, "transact/" + toCFromF,
                "transact/" + fromA, "transact/" + toD, "transact/" + toB);
        assertThat(atSite3).filteredOn(id -> id.startsWith("trans_line/")).hasSize(1).doesNotContain("trans_line/" + line);
        // The central keeps every transfer, F's included.
        for (String id : List.of(fromC, fromB, fromF, fromA, toB, toC, toCFromF, toD)) {
            admin().get("/api/records/transact/" + id).then().statusCode(200);
        }
    }

    private static String responding(String initiatingInvoice) {
        return admin().get("/api/transfers/transact/" + initiatingInvoice).then().statusCode(200)
                .extract().jsonPath().getString("respondingId");
    }

    @Test
    void aMessageGoesToTheSiteOfItsReceivingStore() {
        String message = unique("MSG");
        site3.push(record("message", message, "Update", Map.of("ID", message, "toStoreID", b, "fromStoreID", c,
                "body", Map.of("text", "stock count due"), "createdDate", "2026-11-26", "createdTime", 3600,
                "status", "new", "type", "RequestFieldChange")));

        assertThat(ids(site2.drainQueue())).containsExactly("message/" + message);
        assertThat(ids(site3.drainQueue())).isEmpty();
    }

    private static ObjectNode location(String id, String store) {
        return record("Location", id, "Update", Map.of("ID", id, "Description", "shelf", "code", id, "hold", false,
                "store_ID", store, "type_ID", "", "Volume", 0));
    }

    private static ObjectNode transact(String id, String store, String otherStore) {
        return record("transact", id, "Update", Map.of("ID", id, "store_ID", store, "name_ID", "N_" + otherStore,
                "type", "ci", "status", "fn", "mode", "store", "invoice_num", 1,
                "entry_date", "2026-11-26T00:00:00", "entry_time", "10:00:00"));
    }

    private static List<String> ids(List<JsonNode> records) {
        return records.stream().map(r -> r.path("tableName").asText() + "/" + r.path("recordId").asText()).toList();
    }

    private static Set<String> refusedIds(RemoteSite site) {
        List<String> ids = admin().get("/api/sites/" + site.id + "/refusals?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("recordId", String.class);
        return ids.stream().filter(id -> id != null).collect(Collectors.toSet());
    }

    private static void assertCopies(String store, Map<Object, String> expected) {
        Map<String, String> syncWith = admin().get("/api/stores/" + store).then().statusCode(200)
                .extract().jsonPath().getMap("syncWith", String.class, String.class);
        expected.forEach((site, type) -> assertThat(syncWith).containsEntry(site.toString(), type));
    }
}
