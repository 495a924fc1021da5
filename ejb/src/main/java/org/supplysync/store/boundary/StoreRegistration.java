package org.supplysync.store.boundary;

/** What an administrator gives to create a store. */
public record StoreRegistration(String id, String code, String name, String nameId, Integer activeSiteId,
                                Boolean dispensary, Boolean includeTransactions) {
}
