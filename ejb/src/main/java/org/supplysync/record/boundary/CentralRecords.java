package org.supplysync.record.boundary;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.record.entity.SyncRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the central copy, for support and reporting. */
@Stateless
public class CentralRecords {

    @PersistenceContext
    EntityManager em;

    public SyncRecord find(String tableName, String recordId) {
        SyncRecord record = em.find(SyncRecord.class, new SyncRecord.Key(tableName, recordId));
        if (record == null || !record.isHeld()) {
            throw UnknownResourceException.inPath("the central server holds no " + tableName + " " + recordId);
        }
        return record;
    }

    /** Live (not deleted) records per table, in table order. */
    public Map<String, Long> countByTable() {
        Map<String, Long> counts = new LinkedHashMap<>();
        em.createQuery("""
                        select r.tableName, count(r) from SyncRecord r where r.deleted = false and r.held = true
                        group by r.tableName order by r.tableName""", Object[].class)
                .getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }
}
