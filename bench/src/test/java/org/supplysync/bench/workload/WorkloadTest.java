package org.supplysync.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.client.simulate.SiteRecords.JSON;

class WorkloadTest {

    private final Topology topology = Topology.startingAt(1_700_000_000L, 4, 10);

    @Test
    void theRealisticMixPushesEveryTableASitePushes() {
        Map<String, Integer> tables = Workload.of(topology, Mix.REALISTIC, 500, 100).tables();

        assertThat(tables.keySet()).containsExactlyInAnyOrder("transact", "trans_line", "item_line", "Location",
                "Stock_take", "Stock_take_lines");
    }

    @Test
    void theReportsMixIsTenLinesInElevenRecordsOfFinalisedIssuesAndReturnsOverTwelveMonths() throws IOException {
        Workload workload = Workload.of(topology, Mix.REPORTS, 2200, 100);

        assertThat(workload.tables()).containsExactly(Map.entry("item_line", 1000), Map.entry("trans_line", 1000),
                Map.entry("transact", 200));
        Set<String> kinds = new HashSet<>();
        Set<String> months = new HashSet<>();
        for (Workload.Row row : workload.rows()) {
            JsonNode data = JSON.readTree(row.data());
            if (row.table().equals("transact")) {
                assertThat(data.path("status").asText()).isEqualTo("fn");
                kinds.add(data.path("type").asText() + "/" + data.path("mode").asText());
                months.add(data.path("finalised_date").asText().substring(0, 7));
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("ci/store", "ci/dispensary", "cc/store");
        assertThat(months).hasSize(12);
        Set<String> stocked = new HashSet<>();
        Set<String> issuing = new HashSet<>();
        workload.rows().forEach(row -> (row.table().equals("item_line") ? stocked : issuing).add(row.storeId()));
        assertThat(stocked).as("every store holds stock and issues it").hasSize(topology.stores()).isEqualTo(issuing);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Mix.class, names = {"REALISTIC", "REPORTS"})
    void everyLineIsPushedByTheSiteOfItsParentAndAfterIt(Mix mix) throws IOException {
        Workload workload = Workload.of(topology, mix, 2000, 37);

        for (int site = 0; site < topology.sites(); site++) {
            Set<String> pushed = new HashSet<>();
            for (Workload.Batch batch : workload.batchesOf(site)) {
                for (JsonNode record : JSON.readTree(batch.body()).path("data")) {
                    JsonNode data = record.path("recordData");
                    String parent = data.path("transaction_ID").asText(data.path("stock_take_ID").asText(null));
                    if (parent != null) {
                        assertThat(pushed).as("parent of %s", record.path("recordId").asText()).contains(parent);
                    }
                    pushed.add(record.path("recordId").asText());
                }
            }
        }
    }

    @Test
    void eachRecordIsPushedOnceByTheSiteWhereItsStoreIsActiveAndGoesToTheNextSite() throws IOException {
        Workload workload = Workload.of(topology, Mix.REALISTIC, 1000, 100);
        Set<String> seen = new HashSet<>();
        int records = 0;

        for (int site = 0; site < topology.sites(); site++) {
            for (Workload.Batch batch : workload.batchesOf(site)) {
                for (JsonNode record : JSON.readTree(batch.body()).path("data")) {
                    Workload.Row row = workload.rows().get(workload.indexOf(record.path("tableName").asText(),
                            record.path("recordId").asText()));
                    int store = topology.storeIndex(row.storeId());
                    assertThat(topology.activeSite(store)).isEqualTo(site);
                    assertThat(row.destination()).isEqualTo(topology.destinationSite(store)).isNotEqualTo(site);
                    assertThat(seen.add(row.table() + "/" + row.recordId())).isTrue();
                    records++;
                }
            }
        }
        assertThat(records).isEqualTo(workload.rows().size()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aPushCountsItsQueueDownToTheLastBatch() throws IOException {
        // Site 0 has stores 0, 4 and 8 of the 10: 30 of the 100 locations.
        Workload workload = Workload.of(topology, Mix.LOCATIONS, 100, 10);

        List<Workload.Batch> batches = workload.batchesOf(0);
        assertThat(batches).hasSize(3);
        assertThat(JSON.readTree(batches.get(0).body()).path("queueLength").asInt()).isEqualTo(30);
        assertThat(JSON.readTree(batches.get(2).body()).path("queueLength").asInt()).isEqualTo(10);
    }
}
