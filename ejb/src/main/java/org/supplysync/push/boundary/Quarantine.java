package org.supplysync.push.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Audit;
import org.supplysync.platform.PerSite;
import org.supplysync.platform.Sql;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.record.control.IncomingRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records that could not be integrated for a reason that is not a rule: kept with their error, listed for
 * administrators, retried on request. A newer version of the record that integrates makes its entry moot.
 */
@Stateless
public class Quarantine {

    @PersistenceContext
    EntityManager em;

    @Inject
    Pushes pushes;

    @Inject
    Audit audit;

    /** Quarantines the record in the caller's transaction; a record quarantined before counts one more attempt. */
    public void add(int siteId, IncomingRecord record, String data, String error) {
        em.createNativeQuery("""
                        insert into quarantine (site_id, table_name, record_id, action, data, error) values (?, ?, ?, ?, ?, ?)
                        on duplicate key update action = values(action), data = values(data), error = values(error),
                            last_seen = utc_timestamp(3), attempts = attempts + 1""")
                .setParameter(1, siteId).setParameter(2, record.tableName()).setParameter(3, record.recordId())
                .setParameter(4, record.action()).setParameter(5, data).setParameter(6, error).executeUpdate();
    }

    /** These records of the site were integrated: whatever older version of them is quarantined is moot. */
    public void supersede(int siteId, List<IncomingRecord> records) {
        if (records.isEmpty() || count(siteId) == 0) {
            return;
        }
        for (IncomingRecord record : records) {
            em.createNativeQuery("delete from quarantine where site_id = ? and table_name = ? and record_id = ?")
                    .setParameter(1, siteId).setParameter(2, record.tableName()).setParameter(3, record.recordId())
                    .executeUpdate();
        }
    }

    public long count(int siteId) {
        return ((Number) em.createNativeQuery("select count(*) from quarantine where site_id = ?")
                .setParameter(1, siteId).getSingleResult()).longValue();
    }

    /** {@link #count} of every site that has quarantined records, in one query. */
    public Map<Integer, Long> counts() {
        return PerSite.counts(em.createNativeQuery("select site_id, count(*) from quarantine group by site_id")
                .getResultList());
    }

    /** The quarantined records, oldest first; of one site when {@code siteId} is given. */
    public List<QuarantinedRecord> list(Optional<Integer> siteId) {
        List<Object[]> rows = em.createNativeQuery("select id, site_id, table_name, record_id, error, first_seen,"
                        + " last_seen, attempts from quarantine where (? is null or site_id = ?) order by id")
                .setParameter(1, siteId.orElse(null)).setParameter(2, siteId.orElse(null)).getResultList();
        return rows.stream().map(row -> new QuarantinedRecord(((Number) row[0]).longValue(), ((Number) row[1]).intValue(),
                (String) row[2], (String) row[3], (String) row[4], Sql.utcText(row[5]), Sql.utcText(row[6]),
                ((Number) row[7]).intValue())).toList();
    }

    /**
     * Puts the record back into its site's push buffer, in a closed session, and asks for integration: it goes
     * through every check again. Its entry stays until it integrates (or fails again, one attempt more).
     */
    public void retry(long id, String who) {
        Object[] row = find(id);
        int siteId = ((Number) row[1]).intValue();
        pushes.requeue(siteId, (String) row[2], (String) row[3], (String) row[4], (String) row[5]);
        audit.record(who, "quarantine.retry", "site " + siteId + " " + row[2] + " " + row[3], (String) row[6]);
    }

    /** Drops the record for good; audited. */
    public void drop(long id, String who) {
        Object[] row = find(id);
        em.createNativeQuery("delete from quarantine where id = ?").setParameter(1, id).executeUpdate();
        audit.record(who, "quarantine.drop", "site " + row[1] + " " + row[2] + " " + row[3], (String) row[6]);
    }

    private Object[] find(long id) {
        List<Object[]> rows = em.createNativeQuery(
                        "select id, site_id, table_name, record_id, action, data, error from quarantine where id = ?")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw UnknownResourceException.inPath("there is no quarantined record " + id);
        }
        return rows.get(0);
    }

    /** A quarantined record as administrators see it (admin-api.md, "Quarantine"). */
    public record QuarantinedRecord(long id, int siteId, String tableName, String recordId, String error,
                                    String firstSeen, String lastSeen, int attempts) {
    }
}
