package org.supplysync.web.record;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import org.supplysync.record.boundary.Refusal;

import java.util.List;

import static org.supplysync.platform.Jsons.JSON;

/** Refused records as both APIs report them: {@code [{"tableName", "recordId", "reason"}]}. */
public final class RefusalsJson {

    private RefusalsJson() {
    }

    public static JsonArray of(List<Refusal> refused) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        refused.forEach(r -> array.add(JSON.createObjectBuilder()
                .add("tableName", nullable(r.tableName()))
                .add("recordId", nullable(r.recordId()))
                .add("reason", r.reason())));
        return array.build();
    }

    static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : JSON.createValue(value);
    }
}
