package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.JSON;
import static org.supplysync.it.RemoteSite.record;

/** Delivery guarantees of a site's queue: acknowledged never again, unacknowledged again, retries harmless. */
class QueueDeliveryIT extends DeployedApplication {

    static RemoteSite active;
    static RemoteSite collector;
    static String store;

    @BeforeAll
    static void aStoreWithACollectorCopy() {
        active = RemoteSite.register("desktop");
        collector = RemoteSite.register("desktop");
        store = createStore(active.id);
        Api.collectOn(store, collector.id);
    }

    @BeforeEach
    void emptyQueues() {
        active.drainQueue();
        collector.drainQueue();
    }

    @Test
    void anAcknowledgedRecordNeverComesAgainAndAnUnacknowledgedOneDoes() throws SQLException {
        String first = unique("L");
        String second = unique("L");
        active.push(location(first), location(second));

        JsonNode page = collector.pull(1);
        assertThat(page.path("queueLength").asLong()).isEqualTo(2);
        String firstSyncId = page.path("data").get(0).path("syncOutId").asText();
        assertThat(page.path("data").get(0).path("syncOutId").isTextual()).isTrue();
        // Staged compressed, in MariaDB's COMPRESS() format: SQL reads the records back.
        assertThat(stagedRecords(collector.id)).contains("\"recordId\":\"" + first + "\"", "\"recordId\":\"" + second + "\"");

        // Not acknowledged: the same record comes again.
        JsonNode again = collector.pull(1);
        assertThat(again.path("data").get(0).path("syncOutId").asText()).isEqualTo(firstSyncId);
        assertThat(again.path("data").get(0).path("recordId").asText()).isEqualTo(first);

        collector.acknowledge(List.of(firstSyncId));
        JsonNode next = collector.pull(10);
        assertThat(next.path("queueLength").asLong()).isEqualTo(1);
        assertThat(next.path("data")).hasSize(1);
        assertThat(next.path("data").get(0).path("recordId").asText()).isEqualTo(second);
        // Acknowledging twice (a retried request) is harmless.
        collector.acknowledge(List.of(firstSyncId, next.path("data").get(0).path("syncOutId").asText()));
        collector.acknowledge(List.of(firstSyncId));
        assertThat(collector.pull(10).path("data")).isEmpty();
        admin().get("/api/sites/" + collector.id).then().body("queueLength", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aBatchAnOlderVersionStagedAsTextIsStillHandedOutAndAcknowledged() throws SQLException {
        String id = unique("L");
        try (Connection db = Database.application().getConnection()) {
            try (PreparedStatement staged = db.prepareStatement(
                    "insert into outbound_batch (site_id, record_count, records) values (?, 1, ?)")) {
                staged.setInt(1, collector.id);
                staged.setString(2, "{\"tableName\":\"Location\",\"recordId\":\"" + id
                        + "\",\"action\":\"update\",\"recordData\":{\"ID\":\"" + id + "\",\"code\":\"as text\"}}");
                staged.executeUpdate();
            }
            try (PreparedStatement counted = db.prepareStatement(
                    "update site_queue set queue_length = queue_length + 1 where site_id = ?")) {
                counted.setInt(1, collector.id);
                counted.executeUpdate();
            }
        }

        JsonNode page = collector.pull(10);
        assertThat(page.path("data")).hasSize(1);
        assertThat(page.path("data").get(0).path("recordId").asText()).isEqualTo(id);
        assertThat(page.path("data").get(0).path("recordData").path("code").asText()).isEqualTo("as text");
        collector.acknowledge(List.of(page.path("data").get(0).path("syncOutId").asText()));
        assertThat(collector.pull(10).path("data")).isEmpty();
        assertThat(stagedRecords(collector.id)).isNull();
    }

    private static String stagedRecords(int siteId) throws SQLException {
        try (Connection db = Database.application().getConnection();
             PreparedStatement select = db.prepareStatement("select group_concat(convert(uncompress(records_compressed)"
                     + " using utf8mb4)) from outbound_batch where site_id = ?")) {
            select.setInt(1, siteId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    @Test
    void aSiteNeverReceivesItsOwnRecordsBack() {
        String id = unique("L");
        active.push(location(id));
        assertThat(active.drainQueue()).isEmpty();
        assertThat(collector.drainQueue()).extracting(r -> r.path("recordId").asText()).containsExactly(id);
    }

    @Test
    void aRetriedPushCreatesNoDuplicates() {
        String id = unique("L");
        ArrayNode batch = JSON.createArrayNode().add(location(id).put("syncOutId", "1"));
        active.pushBatch(1, batch).expect(200);
        active.pushBatch(1, batch).expect(200);
        active.pushBatch(0, JSON.createArrayNode()).expect(200);
        active.pushBatch(0, JSON.createArrayNode()).expect(200);
        active.awaitIdle();

        assertThat(collector.drainQueue()).extracting(r -> r.path("recordId").asText()).containsExactly(id);
        admin().get("/api/records/Location/" + id).then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void theLastBatchStartsIntegrationAndTheSiteBecomesIdle() {
        String id = unique("L");
        RemoteSite.Response first = active.pushBatch(1, JSON.createArrayNode().add(location(id).put("syncOutId", "1")));
        assertThat(first.expect(200).json().path("integrationStarted").asBoolean()).isFalse();
        // Nothing is integrated before the last batch.
        admin().get("/api/records/Location/" + id).then().statusCode(404);

        RemoteSite.Response last = active.pushBatch(0, JSON.createArrayNode());
        assertThat(last.expect(200).json().path("integrationStarted").asBoolean()).isTrue();
        active.awaitIdle();
        admin().get("/api/records/Location/" + id).then().statusCode(200);
        admin().get("/api/sites/" + active.id).then().body("lastContact", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void updatesAndDeletesAreRoutedAsTheyCome() {
        String id = unique("L");
        active.push(location(id));
        active.push(record("Location", id, "Update", Map.of("ID", id, "store_ID", store, "code", "moved")));
        active.push(record("Location", id, "Delete", Map.of()));

        List<JsonNode> received = collector.drainQueue();
        assertThat(received).extracting(r -> r.path("action").asText()).containsExactly("update", "update", "delete");
        assertThat(received.get(1).path("recordData").path("code").asText()).isEqualTo("moved");
        assertThat(received.get(2).path("recordData").isObject()).isTrue();
        admin().get("/api/records/Location/" + id).then().body("deleted", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void manyRecordsArriveInOrderAcrossPagesAndExactlyOnce() {
        // 1,200 records pushed as a site pushes them: three batches, the last one (queueLength 0) starts integration.
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            ArrayNode data = JSON.createArrayNode();
            for (int i = 0; i < 400; i++) {
                String id = unique("L" + (batch * 400 + i));
                ids.add(id);
                data.add(location(id).put("syncOutId", Integer.toString(ids.size())));
            }
            active.pushBatch(800 - batch * 400L, data).expect(200);
        }
        active.awaitIdle();

        // Pulled in pages of 70, so that pages and batches never line up; each page acknowledged before the next.
        List<String> received = new ArrayList<>();
        int pages = 0;
        while (true) {
            JsonNode page = collector.pull(70);
            if (page.path("data").isEmpty()) {
                break;
            }
            pages++;
            List<String> syncIds = new ArrayList<>();
            for (JsonNode record : page.path("data")) {
                received.add(record.path("recordId").asText());
                syncIds.add(record.path("syncOutId").asText());
            }
            collector.acknowledge(syncIds);
        }

        assertThat(pages).isEqualTo((1200 + 69) / 70);
        // In the order they were pushed (and so queued), each exactly once.
        assertThat(received).containsExactlyElementsOf(ids);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode location(String id) {
        return record("Location", id, "Update", Map.of("ID", id, "store_ID", store, "code", id, "Description", "",
                "hold", false, "type_ID", "", "Volume", 0));
    }
}
