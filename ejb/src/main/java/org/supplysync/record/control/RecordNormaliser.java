package org.supplysync.record.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.supplysync.datatype.entity.FieldType;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Sites push some fields in another shape than they must pull them (msupply-sync-v5.md §3.0, traps 8 and 9): a date
 * as "YYYY-MM-DDT00:00:00" or null, a time of day as "HH:MM:SS", and null in numbers that Open mSupply reads from
 * numbers only. The central copy keeps the pull shape, so that what it routes and sends back parses on every site.
 * Which field is which comes from the registry's field types, never from its name; an untyped field stays as pushed.
 */
public final class RecordNormaliser {

    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?");
    private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?");
    private static final JsonValue NO_DATE = JSON.createValue("0000-00-00");
    private static final JsonValue ZERO = JSON.createValue(0);

    private RecordNormaliser() {
    }

    /**
     * The row as sites must pull it, given the types of its table's fields: the very same object when it is in that
     * shape already (the caller then keeps the text it came as).
     */
    public static JsonObject normalise(JsonObject row, Map<String, FieldType> fieldTypes) {
        if (fieldTypes.isEmpty() || !needsNormalising(row, fieldTypes)) {
            return row;
        }
        JsonObjectBuilder normalised = JSON.createObjectBuilder();
        for (Map.Entry<String, JsonValue> field : row.entrySet()) {
            FieldType type = fieldTypes.get(field.getKey());
            normalised.add(field.getKey(), type == null ? field.getValue() : normalise(type, field.getValue()));
        }
        return normalised.build();
    }

    private static boolean needsNormalising(JsonObject row, Map<String, FieldType> fieldTypes) {
        for (Map.Entry<String, FieldType> typed : fieldTypes.entrySet()) {
            JsonValue value = row.get(typed.getKey());
            if (value != null && normalise(typed.getValue(), value) != value) {
                return true;
            }
        }
        return false;
    }

    private static JsonValue normalise(FieldType type, JsonValue value) {
        return switch (type) {
            case DATE -> value == JsonValue.NULL ? NO_DATE : date(value);
            case TIME -> value == JsonValue.NULL ? ZERO : timeOfDay(value);
            case NUMBER -> value == JsonValue.NULL ? ZERO : value;
        };
    }

    /** "YYYY-MM-DD" of a date pushed with a time part; anything else as it is. */
    private static JsonValue date(JsonValue value) {
        if (value instanceof JsonString text) {
            Matcher dateTime = DATE_TIME.matcher(text.getString());
            if (dateTime.matches()) {
                return JSON.createValue(dateTime.group(1));
            }
        }
        return value;
    }

    /** Seconds since midnight of "HH:MM:SS" (a fraction dropped); anything else as it is. */
    private static JsonValue timeOfDay(JsonValue value) {
        if (value instanceof JsonString text) {
            Matcher time = TIME_OF_DAY.matcher(text.getString());
            if (time.matches()) {
                return JSON.createValue(Integer.parseInt(time.group(1)) * 3600 + Integer.parseInt(time.group(2)) * 60
                        + Integer.parseInt(time.group(3)));
            }
        }
        return value;
    }
}
