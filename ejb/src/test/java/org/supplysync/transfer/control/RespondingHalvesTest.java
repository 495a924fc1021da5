package org.supplysync.transfer.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the central makes for a transfer, checked field by field against what an Open mSupply site needs to parse it
 * ({@link OpenMsupplyRows}) and against the seed: numbered -1, linked to the initiating half, no om_* field copied.
 */
class RespondingHalvesTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 30, 10, 15, 30);
    private static final TransferFacts.StoreFact C = new TransferFacts.StoreFact("STORE_C", "NAME_C", 3);
    private static final TransferFacts.StoreFact B = new TransferFacts.StoreFact("STORE_B", "NAME_B", 2);

    /** A finalised customer invoice as an Open mSupply site pushes it (normalised), om_* fields and all. */
    private static final JsonObject CI = Json.createObjectBuilder().add("ID", "CI1").add("store_ID", "STORE_C")
            .add("name_ID", "NAME_B").add("invoice_num", 17).add("type", "ci").add("status", "fn").add("mode", "store")
            .add("user_ID", "U1").add("hold", false).add("comment", "weekly").add("their_ref", "PO-9")
            .add("prescriber_ID", "").add("currency_ID", "USD").add("currency_rate", 1.5).add("goods_received_ID", "")
            .add("original_PO_ID", "").add("requisition_ID", "").add("linked_transaction_id", "")
            .add("nameInsuranceJoinID", "").add("donor_default_id", "").add("insuranceDiscountAmount", 0)
            .add("insuranceDiscountRate", 0).add("entry_date", "2026-11-29").add("entry_time", 3600)
            .add("confirm_date", "2026-11-29").add("confirm_time", 3700).add("finalised_date", "2026-11-30")
            .add("finalised_time", 3800).add("tax_rate", 0).add("om_type", "OUTBOUND_SHIPMENT")
            .add("om_status", "SHIPPED").add("om_created_datetime", "2026-11-29T01:00:00").build();

    private static final JsonObject CI_LINE = Json.createObjectBuilder().add("ID", "CIL1").add("transaction_ID", "CI1")
            .add("item_ID", "ITEM1").add("item_name", "Paracetamol").add("item_line_ID", "IL_C1")
            .add("location_ID", "LOC_C").add("batch", "B7").add("expiry_date", "2028-01-31").add("pack_size", 10)
            .add("cost_price", 2.5).add("sell_price", 4.25).add("type", "stock_out").add("quantity", 12)
            .add("note", "").add("optionID", "").add("linked_transact_id", "").add("donor_id", "")
            .add("vaccine_vial_monitor_status_ID", "").add("volume_per_pack", 0).add("om_item_code", "PAR")
            .build();

    @Test
    void aFinalisedCustomerInvoiceGetsASupplierInvoiceOnHoldNumberedMinusOneLinkedToIt() {
        JsonObject si = RespondingHalves.inboundInvoice(TransferKind.STOCK, "SI1", CI, "17", C, B, "REQ1", NOW);

        assertThat(OpenMsupplyRows.problems("transact", si)).isEmpty();
        assertThat(si.getString("type")).isEqualTo("si");
        assertThat(si.getString("status")).isEqualTo("nw");
        assertThat(si.getBoolean("hold")).isTrue();
        assertThat(si.getInt("invoice_num")).isEqualTo(-1);
        assertThat(si.getString("store_ID")).isEqualTo("STORE_B");
        assertThat(si.getString("name_ID")).as("named for the supplying store").isEqualTo("NAME_C");
        assertThat(si.getString("linked_transaction_id")).isEqualTo("CI1");
        assertThat(si.getString("requisition_ID")).isEqualTo("REQ1");
        assertThat(si.getString("their_ref")).isEqualTo("From invoice number: 17 (PO-9)");
        assertThat(si.getString("entry_date")).isEqualTo("2026-11-30");
        assertThat(si.getInt("entry_time")).isEqualTo(10 * 3600 + 15 * 60 + 30);
        assertThat(si.getJsonNumber("currency_rate").doubleValue()).isEqualTo(1.5);
    }

    @Test
    void aLineOfTheSupplierInvoiceBringsTheStockInAtThePriceItWentOutFor() {
        JsonObject line = RespondingHalves.inboundLine(TransferKind.STOCK, "SIL1", "SI1", CI_LINE, "CI1");

        assertThat(OpenMsupplyRows.problems("trans_line", line)).isEmpty();
        assertThat(line.getString("transaction_ID")).isEqualTo("SI1");
        assertThat(line.getString("type")).isEqualTo("stock_in");
        assertThat(line.getJsonNumber("quantity").doubleValue()).isEqualTo(12);
        assertThat(line.getJsonNumber("cost_price").doubleValue()).isEqualTo(4.25);
        assertThat(line.getString("item_line_ID")).as("the supplier's stock line is not the receiver's").isEmpty();
        assertThat(line.getString("location_ID")).isEmpty();
        assertThat(line.getString("batch")).isEqualTo("B7");
        assertThat(line.getString("linked_transact_id")).isEqualTo("CI1");
    }

    @Test
    void aSupplierCreditToAStoreGetsACustomerCreditAtItsCost() {
        JsonObject sc = Json.createObjectBuilder(CI).add("type", "sc").add("om_type", "SUPPLIER_RETURN").build();
        JsonObject cc = RespondingHalves.inboundInvoice(TransferKind.RETURN, "CC1", sc, "17", C, B, null, NOW);
        JsonObject line = RespondingHalves.inboundLine(TransferKind.RETURN, "CCL1", "CC1", CI_LINE, "CI1");

        assertThat(OpenMsupplyRows.problems("transact", cc)).isEmpty();
        assertThat(cc.getString("type")).isEqualTo("cc");
        assertThat(cc.getString("requisition_ID")).isEmpty();
        assertThat(line.getJsonNumber("cost_price").doubleValue()).isEqualTo(2.5);
    }

    @Test
    void aFinalisedRequestGetsAResponseInTheSupplyingStoreWithItsLines() {
        JsonObject request = Json.createObjectBuilder().add("ID", "RQ1").add("serial_number", 4).add("store_ID", "STORE_B")
                .add("name_ID", "NAME_C").add("type", "request").add("status", "fn").add("user_ID", "U1")
                .add("date_entered", "2026-11-20").add("lastModifiedAt", 1_790_000_000).add("requester_reference", "")
                .add("linked_requisition_id", "").add("thresholdMOS", 1.5).add("daysToSupply", 90).add("comment", "")
                .add("authorisationStatus", "none").add("orderType", "").add("periodID", "P1").add("programID", "")
                .add("om_status", "SENT").add("om_max_months_of_stock", 3).build();
        JsonObject requestLine = Json.createObjectBuilder().add("ID", "RQL1").add("requisition_ID", "RQ1")
                .add("item_ID", "ITEM1").add("itemName", "Paracetamol").add("Cust_stock_order", 200)
                .add("suggested_quantity", 180).add("actualQuan", 0).add("stock_on_hand", 20).add("daily_usage", 3)
                .add("approved_quantity", 0).add("authoriser_comment", "").add("comment", "urgent")
                .add("om_snapshot_datetime", "2026-11-20T08:00:00").add("Cust_prev_stock_balance", 30)
                .add("Cust_stock_received", 0).add("Cust_stock_issued", 10).add("stockLosses", 0)
                .add("stockAdditions", 0).add("stockExpiring", 0).add("days_out_or_new_demand", 0).add("optionID", "")
                .add("Cust_loss_adjust", 0).build();

        JsonObject response = RespondingHalves.response("RS1", request, B, C, NOW);
        JsonObject line = RespondingHalves.responseLine("RSL1", "RS1", requestLine);

        assertThat(OpenMsupplyRows.problems("requisition", response)).isEmpty();
        assertThat(OpenMsupplyRows.problems("requisition_line", line)).isEmpty();
        assertThat(response.getString("type")).isEqualTo("response");
        assertThat(response.getInt("serial_number")).isEqualTo(-1);
        assertThat(response.getString("store_ID")).isEqualTo("STORE_C");
        assertThat(response.getString("name_ID")).isEqualTo("NAME_B");
        assertThat(response.getString("linked_requisition_id")).isEqualTo("RQ1");
        assertThat(response.getString("periodID")).isEqualTo("P1");
        assertThat(line.getJsonNumber("Cust_stock_order").doubleValue()).isEqualTo(200);
        assertThat(line.getJsonNumber("actualQuan").doubleValue()).isZero();
        assertThat(line.getString("requisition_ID")).isEqualTo("RS1");
    }

    @Test
    void aConfirmedPurchaseOrderGetsACustomerInvoiceOfPlaceholderLinesThenGoodsReceivedOnceFinalised() {
        JsonObject order = Json.createObjectBuilder().add("ID", "PO1").add("name_ID", "NAME_C").add("store_ID", "STORE_B")
                .add("serial_number", 8).add("creation_date", "2026-11-01").add("status", "cn").add("comment", "")
                .add("confirm_date", "2026-11-02").add("po_sent_date", "0000-00-00").add("curr_rate", 0).build();
        JsonObject orderLine = Json.createObjectBuilder().add("ID", "POL1").add("store_ID", "STORE_B")
                .add("purchase_order_ID", "PO1").add("line_number", 1).add("item_ID", "ITEM1")
                .add("item_name", "Paracetamol").add("quan_original_order", 500).add("quan_adjusted_order", 0)
                .add("packsize_ordered", 10).add("price_extension_expected", 0).add("comment", "").build();

        JsonObject invoice = RespondingHalves.orderInvoice("OCI1", order, B, C, NOW);
        JsonObject invoiceLine = RespondingHalves.orderInvoiceLine("OCIL1", "OCI1", orderLine);
        JsonObject received = RespondingHalves.goodsReceived("GR1", invoice, "31", "PO1", B, NOW);
        JsonObject receivedLine = RespondingHalves.goodsReceivedLine("GRL1", "GR1", CI_LINE, "POL1");

        assertThat(OpenMsupplyRows.problems("transact", invoice)).isEmpty();
        assertThat(OpenMsupplyRows.problems("trans_line", invoiceLine)).isEmpty();
        assertThat(OpenMsupplyRows.problems("Goods_received", received)).isEmpty();
        assertThat(OpenMsupplyRows.problems("Goods_received_line", receivedLine)).isEmpty();
        assertThat(invoice.getString("type")).isEqualTo("ci");
        assertThat(invoice.getString("store_ID")).isEqualTo("STORE_C");
        assertThat(invoice.getString("name_ID")).isEqualTo("NAME_B");
        assertThat(invoice.getString("original_PO_ID")).isEqualTo("PO1");
        assertThat(invoice.getInt("invoice_num")).isEqualTo(-1);
        assertThat(invoiceLine.getString("type")).isEqualTo("placeholder");
        assertThat(invoiceLine.getJsonNumber("quantity").doubleValue()).isEqualTo(500);
        assertThat(received.getString("store_ID")).isEqualTo("STORE_B");
        assertThat(received.getString("purchase_order_ID")).isEqualTo("PO1");
        assertThat(received.getInt("serial_number")).isEqualTo(-1);
        assertThat(receivedLine.getString("order_line_ID")).isEqualTo("POL1");
        assertThat(RespondingHalves.unitsReceived(receivedLine)).isEqualTo(120);
        assertThat(RespondingHalves.receivedOrderLine(orderLine, 120).getJsonNumber("quan_rec_to_date").doubleValue())
                .isEqualTo(120);
    }

    @Test
    void theLogMessageTellsTheInitiatingStoreTheNumberItsTransferGot() {
        JsonObject message = RespondingHalves.numberedMessage("M1", TransferKind.STOCK, "SI1", 42, "CI1", "STORE_B",
                "STORE_C", NOW);

        assertThat(OpenMsupplyRows.problems("message", message)).isEmpty();
        assertThat(message.getString("toStoreID")).isEqualTo("STORE_C");
        assertThat(message.getString("fromStoreID")).isEqualTo("STORE_B");
        assertThat(message.getJsonObject("body").getInt("number")).isEqualTo(42);
        assertThat(message.getJsonObject("body").getString("initiatingId")).isEqualTo("CI1");
    }

    @Test
    void idsDependOnlyOnWhatTheyAnswer() {
        assertThat(RespondingHalves.id("STOCK", "transact", "CI1")).isEqualTo(RespondingHalves.id("STOCK", "transact", "CI1"))
                .isNotEqualTo(RespondingHalves.id("STOCK", "transact", "CI2")).matches("[0-9A-F]{32}");
    }
}
