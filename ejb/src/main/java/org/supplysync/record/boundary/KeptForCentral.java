package org.supplysync.record.boundary;

import jakarta.json.JsonObject;

/**
 * A record of a {@code TO_CENTRAL} table was accepted and kept (a site's new user): fired in the integration's
 * transaction, so that the feature owning the table keeps what it needs of it with the record, or not at all.
 */
public record KeptForCentral(String tableName, String recordId, JsonObject data, int siteId) {
}
