package org.supplysync.resync.boundary;

/**
 * Which records of the central copy a resync queues for a site: those the routing rules send to the site, and with a
 * store named, only those of that store (its store data and lines, transfers naming it, patients visible in it).
 */
public record Selection(int siteId, String storeId) {

    public static Selection everythingFor(int siteId) {
        return new Selection(siteId, null);
    }

    public static Selection storeFor(int siteId, String storeId) {
        return new Selection(siteId, storeId);
    }
}
