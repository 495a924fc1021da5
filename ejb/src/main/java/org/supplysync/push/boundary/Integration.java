package org.supplysync.push.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.record.boundary.RecordIntake;
import org.supplysync.record.control.CentralCopy;
import org.supplysync.record.control.IncomingRecord;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Integrates a site's push buffer in chunks, each its own transaction: the chunk's records are checked, kept and
 * routed, and their buffer rows deleted, together. Parents before lines, in the order received. A crash leaves the
 * rest in the buffer and the site "integration_in_progress"; recovery picks it up again.
 */
@Stateless
public class Integration {

    private static final Logger LOG = Logger.getLogger(Integration.class.getName());
    private static final int RETRIES = 5;
    private static final int KEYS_PER_DELETE = 40;

    @PersistenceContext
    EntityManager em;

    @Inject
    RecordIntake intake;

    @Resource
    SessionContext context;

    @Inject
    @ConfigProperty(name = "supplysync.integration.chunk", defaultValue = "1000")
    int chunk;

    @Asynchronous
    public void integrate(int siteId) {
        Integration self = context.getBusinessObject(Integration.class);
        int failures = 0;
        while (true) {
            try {
                if (!self.integrateNextChunk(siteId)) {
                    return;
                }
                failures = 0;
            } catch (RuntimeException e) {
                // A chunk rolled back whole (a deadlock with another site's integration, say): try it again soon.
                if (++failures > RETRIES) {
                    LOG.log(Level.SEVERE, "integration of site " + siteId + " stopped; recovery retries it", e);
                    return;
                }
                LOG.log(Level.WARNING, "integration of site " + siteId + " rolled back a chunk; retrying", e);
                pause(failures);
            }
        }
    }

    private static void pause(int failures) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(50, 200) * failures);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Integrates the next chunk; false when the buffer was empty and the site is idle again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean integrateNextChunk(int siteId) {
        // One integration per site at a time, and none while its pull runs.
        em.createNativeQuery("select id from site where id = ? for update").setParameter(1, siteId).getSingleResult();
        List<Object[]> rows = em.createNativeQuery("""
                        select table_name, record_id, action, data from push_buffer
                        where site_id = ? order by is_line, received limit ?""")
                .setParameter(1, siteId).setParameter(2, chunk).getResultList();
        if (rows.isEmpty()) {
            em.createNativeQuery("update site set sync_status = 'idle' where id = ? and sync_status = 'integration_in_progress'")
                    .setParameter(1, siteId).executeUpdate();
            return false;
        }
        List<IncomingRecord> records = rows.stream().map(row -> new IncomingRecord((String) row[0], (String) row[1],
                (String) row[2], toObject((String) row[3]))).toList();
        intake.intake(siteId, records);
        deleteFromBuffer(siteId, records);
        return true;
    }

    private void deleteFromBuffer(int siteId, List<IncomingRecord> records) {
        // In small statements: EclipseLink's handling of native-query parameters grows with their square.
        for (int from = 0; from < records.size(); from += KEYS_PER_DELETE) {
            deleteKeys(siteId, records.subList(from, Math.min(records.size(), from + KEYS_PER_DELETE)));
        }
    }

    private void deleteKeys(int siteId, List<IncomingRecord> records) {
        String keys = String.join(" or ", java.util.Collections.nCopies(records.size(), "(table_name = ? and record_id = ?)"));
        Query delete = em.createNativeQuery("delete from push_buffer where site_id = ? and (" + keys + ")")
                .setParameter(1, siteId);
        int p = 2;
        for (IncomingRecord record : records) {
            delete.setParameter(p++, record.tableName()).setParameter(p++, record.recordId());
        }
        delete.executeUpdate();
    }

    private static JsonObject toObject(String json) {
        try {
            return CentralCopy.parse(json);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
