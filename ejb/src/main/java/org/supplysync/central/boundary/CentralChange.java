package org.supplysync.central.boundary;

/** One row of the central change log as a site reads it. */
public record CentralChange(long cursor, String tableName, String recordId, boolean merge, String action, String data) {
}
