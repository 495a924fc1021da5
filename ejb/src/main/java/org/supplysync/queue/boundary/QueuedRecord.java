package org.supplysync.queue.boundary;

/** One record handed out to a site, with the syncOutId it acknowledges it by. */
public record QueuedRecord(String syncOutId, String tableName, String recordId, String action, String recordData) {
}
