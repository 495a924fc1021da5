package org.supplysync.transfer.control;

/**
 * One transfer the central knows, keyed by its initiating record (a row of the ledger, V10): its two stores, its
 * responding half once there is one, who made that half, and why it failed if it did.
 */
public record Transfer(String initiatingTable, String initiatingId, TransferKind kind, Status status,
                       String initiatingStore, int initiatingSite, String respondingStore, String respondingTable,
                       String respondingId, Integer madeBySite, String reason, boolean numbered) {

    /** CREATED: the central made the responding half; FOUND: a site had; LOCAL: one site's own; FAILED: not possible. */
    public enum Status { CREATED, FOUND, LOCAL, FAILED }

    /** Both halves go to both stores' sites: every transfer but a failed one. */
    public boolean joinsStores() {
        return status != Status.FAILED && respondingStore != null;
    }

    /** Whether the central made the responding half (and so makes its lines). */
    public boolean madeCentrally() {
        return status == Status.CREATED;
    }

    /** The other store of a record of this transfer that belongs to {@code storeId}. */
    public String otherStore(String storeId) {
        return storeId != null && storeId.equals(respondingStore) ? initiatingStore : respondingStore;
    }

    public Transfer numberedNow() {
        return new Transfer(initiatingTable, initiatingId, kind, status, initiatingStore, initiatingSite, respondingStore,
                respondingTable, respondingId, madeBySite, reason, true);
    }
}
