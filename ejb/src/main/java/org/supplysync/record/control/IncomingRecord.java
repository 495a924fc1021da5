package org.supplysync.record.control;

import jakarta.json.JsonObject;

/** One record as a site (or an administrator, for the central) sends it: the v5 envelope. */
public record IncomingRecord(String tableName, String recordId, String action, JsonObject recordData) {
}
