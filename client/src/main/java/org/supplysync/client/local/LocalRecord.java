package org.supplysync.client.local;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One record as the site holds it: the mSupply row, or a tombstone once deleted. */
public record LocalRecord(String tableName, String recordId, ObjectNode data, boolean deleted) {
}
