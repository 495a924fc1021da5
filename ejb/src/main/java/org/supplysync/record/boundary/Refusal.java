package org.supplysync.record.boundary;

/** A record the central server did not take, and why. */
public record Refusal(String tableName, String recordId, String reason) {
}
