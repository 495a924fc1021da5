package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.supplysync.bench.workload.Topology;
import org.supplysync.bench.workload.TransferPlan;
import org.supplysync.client.simulate.SiteRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.client.simulate.SiteRecords.JSON;

class ResponsesTest {

    private final Topology topology = Topology.startingAt(1_700_000_000L, 4, 4);
    private final TransferPlan plan = TransferPlan.of(topology, 2, 2);
    private final Responses responses = new Responses(plan, topology.sites());

    @Test
    void eachResponseOnceAtItsSiteWithItsLinesIsExactlyOnceAndCopiesElsewhereDoNotCount() {
        for (TransferPlan.Transfer transfer : plan.transfers()) {
            responses.received(transfer.respondingSite(), answer(transfer, "SI" + transfer.number(), -1), 7);
            // The sending site holds both halves too.
            responses.received(transfer.sendingSite(), answer(transfer, "SI" + transfer.number(), -1), 8);
        }

        Responses.Result result = responses.result();
        assertThat(result.exactlyOnce()).as(result.describe()).isTrue();
        assertThat(result.elsewhere()).isEqualTo(2);
        assertThat(responses.awaited(0)).isZero();
        assertThat(responses.arrivedAt(0)).isEqualTo(7);
    }

    @Test
    void aSecondCopyOrASecondResponseOrAnUnnumberedOneIsWrong() {
        TransferPlan.Transfer first = plan.transfers().get(0);
        TransferPlan.Transfer second = plan.transfers().get(1);
        responses.received(first.respondingSite(), answer(first, "SI0", -1), 1);
        responses.received(first.respondingSite(), answer(first, "SI0", -1), 2);
        responses.received(second.respondingSite(), answer(second, "SI1", -1), 1);
        assertThat(responses.result().duplicates()).isEqualTo(1);
        assertThat(responses.result().lineDuplicates()).isEqualTo(3);
        assertThat(responses.result().exactlyOnce()).isFalse();
        assertThat(responses.arrivedAt(0)).as("the first copy's time").isEqualTo(1);

        Responses other = new Responses(plan, topology.sites());
        other.received(first.sendingSite(), answer(first, "SI0-again", -1), 1);
        other.received(first.respondingSite(), answer(first, "SI0", -1), 1);
        other.received(second.respondingSite(), answer(second, "SI1", 5), 1);
        assertThat(other.result().secondHalves()).isEqualTo(1);
        assertThat(other.result().wrong()).hasSize(1);
        assertThat(other.result().exactlyOnce()).isFalse();
    }

    @Test
    void aSiteAwaitsItsResponsesUntilTheyCome() {
        TransferPlan.Transfer first = plan.transfers().get(0);
        assertThat(responses.awaited(first.respondingSite())).isEqualTo(1);
        responses.received(first.respondingSite(), answer(first, "SI0", -1), 1);
        assertThat(responses.awaited(first.respondingSite())).isZero();
        assertThat(responses.result().arrived()).isEqualTo(1);
        assertThat(responses.result().exactlyOnce()).isFalse();
    }

    /** A page with the responding half the central makes for the transfer, and its three lines. */
    private ArrayNode answer(TransferPlan.Transfer transfer, String id, int number) {
        ArrayNode page = JSON.createArrayNode();
        page.add(envelope("transact", id, SiteRecords.transact(id, plan.respondingStoreId(transfer),
                topology.nameId(transfer.sendingSite()), number, "si", "", "2026-03-01", 1)
                .put("linked_transaction_id", transfer.invoiceId())));
        for (int line = 0; line < 3; line++) {
            page.add(envelope("trans_line", id + "-" + line, SiteRecords.transLine(id + "-" + line, id, "ITEM", "B",
                    "stock_in", 1).put("linked_transact_id", transfer.invoiceId())));
        }
        return page;
    }

    private static ObjectNode envelope(String table, String id, ObjectNode data) {
        ObjectNode record = JSON.createObjectNode().put("tableName", table).put("recordId", id).put("action", "Update");
        record.set("recordData", data);
        return record;
    }
}
