package org.supplysync.record.control;

import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Jsons;
import org.supplysync.record.entity.SyncRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads and writes the central copy of records, inside the caller's transaction. */
@Dependent
public class CentralCopy {

    private static final int PREFETCH = 500;

    @PersistenceContext
    EntityManager em;

    /**
     * Loads the central copy of these records into the persistence context with one query per table, so that
     * checking and writing a batch of a thousand records is not a thousand selects.
     */
    public void prefetch(List<IncomingRecord> records) {
        Map<String, List<String>> idsByTable = records.stream()
                .filter(r -> r.tableName() != null && r.recordId() != null)
                .collect(Collectors.groupingBy(IncomingRecord::tableName,
                        Collectors.mapping(IncomingRecord::recordId, Collectors.toList())));
        idsByTable.forEach((table, ids) -> {
            for (int from = 0; from < ids.size(); from += PREFETCH) {
                em.createQuery("select r from SyncRecord r where r.tableName = :table and r.recordId in :ids", SyncRecord.class)
                        .setParameter("table", table)
                        .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + PREFETCH)))
                        .getResultList();
            }
        });
    }

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

    public static JsonArray parseArray(String json) {
        return Jsons.parseArray(json);
    }

    /** Marks the record deleted, if the central copy has it. */
    public Optional<SyncRecord> delete(String tableName, String recordId, int originSiteId) {
        Optional<SyncRecord> record = find(tableName, recordId);
        record.ifPresent(r -> r.delete(originSiteId));
        return record;
    }
}
