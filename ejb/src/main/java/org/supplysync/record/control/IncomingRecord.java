package org.supplysync.record.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/** One record as a site (or an administrator, for the central) sends it: the v5 envelope. */
public record IncomingRecord(String tableName, String recordId, String action, JsonObject recordData) {

    /** Each element of a v5 {@code data} array; anything malformed still becomes a record, which intake then refuses. */
    public static List<IncomingRecord> allOf(JsonArray data) {
        List<IncomingRecord> records = new ArrayList<>(data.size());
        for (JsonValue element : data) {
            if (element instanceof JsonObject record) {
                records.add(new IncomingRecord(text(record, "tableName"), text(record, "recordId"), text(record, "action"),
                        record.get("recordData") instanceof JsonObject fields ? fields : null));
            } else {
                records.add(new IncomingRecord(null, null, null, null));
            }
        }
        return records;
    }

    private static String text(JsonObject object, String field) {
        return object.get(field) instanceof JsonString value ? value.getString() : null;
    }
}
