package org.supplysync.routing.control;

import org.supplysync.store.entity.SyncWithType;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What routing needs to know about stores, their copies and visibility. */
public interface RoutingFacts {

    Optional<Integer> activeSiteOf(String storeId);

    /** The store's copies on sites other than its active site (the central, site 1, included); no NONE entries. */
    Map<Integer, SyncWithType> copiesOf(String storeId);

    /** The store that the name record stands for, if it stands for one. */
    Optional<String> storeNamed(String nameId);

    /** The sites with an active or collector copy of a store in which the name (a patient) is visible. */
    Set<Integer> sitesSeeing(String nameId);

    /** The other party (a name) named in the transfer field of a parent record the central server knows. */
    Optional<String> transferPartyOfParent(String parentTable, String parentId);

    /**
     * The other store of a transfer the central knows this record takes part in (either half), for a record of
     * {@code storeId}; empty while it is no transfer's, or not yet (an initiating half before its trigger), or one the
     * central could not complete.
     */
    default Optional<String> transferPartner(String table, String recordId, String storeId) {
        return Optional.empty();
    }
}
