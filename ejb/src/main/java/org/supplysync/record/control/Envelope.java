package org.supplysync.record.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.platform.Jsons;
import org.supplysync.platform.Requests;

import java.util.Map;
import java.util.Optional;

/**
 * The checks every record's v5 envelope must pass before anything looks at its data, including what the central
 * copy's columns can hold: a record refused here is refused alone, at push time, instead of failing its site's
 * integration later.
 */
public final class Envelope {

    /** Columns {@code table_name} (VARCHAR(64)) of the sync tables. */
    public static final int MAX_TABLE_NAME = 64;
    /** Record ids, store ids and patient ids: VARCHAR(128) wherever they are kept. */
    public static final int MAX_ID = 128;
    /**
     * Nesting of objects and arrays in recordData, itself included. The central copy has CHECK (JSON_VALID(data)), and
     * MariaDB's JSON functions stop at a depth of 32, which they reach with 32 nested objects or arrays.
     */
    public static final int MAX_RECORD_DEPTH = 31;

    private static final int SHOWN = 40;
    private static final String[] MERGE_FIELDS = {"mergeIdToKeep", "mergeIdToDelete"};

    private Envelope() {
    }

    /** Why the envelope is unusable, if it is. */
    public static Optional<String> problem(IncomingRecord record, Map<String, DataType> registry) {
        if (record.tableName() == null || record.tableName().isBlank()) {
            return Optional.of("tableName is missing");
        }
        Optional<String> tooLong = Requests.tooLong(record.tableName(), "tableName", MAX_TABLE_NAME);
        if (tooLong.isPresent()) {
            return tooLong;
        }
        if (record.recordId() == null || record.recordId().isBlank()) {
            return Optional.of("recordId is missing");
        }
        tooLong = Requests.tooLong(record.recordId(), "recordId", MAX_ID);
        if (tooLong.isPresent()) {
            return tooLong;
        }
        DataType type = registry.get(record.tableName());
        if (type == null) {
            return Optional.of("unknown table " + record.tableName() + ": it is not in the data-type registry");
        }
        Optional<RecordAction> action = RecordAction.parse(record.action());
        if (action.isEmpty()) {
            return Optional.of("unknown action \"" + shown(record.action()) + "\": insert, update, delete or merge");
        }
        return record.recordData() == null ? Optional.empty() : data(type, action.get(), record);
    }

    /** What of recordData the central copy must be able to store: its nesting and the ids that say whose it is. */
    private static Optional<String> data(DataType type, RecordAction action, IncomingRecord record) {
        JsonObject data = record.recordData();
        // From the text it came as, when there is one: cheaper than walking every member of the parsed value.
        int depth = record.text() != null ? Jsons.depth(record.text()) : Jsons.depth(data);
        if (depth > MAX_RECORD_DEPTH) {
            return Optional.of("recordData nests objects and arrays " + depth + " levels deep; the central copy stores at"
                    + " most " + MAX_RECORD_DEPTH + " (MariaDB's JSON depth limit)");
        }
        String[] idFields = action == RecordAction.MERGE
                ? MERGE_FIELDS
                : new String[]{type.storeField(), type.parentField(), type.transferField(), type.patientField()};
        for (String field : idFields) {
            Optional<String> tooLong = field != null && data.get(field) instanceof JsonString id
                    ? Requests.tooLong(id.getString(), "recordData." + field, MAX_ID) : Optional.empty();
            if (tooLong.isPresent()) {
                return tooLong;
            }
        }
        return Optional.empty();
    }

    private static String shown(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "...";
    }
}
