package org.supplysync.resync.boundary;

/**
 * Which records of the central copy a resync queues for a site: those the routing rules send to the site, and with a
 * store named, only those of that store (its store data and lines, transfers naming it, patients visible in it); or,
 * for a patient resend, the patients and prescribers visible in the store with their data, and the dispensary
 * reference data.
 */
public record Selection(int siteId, String storeId, Scope scope) {

    public enum Scope {
        /** What the routing rules send the site (narrowed to one store when a store is named). */
        ROUTED,
        /** resend-patients: the store's patients and prescribers, and the dispensary reference data. */
        PATIENTS
    }

    public Selection(int siteId, String storeId) {
        this(siteId, storeId, Scope.ROUTED);
    }

    public static Selection everythingFor(int siteId) {
        return new Selection(siteId, null);
    }

    public static Selection storeFor(int siteId, String storeId) {
        return new Selection(siteId, storeId);
    }

    /** The seed's "Resync patient records when store is saved", for the store's active site. */
    public static Selection patientsOf(int siteId, String storeId) {
        return new Selection(siteId, storeId, Scope.PATIENTS);
    }
}
