package org.supplysync.report.boundary;

/**
 * A store a report covers, and as of when: the last contact of the site where it is active (ISO-8601, UTC), null for
 * a store active on the central, whose data is the central's own and always current.
 */
public record StoreCoverage(String storeId, String storeName, String lastSync) {
}
