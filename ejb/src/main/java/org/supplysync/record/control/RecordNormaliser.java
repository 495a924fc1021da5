package org.supplysync.record.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Sites push dates and times in another format than they pull them (msupply-sync-v5.md §3.0, trap 9): a date as
 * "YYYY-MM-DDT00:00:00" or null, a time of day as "HH:MM:SS". The central copy keeps the pull format, "YYYY-MM-DD"
 * and seconds since midnight, so that what it sends back parses.
 */
public final class RecordNormaliser {

    private static final Pattern MIDNIGHT_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T00:00:00");
    private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})");

    private RecordNormaliser() {
    }

    public static JsonObject normalise(JsonObject row) {
        JsonObjectBuilder normalised = JSON.createObjectBuilder();
        for (Map.Entry<String, JsonValue> field : row.entrySet()) {
            normalised.add(field.getKey(), normalise(field.getKey(), field.getValue()));
        }
        return normalised.build();
    }

    private static JsonValue normalise(String name, JsonValue value) {
        if (value == JsonValue.NULL && isDateField(name)) {
            return JSON.createValue("0000-00-00");
        }
        if (!(value instanceof JsonString text)) {
            return value;
        }
        String s = text.getString();
        if (MIDNIGHT_DATE.matcher(s).matches() && isDateField(name)) {
            return JSON.createValue(s.substring(0, 10));
        }
        var time = TIME_OF_DAY.matcher(s);
        if (time.matches() && isTimeField(name)) {
            return JSON.createValue(Integer.parseInt(time.group(1)) * 3600 + Integer.parseInt(time.group(2)) * 60
                    + Integer.parseInt(time.group(3)));
        }
        return value;
    }

    static boolean isDateField(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return (lower.contains("date") || lower.equals("expiry")) && !lower.contains("datetime");
    }

    static boolean isTimeField(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith("time") && !lower.contains("datetime");
    }
}
