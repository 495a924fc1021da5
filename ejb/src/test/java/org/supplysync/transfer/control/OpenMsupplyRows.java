package org.supplysync.transfer.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields an Open mSupply site needs to parse a row it pulls, written from msupply-sync-v5.md §3.9–3.15 and §3.24
 * and the client's Legacy*Row structs (a field with no serde default), not from the code under test: what a test
 * checks every record the central makes against.
 */
final class OpenMsupplyRows {

    enum Kind { TEXT, NUMBER, BOOLEAN, DATE, OBJECT }

    private static final Map<String, Map<String, Kind>> REQUIRED = Map.of(
            "transact", fields(
                    "ID", "store_ID", "name_ID", "type", "status", "mode", "user_ID", "comment", "their_ref",
                    "prescriber_ID", "currency_ID", "goods_received_ID", "original_PO_ID", "requisition_ID",
                    "linked_transaction_id", "nameInsuranceJoinID", "donor_default_id", "confirm_date", "finalised_date",
                    Kind.NUMBER, "invoice_num", "currency_rate", "insuranceDiscountAmount", "insuranceDiscountRate",
                    "entry_time", "confirm_time", "finalised_time",
                    Kind.BOOLEAN, "hold",
                    Kind.DATE, "entry_date"),
            "trans_line", fields(
                    "ID", "transaction_ID", "item_ID", "item_name", "item_line_ID", "location_ID", "batch", "expiry_date",
                    "type", "note", "optionID", "linked_transact_id", "donor_id", "vaccine_vial_monitor_status_ID",
                    Kind.NUMBER, "pack_size", "cost_price", "sell_price", "quantity", "volume_per_pack"),
            "requisition", fields(
                    "ID", "name_ID", "store_ID", "type", "status", "user_ID", "requester_reference",
                    "linked_requisition_id", "comment", "authorisationStatus", "orderType", "periodID", "programID",
                    Kind.NUMBER, "serial_number", "lastModifiedAt", "thresholdMOS", "daysToSupply",
                    Kind.DATE, "date_entered"),
            "requisition_line", fields(
                    "ID", "requisition_ID", "item_ID", "itemName", "authoriser_comment", "comment", "om_snapshot_datetime",
                    "optionID",
                    Kind.NUMBER, "Cust_stock_order", "suggested_quantity", "actualQuan", "stock_on_hand", "daily_usage",
                    "approved_quantity", "Cust_prev_stock_balance", "Cust_stock_received", "Cust_stock_issued",
                    "stockLosses", "stockAdditions", "stockExpiring", "days_out_or_new_demand", "Cust_loss_adjust"),
            "Goods_received", fields(
                    "ID", "store_ID", "purchase_order_ID", "status", "comment", "supplier_reference", "user_id_created",
                    "donor_id", "entry_date",
                    Kind.NUMBER, "serial_number"),
            "Goods_received_line", fields(
                    "ID", "goods_received_ID", "item_ID", "item_name", "batch_received", "expiry_date", "comment",
                    "location_ID",
                    Kind.NUMBER, "pack_received", "quantity_received", "cost_price", "volume_per_pack"),
            "message", fields(
                    "ID", "toStoreID", "fromStoreID", "status", "type",
                    Kind.NUMBER, "createdTime",
                    Kind.DATE, "createdDate",
                    Kind.OBJECT, "body"));

    private OpenMsupplyRows() {
    }

    /** What is missing or of the wrong type in the row, one line each; empty when Open mSupply parses it. */
    static List<String> problems(String table, JsonObject row) {
        List<String> problems = new ArrayList<>();
        REQUIRED.get(table).forEach((field, kind) -> {
            JsonValue value = row.get(field);
            if (value == null) {
                problems.add(table + "." + field + " is missing");
            } else if (!fits(kind, value)) {
                problems.add(table + "." + field + " should be " + kind + " but is " + value);
            }
        });
        row.keySet().stream().filter(field -> field.startsWith("om_") && !field.equals("om_snapshot_datetime"))
                .forEach(field -> problems.add(table + "." + field + " is copied (om_* fields never are)"));
        return problems;
    }

    private static boolean fits(Kind kind, JsonValue value) {
        return switch (kind) {
            case TEXT -> value.getValueType() == JsonValue.ValueType.STRING;
            case NUMBER -> value.getValueType() == JsonValue.ValueType.NUMBER;
            case BOOLEAN -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case DATE -> value.getValueType() == JsonValue.ValueType.STRING
                    && value.toString().matches("\"\\d{4}-\\d{2}-\\d{2}\"");
            case OBJECT -> value.getValueType() == JsonValue.ValueType.OBJECT;
        };
    }

    /** Field names, each of the kind last named before it (TEXT until a kind is named). */
    private static Map<String, Kind> fields(Object... kindsAndNames) {
        Map<String, Kind> fields = new java.util.LinkedHashMap<>();
        Kind kind = Kind.TEXT;
        for (Object item : kindsAndNames) {
            if (item instanceof Kind next) {
                kind = next;
            } else {
                fields.put((String) item, kind);
            }
        }
        return fields;
    }
}
