package org.supplysync.record.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * One record as a site (or an administrator, for the central) sends it: the v5 envelope. {@code text} is
 * {@code recordData} as the JSON text it was stored as, when it has been (the push buffer): what is kept and sent
 * on is that text, not the parsed value printed again.
 */
public record IncomingRecord(String tableName, String recordId, String action, JsonObject recordData, String text) {

    public IncomingRecord(String tableName, String recordId, String action, JsonObject recordData) {
        this(tableName, recordId, action, recordData, null);
    }

    /** Each element of a v5 {@code data} array; anything malformed still becomes a record, which intake then refuses. */
    public static List<IncomingRecord> allOf(JsonArray data) {
        List<IncomingRecord> records = new ArrayList<>(data.size());
        for (JsonValue element : data) {
            records.add(of(element));
        }
        return records;
    }

    /** One element of a v5 {@code data} array. */
    public static IncomingRecord of(JsonValue element) {
        if (element instanceof JsonObject record) {
            return new IncomingRecord(text(record, "tableName"), text(record, "recordId"), text(record, "action"),
                    record.get("recordData") instanceof JsonObject fields ? fields : null);
        }
        return new IncomingRecord(null, null, null, null);
    }

    /** {@code recordData} as JSON text: as stored if it was, printed otherwise. */
    public String dataText() {
        if (text != null) {
            return text;
        }
        return recordData == null ? null : recordData.toString();
    }

    private static String text(JsonObject object, String field) {
        return object.get(field) instanceof JsonString value ? value.getString() : null;
    }
}
