package org.supplysync.routing.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** One record on its way to a site, in the v5 envelope (without the syncOutId it gets when the site pulls it). */
public record OutboundRecord(String tableName, String recordId, String action, String recordData) {

    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("tableName", tableName)
                .add("recordId", recordId)
                .add("action", action)
                .add("recordData", Json.createReader(new java.io.StringReader(recordData)).readObject())
                .build();
    }

    public static OutboundRecord fromJson(JsonObject json) {
        return new OutboundRecord(json.getString("tableName"), json.getString("recordId"), json.getString("action"),
                json.getJsonObject("recordData").toString());
    }
}
