package org.supplysync.resync.boundary;

/** Where a scan of the central copy stands: after this record, in primary-key order. The start is before every record. */
public record Position(String tableName, String recordId) {

    public static final Position START = new Position("", "");

    public Position {
        tableName = tableName == null ? "" : tableName;
        recordId = recordId == null ? "" : recordId;
    }
}
