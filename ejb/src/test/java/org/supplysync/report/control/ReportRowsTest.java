package org.supplysync.report.control;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.supplysync.platform.Jsons;

import static org.assertj.core.api.Assertions.assertThat;

class ReportRowsTest {

    @Test
    void aStockLineCountsItsAvailablePacksPackSizeAndCostAtItsLocation() {
        JsonObject line = json("""
                {"ID":"L1","store_ID":"S1","item_ID":"I1","location_ID":"SHELF","pack_size":10,"available":7,
                 "quantity":9,"cost_price":2.5}""");
        assertThat(ReportRows.stockLine("L1", null, line))
                .contains(new ReportRows.StockLine("L1", "S1", "I1", "SHELF", 7, 10, 2.5));
        assertThat(ReportRows.stockLine("L1", "OWNER", line).orElseThrow().storeId())
                .as("the store the central copy knows wins").isEqualTo("OWNER");
        assertThat(ReportRows.stockLine("L1", null, json("""
                {"store_ID":"S1","item_ID":"I1","location_ID":"","pack_size":"4","available":2}""")))
                .as("no location, a number sent as text, no cost")
                .contains(new ReportRows.StockLine("L1", "S1", "I1", "", 2, 4, 0));
        assertThat(ReportRows.stockLine("L1", null, json("{\"store_ID\":\"S1\",\"item_ID\":\"\"}"))).isEmpty();
    }

    @Test
    void finalisedCustomerInvoicesAndPrescriptionsIssueAndCustomerReturnsTakeBack() {
        assertThat(ReportRows.issue("T1", "S1", invoice("ci", "fn", "2026-03-31", false)))
                .contains(new ReportRows.Issue("T1", "S1", "2026-03", 1));
        assertThat(ReportRows.issue("T2", "S1", invoice("cc", "fn", "2026-04-01", false)))
                .contains(new ReportRows.Issue("T2", "S1", "2026-04", -1));
        assertThat(ReportRows.issue("T3", "S1", invoice("ci", "fn", "2026-04-02", true)))
                .as("the reversal of a cancelled prescription").contains(new ReportRows.Issue("T3", "S1", "2026-04", -1));
        assertThat(ReportRows.issue("T4", "S1", invoice("ci", "cn", "2026-04-02", false))).as("not finalised").isEmpty();
        assertThat(ReportRows.issue("T5", "S1", invoice("si", "fn", "2026-04-02", false))).as("received").isEmpty();
        assertThat(ReportRows.issue("T6", "S1", invoice("ci", "fn", "0000-00-00", false)).orElseThrow().month())
                .as("no finalised date: the entry date's month").isEqualTo("2026-01");
    }

    @Test
    void invoiceLinesThatMoveStockCountPacksTimesPackSize() {
        assertThat(ReportRows.issueLine("TL1", json("""
                {"transaction_ID":"T1","item_ID":"I1","type":"stock_out","quantity":3,"pack_size":10}""")))
                .contains(new ReportRows.IssueLine("TL1", "T1", "I1", 30));
        assertThat(ReportRows.issueLine("TL2", json("""
                {"transaction_ID":"T1","item_ID":"I1","type":"placeholder","quantity":3,"pack_size":10}""")))
                .isEmpty();
        assertThat(ReportRows.issueLine("TL3", json("""
                {"transaction_ID":"","item_ID":"I1","type":"stock_in","quantity":3,"pack_size":10}"""))).isEmpty();
    }

    private static JsonObject invoice(String type, String status, String finalised, boolean cancellation) {
        return json("{\"store_ID\":\"S1\",\"type\":\"" + type + "\",\"status\":\"" + status + "\",\"finalised_date\":\""
                + finalised + "\",\"confirm_date\":\"0000-00-00\",\"entry_date\":\"2026-01-15\",\"is_cancellation\":"
                + cancellation + "}");
    }

    private static JsonObject json(String text) {
        return Jsons.parse(text);
    }
}
