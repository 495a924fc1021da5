package org.supplysync.transfer.control;

import java.util.Optional;

/** What deciding a transfer needs to know about stores, names and visibility. */
public interface TransferFacts {

    Optional<StoreFact> store(String storeId);

    /** The store the name record stands for, if it stands for one the central knows. */
    Optional<StoreFact> storeNamed(String nameId);

    /** Whether the central holds the name as a name of something other than a store (a customer, a supplier). */
    boolean isOtherName(String nameId);

    /** Whether the name is visible in the store (an active name_store_join). */
    boolean visible(String nameId, String inStoreId);

    /** A store: its id, the name that stands for it, the site where it is active. */
    record StoreFact(String id, String nameId, int activeSiteId) {
    }
}
