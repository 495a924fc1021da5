package org.supplysync.web.record;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import org.supplysync.platform.Jsons;
import org.supplysync.record.boundary.Refusal;
import org.supplysync.record.boundary.Refusals;

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

    /** Refusals as administrators list them: with their id, what was pushed, and when. */
    public static JsonArray listed(List<Refusals.ListedRefusal> listed) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        listed.forEach(l -> array.add(JSON.createObjectBuilder()
                .add("id", l.id())
                .add("tableName", nullable(l.refusal().tableName()))
                .add("recordId", nullable(l.refusal().recordId()))
                .add("reason", l.refusal().reason())
                .add("action", nullable(l.refusal().action()))
                .add("recordData", l.refusal().data() == null ? JsonValue.NULL : parsedOrText(l.refusal().data()))
                .add("refusedAt", nullable(l.refusedAt()))
                .add("resubmittedAt", nullable(l.resubmittedAt()))));
        return array.build();
    }

    private static JsonValue parsedOrText(String data) {
        try {
            return Jsons.parse(data);
        } catch (RuntimeException e) {
            return JSON.createValue(data);
        }
    }

    public static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : JSON.createValue(value);
    }
}
