package org.supplysync.store.entity;

/**
 * What a store's copy on another site is, as set on the central server. On the site where the store is active
 * the value is {@code ACTIVE_COLLECTOR} (the active store itself); on any other site it makes a collector copy.
 */
public enum SyncWithType {
    /** No copy of the store on that site. */
    NONE,
    /** The active store, or a full read-only collector copy. */
    ACTIVE_COLLECTOR,
    /** A partial copy that only sends and receives transfers and requisitions. */
    TRANSFER
}
