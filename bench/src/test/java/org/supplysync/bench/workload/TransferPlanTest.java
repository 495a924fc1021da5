package org.supplysync.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.supplysync.client.simulate.SiteRecords.JSON;

class TransferPlanTest {

    private final Topology topology = Topology.startingAt(1_700_000_000L, 6, 14);

    @Test
    void eachTransferGoesFromTheSendingSitesFirstStoreToAStoreVisibleThereOnTheSiteBefore() {
        TransferPlan plan = TransferPlan.of(topology, 30, 3);

        assertThat(plan.sendingSites()).containsExactly(1, 3, 5);
        assertThat(plan.respondingSites()).containsExactly(0, 2, 4);
        for (TransferPlan.Transfer transfer : plan.transfers()) {
            assertThat(transfer.respondingSite()).isEqualTo(transfer.sendingSite() - 1);
            assertThat(topology.activeSite(transfer.respondingStore())).isEqualTo(transfer.respondingSite());
            // The set-up makes a store's name visible in its viewer store only: the sending store must be it.
            assertThat(topology.viewerStore(transfer.respondingStore())).isEqualTo(transfer.sendingSite());
            assertThat(topology.activeSite(transfer.sendingSite())).isEqualTo(transfer.sendingSite());
        }
        // Site 0 holds stores 0, 6 and 12: the responding store goes round them.
        assertThat(plan.transfers().stream().filter(t -> t.respondingSite() == 0).map(TransferPlan.Transfer::respondingStore)
                .distinct()).containsExactlyInAnyOrder(0, 6, 12);
        assertThat(plan.transfers().stream().filter(t -> t.respondingSite() == 0)).hasSize(10);
    }

    @Test
    void aSendingSitePushesFinalisedCustomerInvoicesToTheStoresNameEachBeforeItsLines() throws IOException {
        TransferPlan plan = TransferPlan.of(topology, 4, 2);

        List<Workload.Row> rows = plan.rowsOf(3);
        assertThat(rows).extracting(Workload.Row::table)
                .containsExactly("transact", "trans_line", "trans_line", "trans_line", "transact", "trans_line",
                        "trans_line", "trans_line");
        TransferPlan.Transfer transfer = plan.transfers().get(plan.indexOf(rows.get(0).recordId()));
        JsonNode invoice = JSON.readTree(rows.get(0).data());
        assertThat(invoice.path("type").asText()).isEqualTo("ci");
        assertThat(invoice.path("status").asText()).isEqualTo("fn");
        assertThat(invoice.path("store_ID").asText()).isEqualTo(topology.storeId(3));
        assertThat(invoice.path("name_ID").asText()).isEqualTo(topology.nameId(transfer.respondingStore()));
        assertThat(JSON.readTree(rows.get(1).data()).path("transaction_ID").asText()).isEqualTo(rows.get(0).recordId());
        assertThat(plan.indexOf("some other invoice")).isEqualTo(-1);
    }

    @Test
    void pairsNeedTwiceAsManySites() {
        assertThatThrownBy(() -> TransferPlan.of(topology, 10, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
