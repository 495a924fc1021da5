package org.supplysync.record.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.record.entity.SyncRecord;

import java.util.Optional;

/** Reads and writes the central copy of records, inside the caller's transaction. */
@Dependent
public class CentralCopy {

    @PersistenceContext
    EntityManager em;

    public Optional<SyncRecord> find(String tableName, String recordId) {
        return Optional.ofNullable(em.find(SyncRecord.class, new SyncRecord.Key(tableName, recordId)));
    }

    /** Stores a new version of the record and returns it. */
    public SyncRecord write(String tableName, String recordId, String data, String storeId, String patientId,
                            int originSiteId) {
        SyncRecord record = find(tableName, recordId).orElseGet(() -> {
            SyncRecord created = new SyncRecord(tableName, recordId);
            em.persist(created);
            return created;
        });
        record.write(data, storeId, patientId, originSiteId);
        return record;
    }

    /** Marks the record deleted, if the central copy has it. */
    public Optional<SyncRecord> delete(String tableName, String recordId, int originSiteId) {
        Optional<SyncRecord> record = find(tableName, recordId);
        record.ifPresent(r -> r.delete(originSiteId));
        return record;
    }
}
