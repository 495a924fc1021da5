package org.supplysync.central.boundary;

import org.supplysync.platform.Jsons;

/** One row of the central change log as a site reads it. */
public record CentralChange(long cursor, String tableName, String recordId, boolean merge, String action, String data) {

    /**
     * The change as a v5 {@code CentralRecord}, written around the stored text: {@code data} is JSON already and goes in
     * as it is. A merge is logged under the merged-away id and goes out under the kept one, read from its small object.
     */
    public String toJson() {
        String wireId = merge ? Jsons.parse(data).getString("mergeIdToKeep") : recordId;
        return "{\"ID\":" + cursor + ",\"tableName\":" + Jsons.quoted(tableName) + ",\"recordId\":" + Jsons.quoted(wireId)
                + ",\"action\":" + Jsons.quoted(action) + ",\"recordData\":" + data + "}";
    }
}
