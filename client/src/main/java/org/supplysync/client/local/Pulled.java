package org.supplysync.client.local;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A record pulled from the server, waiting in the sync buffer to be integrated. */
public record Pulled(String tableName, String recordId, String action, ObjectNode data) {
}
