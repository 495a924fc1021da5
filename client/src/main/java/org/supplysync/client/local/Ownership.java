package org.supplysync.client.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Which store a record belongs to, as the change log records it (Open mSupply's {@code changelog.store_id}): the
 * record's own store field, or for a line its parent's store. Records of no store (central data) give null.
 */
final class Ownership {

    /** Lines carry no store: the parent table and the field that names the parent. */
    static final Map<String, String[]> PARENTS = Map.of(
            "trans_line", new String[]{"transact", "transaction_ID"},
            "Stock_take_lines", new String[]{"Stock_take", "stock_take_ID"},
            "requisition_line", new String[]{"requisition", "requisition_ID"},
            "Goods_received_line", new String[]{"Goods_received", "goods_received_ID"});

    private Ownership() {
    }

    /** The field holding the store of a record of this table that carries one itself. */
    static String storeField(String tableName) {
        return switch (tableName) {
            case "store" -> "ID";
            case "message" -> "fromStoreID";
            default -> "store_ID";
        };
    }

    static String text(JsonNode data, String field) {
        if (data == null) {
            return null;
        }
        JsonNode value = data.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
