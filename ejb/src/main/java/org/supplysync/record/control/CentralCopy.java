package org.supplysync.record.control;

import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Jsons;
import org.supplysync.record.entity.SyncRecord;

import java.util.Optional;

/**
 * Reads and writes single records of the central copy through the persistence context, inside the caller's
 * transaction (the admin side); an intake uses {@link CentralCopies}, over JDBC, a batch at a time.
 */
@Dependent
public class CentralCopy {

    @PersistenceContext
    EntityManager em;

    public Optional<SyncRecord> find(String tableName, String recordId) {
        return Optional.ofNullable(em.find(SyncRecord.class, new SyncRecord.Key(tableName, recordId)));
    }

    /** Stores a new version of the record and returns it; {@code held} false keeps only whose it is. */
    public SyncRecord write(String tableName, String recordId, String data, String storeId, String patientId,
                            int originSiteId, boolean held) {
        SyncRecord record = find(tableName, recordId).orElseGet(() -> {
            SyncRecord created = new SyncRecord(tableName, recordId);
            em.persist(created);
            return created;
        });
        record.write(data, storeId, patientId, originSiteId, held);
        return record;
    }

    public static JsonObject parse(String json) {
        return Jsons.parse(json);
    }
}
