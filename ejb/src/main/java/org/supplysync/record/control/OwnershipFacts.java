package org.supplysync.record.control;

import java.util.Optional;

/** What the ownership rules need to know about the sync set-up and the central copy. */
public interface OwnershipFacts {

    /** The site that owns central data: the central server, or the remote site flagged primary. */
    int primarySiteId();

    /** The site where the store is active, if the central server knows the store. */
    Optional<Integer> activeSiteOf(String storeId);

    /** The record as the central copy holds it now (deleted or not), if it does. */
    Optional<KnownRecord> known(String tableName, String recordId);

    /** The home store of a patient or prescriber the central copy holds. */
    Optional<String> homeStoreOf(String patientId);

    /**
     * Whether the store's transactions, prescriptions, stock and stocktakes go to the central server (a dispensary
     * can have that turned off).
     */
    boolean sendsTransactions(String storeId);

    /** Whether the name is a patient in the central copy. */
    boolean isPatient(String nameId);

    /** Whether centralised procurement is on: purchase orders are then edited on the primary only (seed). */
    default boolean centralisedProcurement() {
        return false;
    }

    /** What the central copy says about a record it holds. */
    record KnownRecord(String storeId, String patientId, int originSiteId) {
    }
}
