package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.JSON;

/**
 * Pushed rows are normalised by the registry's field types (migration V5), so that the site they are routed to can
 * read them (msupply-sync-v5.md §3.0, traps 8 and 9): Open mSupply pushes null in numbers it then refuses to read,
 * dates with a time part and times as "HH:MM:SS".
 */
class FieldTypesIT extends DeployedApplication {

    @Test
    void pushedNullNumbersDatesAndTimesArePulledAsTheCollectorCanReadThem() {
        RemoteSite active = RemoteSite.register("desktop");
        RemoteSite collector = RemoteSite.register("desktop");
        String store = createStore(active.id);
        Api.collectOn(store, collector.id);
        collector.drainQueue();
        String invoice = unique("T");
        String order = unique("PO");
        String orderLine = unique("POL");

        active.push(update("transact", transact(invoice, store)), update("purchase_order", purchaseOrder(order, store)),
                update("purchase_order_line", purchaseOrderLine(orderLine, order, store)));

        var received = collector.drainQueue().stream()
                .collect(Collectors.toMap(r -> r.path("recordId").asText(), r -> r.path("recordData"), (a, b) -> b));
        assertThat(received).containsOnlyKeys(invoice, order, orderLine);
        expectNormalisedTransact(received.get(invoice));
        expectNormalisedPurchaseOrder(received.get(order));
        assertThat(received.get(orderLine).path("quan_adjusted_order").isIntegralNumber()).isTrue();
        assertThat(received.get(orderLine).path("quan_adjusted_order").asInt()).isZero();
        assertThat(received.get(orderLine).path("delivery_date_expected").asText()).isEqualTo("0000-00-00");

        // The central copy holds the same, normalised, row.
        expectNormalisedTransact(centralCopy("transact", invoice));
        expectNormalisedPurchaseOrder(centralCopy("purchase_order", order));
    }

    private static void expectNormalisedTransact(JsonNode row) {
        // trap 8: null in zero_f64_as_none fields is pulled as the number 0
        for (String number : List.of("insuranceDiscountAmount", "insuranceDiscountRate")) {
            assertThat(row.path(number).isIntegralNumber()).as(number).isTrue();
            assertThat(row.path(number).asInt()).as(number).isZero();
        }
        // trap 9: dates without their time part, null dates as 0000-00-00, times in seconds since midnight
        assertThat(row.path("entry_date").asText()).isEqualTo("2026-11-30");
        assertThat(row.path("confirm_date").asText()).isEqualTo("0000-00-00");
        assertThat(row.path("entry_time").isIntegralNumber()).isTrue();
        assertThat(row.path("entry_time").asInt()).isEqualTo(47046);
        assertThat(row.path("confirm_time").asInt()).isZero();
        // What the types do not name stays as pushed, whatever its name says.
        assertThat(row.path("user_date_1").asText()).isEqualTo("2026-11-30T00:00:00");
        assertThat(row.path("ship_date_note").isNull()).isTrue();
        assertThat(row.path("om_created_datetime").asText()).isEqualTo("2026-11-30T13:04:06");
        assertThat(row.path("tax_rate").isNull()).isTrue();
        assertThat(row.path("currency_rate").asDouble()).isEqualTo(1.5);
    }

    private static void expectNormalisedPurchaseOrder(JsonNode row) {
        for (String number : List.of("curr_rate", "agent_commission", "document_charge", "communications_charge",
                "insurance_charge", "freight_charge")) {
            assertThat(row.path(number).isIntegralNumber()).as(number).isTrue();
            assertThat(row.path(number).asInt()).as(number).isZero();
        }
        assertThat(row.path("creation_date").asText()).isEqualTo("2026-11-30");
        assertThat(row.path("requested_delivery_date").asText()).isEqualTo("2026-12-24");
        assertThat(row.path("po_sent_date").asText()).isEqualTo("0000-00-00");
        // an Option<f64> without zero_f64_as_none: null means "no target", not 0
        assertThat(row.path("target_months").isNull()).isTrue();
    }

    /** A transact as Open mSupply pushes it (invoice.rs, LegacyTransactRow). */
    private static ObjectNode transact(String id, String store) {
        ObjectNode row = JSON.createObjectNode().put("ID", id).put("store_ID", store).put("name_ID", unique("SUPPLIER"))
                .put("invoice_num", 1).put("type", "si").put("status", "cn").put("hold", false).put("currency_rate", 1.5)
                .put("entry_date", "2026-11-30T00:00:00").put("entry_time", "13:04:06")
                .put("confirm_time", "00:00:00").put("finalised_time", "00:00:00").put("mode", "store")
                .put("om_created_datetime", "2026-11-30T13:04:06")
                .put("user_date_1", "2026-11-30T00:00:00");
        row.putNull("insuranceDiscountAmount").putNull("insuranceDiscountRate").putNull("confirm_date")
                .putNull("finalised_date").putNull("tax_rate").putNull("ship_date_note");
        return row;
    }

    /** A purchase order as Open mSupply pushes it (purchase_order.rs, LegacyPurchaseOrderRow). */
    private static ObjectNode purchaseOrder(String id, String store) {
        ObjectNode row = JSON.createObjectNode().put("ID", id).put("store_ID", store).put("name_ID", unique("SUPPLIER"))
                .put("status", "nw").put("serial_number", 3).put("creation_date", "2026-11-30")
                .put("requested_delivery_date", "2026-12-24T00:00:00")
                .put("supplier_discount_amount", 0.0).put("Order_total_before_discount", 12.5)
                .put("Order_total_after_discount", 12.5);
        row.putNull("curr_rate").putNull("agent_commission").putNull("document_charge").putNull("communications_charge")
                .putNull("insurance_charge").putNull("freight_charge").putNull("confirm_date").putNull("po_sent_date")
                .putNull("target_months");
        return row;
    }

    /** A purchase order line as Open mSupply pushes it (purchase_order_line.rs, LegacyPurchaseOrderLineRow). */
    private static ObjectNode purchaseOrderLine(String id, String order, String store) {
        ObjectNode row = JSON.createObjectNode().put("ID", id).put("store_ID", store).put("purchase_order_ID", order)
                .put("line_number", 1).put("item_ID", unique("ITEM")).put("price_extension_expected", 0.0);
        row.putNull("quan_adjusted_order").putNull("delivery_date_expected");
        return row;
    }

    private static ObjectNode update(String table, ObjectNode row) {
        ObjectNode record = RemoteSite.record(table, row.path("ID").asText(), "Update", Map.of());
        record.set("recordData", row);
        return record;
    }

    private static JsonNode centralCopy(String table, String id) {
        String body = admin().get("/api/records/" + table + "/" + id).then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body).path("recordData");
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
