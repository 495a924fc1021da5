package org.supplysync.routing.control;

import jakarta.json.JsonObject;
import org.supplysync.platform.Jsons;

/** One record on its way to a site, in the v5 envelope (without the syncOutId it gets when the site pulls it). */
public record OutboundRecord(String tableName, String recordId, String action, String recordData) {

    /**
     * The record as JSON text. {@code recordData} is JSON text already and goes in as it is: records are written into
     * messages and pull responses by the thousand, and parsing each row again only to print it costs more than the rest.
     */
    public String toJson() {
        return "{\"tableName\":" + Jsons.quoted(tableName) + ",\"recordId\":" + Jsons.quoted(recordId)
                + ",\"action\":" + Jsons.quoted(action) + ",\"recordData\":" + recordData + "}";
    }

    public static OutboundRecord fromJson(JsonObject json) {
        return new OutboundRecord(json.getString("tableName"), json.getString("recordId"), json.getString("action"),
                json.getJsonObject("recordData").toString());
    }
}
