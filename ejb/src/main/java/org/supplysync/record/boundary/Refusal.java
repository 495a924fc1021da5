package org.supplysync.record.boundary;

/**
 * A record the central server did not take, and why; with what was pushed ({@code action}, {@code data} as JSON
 * text, either null when the envelope was unusable), so that an administrator can re-submit it.
 */
public record Refusal(String tableName, String recordId, String reason, String action, String data) {

    public Refusal(String tableName, String recordId, String reason) {
        this(tableName, recordId, reason, null, null);
    }
}
