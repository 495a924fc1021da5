package org.supplysync.web.store;

import org.supplysync.store.entity.Store;
import org.supplysync.store.entity.SyncWithType;

import java.util.LinkedHashMap;
import java.util.Map;

/** A store as the admin API shows it, with its copy on every site. */
public record StoreView(String id, String code, String name, String nameId, int activeSiteId, boolean dispensary,
                        boolean includeTransactions, Map<String, String> syncWith) {

    static StoreView of(Store store, Map<Integer, SyncWithType> syncWith) {
        Map<String, String> copies = new LinkedHashMap<>();
        syncWith.forEach((site, type) -> copies.put(Integer.toString(site), type.name()));
        return new StoreView(store.id(), store.code(), store.name(), store.nameId(), store.activeSiteId(),
                store.isDispensary(), store.includesTransactions(), copies);
    }
}
