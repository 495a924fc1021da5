package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/**
 * A busy site and a busy central: pushes that overlap the site's running integration, status polls during a long
 * integration, batches that go to more sites than the broker takes messages in one transaction (the tests run with
 * a limit of {@code it.max.messages}, 12), and a record that cannot be integrated at all.
 */
class IntakeUnderLoadIT extends DeployedApplication {

    /** The broker's and the application's limit of messages per transaction in the test server (it/pom.xml). */
    private static final int MAX_MESSAGES = Integer.getInteger("supplysync.it.maxMessages", 12);

    @Test
    void aPushOverlappingARunningIntegrationLosesNothingAndTheNewestVersionWins() {
        RemoteSite site = RemoteSite.register("desktop");
        RemoteSite collector = RemoteSite.register("desktop");
        String store = collectedStore(site, collector);

        // Session 1: 1,000 invoices and 2,000 lines, as three batches and the last, empty one.
        List<ObjectNode> first = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            first.add(invoice("INV" + i, store, "v1"));
        }
        for (int i = 0; i < 2000; i++) {
            first.add(line("LINE" + i, "INV" + (i % 1000), 1));
        }
        String run = unique("R");
        pushSession(site, run, first);

        // Session 2, while session 1 integrates: newer versions of 250 invoices, and 250 new lines of invoices that
        // are pushed again in the same session.
        status(site);
        List<ObjectNode> second = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            second.add(line("NEWLINE" + i, "INV" + (750 + i), 2));
            second.add(invoice("INV" + (750 + i), store, "v2"));
        }
        pushSession(site, run, second);

        // Status and admin calls are answered while the site integrates.
        assertThat(status(site)).isIn("integration_in_progress", "idle");
        admin().get("/api/sites/" + site.id).then().statusCode(200);
        site.get("/sync/v5/central_records?cursor=0&limit=10").expect(200);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> "idle".equals(status(site)));

        admin().get("/api/sites/" + site.id).then().body("refusedRecords", equalTo(0)).body("quarantinedRecords", equalTo(0));
        Map<String, String> comments = new HashMap<>();
        Set<String> lines = new HashSet<>();
        for (JsonNode record : collector.drainQueue()) {
            String id = record.path("recordId").asText();
            if ("transact".equals(record.path("tableName").asText())) {
                comments.put(id, record.path("recordData").path("comment").asText());
            } else {
                lines.add(id);
            }
        }
        assertThat(comments).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(comments.get(run + "INV" + i)).as("newest version of invoice " + i).isEqualTo(i >= 750 ? "v2" : "v1");
        }
        assertThat(lines).hasSize(2250);
        admin().get("/api/records/transact/" + run + "INV999").then().body("recordData.comment", equalTo("v2"));
        admin().get("/api/records/trans_line/" + run + "NEWLINE249").then().statusCode(200).body("storeId", equalTo(store));
    }

    @Test
    void aBatchForMoreSitesThanOneTransactionMayMessageIsDeliveredInFull() {
        RemoteSite site = RemoteSite.register("desktop");
        int sites = MAX_MESSAGES + 3;
        List<RemoteSite> collectors = new ArrayList<>();
        List<ObjectNode> locations = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            RemoteSite collector = RemoteSite.register("desktop");
            collectors.add(collector);
            String store = collectedStore(site, collector);
            locations.add(location(unique("LOC"), store));
        }
        site.push(locations.toArray(ObjectNode[]::new));

        for (int i = 0; i < sites; i++) {
            assertThat(collectors.get(i).drainQueue()).extracting(r -> r.path("recordId").asText())
                    .containsExactly(locations.get(i).path("recordId").asText());
        }
    }

    @Test
    void aRecordThatCannotBeIntegratedIsQuarantinedAndTheRestOfTheSiteCarriesOn() {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        List<RemoteSite> collectors = new ArrayList<>();
        for (int i = 0; i <= MAX_MESSAGES; i++) {
            RemoteSite collector = RemoteSite.register("desktop");
            collect(store, collector);
            collectors.add(collector);
        }
        // A location of this store goes to more sites than one transaction may send messages to: it cannot be
        // integrated as the set-up stands. The other store's location can.
        RemoteSite oneCollector = RemoteSite.register("desktop");
        String otherStore = collectedStore(site, oneCollector);
        String stuck = unique("LOC");
        String fine = unique("LOC");
        site.push(location(stuck, store), location(fine, otherStore));

        assertThat(status(site)).isEqualTo("idle");
        assertThat(oneCollector.drainQueue()).extracting(r -> r.path("recordId").asText()).containsExactly(fine);
        JsonNode quarantined = admin().get("/api/quarantine?site=" + site.id).then().statusCode(200).extract().as(JsonNode.class);
        assertThat(quarantined).hasSize(1);
        assertThat(quarantined.get(0).path("recordId").asText()).isEqualTo(stuck);
        assertThat(quarantined.get(0).path("error").asText()).contains("messages");
        assertThat(quarantined.get(0).path("attempts").asInt()).isEqualTo(1);
        admin().get("/api/sites/" + site.id).then().body("quarantinedRecords", equalTo(1));
        assertThat(admin().get("/api/quarantine").then().statusCode(200).extract().as(JsonNode.class))
                .extracting(q -> q.path("recordId").asText()).contains(stuck);
        admin().get("/api/records/Location/" + stuck).then().statusCode(404);

        // The administrator removes the cause (fewer collector copies) and retries.
        for (RemoteSite collector : collectors.subList(0, 3)) {
            admin().body(Map.of("type", "NONE")).put("/api/stores/" + store + "/sync-with/" + collector.id)
                    .then().statusCode(200);
        }
        admin().post("/api/quarantine/" + quarantined.get(0).path("id").asLong() + "/retry").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                admin().get("/api/quarantine?site=" + site.id).then().extract().as(JsonNode.class).isEmpty());
        admin().get("/api/records/Location/" + stuck).then().statusCode(200);
        assertThat(collectors.get(MAX_MESSAGES).drainQueue()).extracting(r -> r.path("recordId").asText()).contains(stuck);
        assertThat(collectors.get(0).drainQueue()).extracting(r -> r.path("recordId").asText()).doesNotContain(stuck);
    }

    /** A store active on the site, with a collector copy on the collector site. */
    private static String collectedStore(RemoteSite site, RemoteSite collector) {
        String store = createStore(site.id);
        collect(store, collector);
        return store;
    }

    private static void collect(String store, RemoteSite collector) {
        Api.collectOn(store, collector.id);
        collector.drainQueue();
    }

    /** Pushes the records as Open mSupply does (batches of 1,000 counting down, then the empty last one), without waiting. */
    private static void pushSession(RemoteSite site, String run, List<ObjectNode> records) {
        int left = records.size();
        for (int from = 0; from < records.size(); from += 1000) {
            ArrayNode data = RemoteSite.JSON.createArrayNode();
            for (ObjectNode record : records.subList(from, Math.min(records.size(), from + 1000))) {
                ObjectNode copy = record.deepCopy();
                copy.put("recordId", run + copy.path("recordId").asText());
                ObjectNode fields = (ObjectNode) copy.path("recordData");
                fields.put("ID", run + fields.path("ID").asText());
                if (fields.has("transaction_ID")) {
                    fields.put("transaction_ID", run + fields.path("transaction_ID").asText());
                }
                data.add(copy.put("syncOutId", Integer.toString(from)));
            }
            site.pushBatch(left, data).expect(200);
            left -= data.size();
        }
        assertThat(site.pushBatch(0, RemoteSite.JSON.createArrayNode()).expect(200).json()
                .path("integrationStarted").asBoolean()).isTrue();
    }

    private static String status(RemoteSite site) {
        return site.get("/sync/v5/site_status").expect(200).json().path("code").asText();
    }

    private static ObjectNode invoice(String id, String store, String comment) {
        return record("transact", id, "Update", Map.of("ID", id, "store_ID", store, "name_ID", "", "comment", comment));
    }

    private static ObjectNode line(String id, String invoice, int quantity) {
        return record("trans_line", id, "Update", Map.of("ID", id, "transaction_ID", invoice, "item_ID", "ITEM1",
                "quantity", quantity));
    }

    private static ObjectNode location(String id, String store) {
        return record("Location", id, "Update", Map.of("ID", id, "store_ID", store, "code", id));
    }
}
