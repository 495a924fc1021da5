package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/** Central data reaches every site through the change log and its cursor, and the cursor never skips a change. */
class CentralChangeLogIT extends DeployedApplication {

    @Test
    void aCentralChangeReachesEverySiteThroughTheCursor() {
        RemoteSite one = RemoteSite.register("desktop");
        RemoteSite other = RemoteSite.register("mobile");
        one.pullCentral();
        other.pullCentral();
        String item = unique("ITEM");

        editOnCentral(item, "Paracetamol 500mg");

        assertThat(ids(one.pullCentral())).contains("item/" + item);
        assertThat(ids(other.pullCentral())).contains("item/" + item);
        // Read to the end: nothing more until the next change, which comes with a higher ID.
        assertThat(one.pullCentral()).isEmpty();
        editOnCentral(item, "Paracetamol 500 mg tablets");
        List<JsonNode> changed = one.pullCentral();
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).path("recordData").path("item_name").asText()).isEqualTo("Paracetamol 500 mg tablets");
        assertThat(changed.get(0).path("ID").isNumber()).isTrue();
        admin().get("/api/sites/" + one.id).then().body("centralCursorLag", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void theCursorLagCountsTheCentralChangesASiteHasNotPulledOncePerRecord() {
        RemoteSite pulling = RemoteSite.register("desktop");
        RemoteSite idle = RemoteSite.register("desktop");
        pulling.pullCentral();
        idle.pullCentral();
        assertThat(lag(pulling)).isZero();
        assertThat(lag(idle)).isZero();
        String first = unique("ITEM");
        String second = unique("ITEM");
        String third = unique("ITEM");

        editOnCentral(first, "Zinc 20mg");
        editOnCentral(second, "ORS sachet");
        editOnCentral(third, "Amoxicillin 500mg");
        assertThat(lag(pulling)).isEqualTo(3);
        // A second change of the same record is still one record to pull.
        editOnCentral(first, "Zinc sulfate 20mg");
        assertThat(lag(pulling)).isEqualTo(3);
        assertThat(lag(idle)).isEqualTo(3);

        JsonNode page = pulling.centralPage(pulling.centralCursor(), 2);
        assertThat(page.path("data")).hasSize(2);
        // A page handed out is not yet pulled: the site says it has it by asking from the page's last ID.
        assertThat(lag(pulling)).isEqualTo(3);
        long next = page.path("data").get(1).path("ID").asLong();
        JsonNode rest = pulling.centralPage(next, 2);
        assertThat(rest.path("data")).hasSize(1);
        assertThat(lag(pulling)).isEqualTo(1);
        assertThat(pulling.centralPage(rest.path("data").get(0).path("ID").asLong(), 2).path("data")).isEmpty();
        assertThat(lag(pulling)).isZero();
        // The site that did not pull is still three records behind.
        assertThat(lag(idle)).isEqualTo(3);
    }

    @Test
    void aChangeThatCommitsLateIsNotSkipped() throws Exception {
        RemoteSite site = RemoteSite.register("desktop");
        site.pullCentral();
        String late = unique("LATE");
        String early = unique("EARLY");

        try (Connection connection = Database.application().getConnection()) {
            connection.setAutoCommit(false);
            // A writer that started first and commits last: its change row exists, uncommitted, while another commits.
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into central_change (table_name, record_id, is_merge, cursor_id, action, data, origin_site_id)
                    values ('item', ?, false, null, 'update', ?, 1)""")) {
                insert.setString(1, late);
                insert.setString(2, "{\"ID\":\"" + late + "\"}");
                insert.executeUpdate();
            }
            editOnCentral(early, "committed first");
            List<JsonNode> before = site.pullCentral();
            assertThat(ids(before)).contains("item/" + early).doesNotContain("item/" + late);
            // The reader has passed the early change's cursor; the late one must still come, above it.
            long passed = site.centralCursor();
            connection.commit();

            // This writer never calls the sequencer, as one killed between its commit and that call: the safety net stamps it.
            List<JsonNode> after = new ArrayList<>();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
                after.addAll(site.pullCentral());
                return !after.isEmpty();
            });
            assertThat(ids(after)).containsExactly("item/" + late);
            assertThat(after.get(0).path("ID").asLong()).isGreaterThan(passed);
        }
    }

    @Test
    void inAMirroredSetUpThePrimarySiteOwnsCentralData() {
        RemoteSite primary = RemoteSite.registerPrimary();
        try {
            RemoteSite other = RemoteSite.register("desktop");
            primary.pullCentral();
            other.pullCentral();
            String item = unique("ITEM");

            primary.push(record("item", item, "Update", Map.of("ID", item, "item_name", "from the primary")));

            // It reaches the central (site 1) and the other site, not the primary itself.
            admin().get("/api/records/item/" + item).then().statusCode(200).body("originSiteId", org.hamcrest.Matchers.equalTo(primary.id));
            assertThat(ids(other.pullCentral())).contains("item/" + item);
            assertThat(ids(primary.pullCentral())).doesNotContain("item/" + item);

            // The same edit on the central server is refused.
            admin().body(Map.of("data", List.of(Map.of("tableName", "item", "recordId", item, "action", "Update",
                            "recordData", Map.of("ID", item, "item_name", "from the central")))))
                    .post("/api/records").then().statusCode(200)
                    .body("accepted", org.hamcrest.Matchers.equalTo(0))
                    .body("refused[0].reason", org.hamcrest.Matchers.containsString("primary server (site " + primary.id + ")"));
            admin().get("/api/records/item/" + item).then().body("recordData.item_name", org.hamcrest.Matchers.equalTo("from the primary"));
        } finally {
            admin().body(Map.of("primary", false)).put("/api/sites/" + primary.id + "/primary").then().statusCode(200);
        }
    }

    @Test
    void aMergeOfCentralRecordsReachesTheSitesAsAMerge() {
        RemoteSite site = RemoteSite.register("desktop");
        String kept = unique("ITEM");
        String merged = unique("ITEM");
        editOnCentral(kept, "Amoxicillin 250mg");
        editOnCentral(merged, "Amoxycillin 250 mg");
        site.pullCentral();

        admin().body(Map.of("data", List.of(Map.of("tableName", "item", "recordId", kept, "action", "Merge",
                        "recordData", Map.of("mergeIdToKeep", kept, "mergeIdToDelete", merged)))))
                .post("/api/records").then().statusCode(200).body("accepted", org.hamcrest.Matchers.equalTo(1));

        List<JsonNode> changes = site.pullCentral();
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).path("action").asText()).isEqualTo("merge");
        assertThat(changes.get(0).path("recordId").asText()).isEqualTo(kept);
        assertThat(changes.get(0).path("recordData").path("mergeIdToDelete").asText()).isEqualTo(merged);
        admin().get("/api/records/item/" + merged).then().body("deleted", org.hamcrest.Matchers.equalTo(true));
    }

    static void editOnCentral(String item, String name) {
        admin().body(Map.of("data", List.of(Map.of("tableName", "item", "recordId", item, "action", "Update",
                        "recordData", Map.of("ID", item, "item_name", name)))))
                .post("/api/records").then().statusCode(200).body("accepted", org.hamcrest.Matchers.equalTo(1));
    }

    private static long lag(RemoteSite site) {
        return admin().get("/api/sites/" + site.id).then().statusCode(200).extract().jsonPath().getLong("centralCursorLag");
    }

    private static List<String> ids(List<JsonNode> records) {
        return records.stream().map(r -> r.path("tableName").asText() + "/" + r.path("recordId").asText()).toList();
    }
}
