package org.supplysync.client.local;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A change log row waiting to be pushed, with the record's current state: {@code data} is null for a delete.
 */
public record Change(long cursor, String tableName, String recordId, boolean delete, String storeId, ObjectNode data) {
}
