package org.supplysync.store.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.record.entity.SyncRecord;
import org.supplysync.routing.control.CentralChangeLog;
import org.supplysync.routing.control.OutboundQueues;
import org.supplysync.routing.control.OutboundRecord;
import org.supplysync.site.entity.Site;
import org.supplysync.store.entity.Store;

import java.util.List;
import java.util.Optional;

/**
 * Sends a store's own records where they belong: its name record, central data, into the change log; its store
 * record to every site that has a copy of the store (central-store data).
 */
@Dependent
public class StorePublisher {

    @PersistenceContext
    EntityManager em;

    @Inject
    CentralChangeLog changeLog;

    @Inject
    OutboundQueues queues;

    public void publishName(Store store) {
        SyncRecord name = em.find(SyncRecord.class, new SyncRecord.Key("name", store.nameId()));
        if (name != null) {
            changeLog.record("name", store.nameId(), false, "update", name.data(), Site.CENTRAL, false);
        }
    }

    /** Queues the store record for a site that now has a copy of the store (the central's copy is the record itself). */
    public void sendStoreRecordTo(Store store, int siteId) {
        storeRecord(store).filter(record -> siteId != Site.CENTRAL)
                .ifPresent(record -> queues.send(siteId, List.of(record)));
    }

    /** The store record as it goes to a site. */
    public Optional<OutboundRecord> storeRecord(Store store) {
        return Optional.ofNullable(em.find(SyncRecord.class, new SyncRecord.Key("store", store.id())))
                .map(record -> new OutboundRecord("store", store.id(), "update", record.data()));
    }
}
