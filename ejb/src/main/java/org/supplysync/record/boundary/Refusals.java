package org.supplysync.record.boundary;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.supplysync.platform.PerSite;

import java.util.List;
import java.util.Map;

/** Every refused record, kept per site for administrators with what was pushed, so that it can be re-submitted. */
@Stateless
public class Refusals {

    private static final int MAX_REASON = 1000;
    /** The refusal table's identifier columns: a record refused for an over-long id is still listed. */
    private static final int MAX_TABLE_NAME = 64;
    private static final int MAX_RECORD_ID = 128;
    private static final int MAX_ACTION = 16;

    @PersistenceContext
    EntityManager em;

    /** Records the refusals in the caller's transaction. */
    public void record(int siteId, List<Refusal> refused) {
        for (Refusal refusal : refused) {
            em.createNativeQuery("insert into refusal (site_id, table_name, record_id, action, data, reason)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .setParameter(1, siteId).setParameter(2, clip(refusal.tableName(), MAX_TABLE_NAME))
                    .setParameter(3, clip(refusal.recordId(), MAX_RECORD_ID))
                    .setParameter(4, clip(refusal.action(), MAX_ACTION)).setParameter(5, refusal.data())
                    .setParameter(6, clip(refusal.reason(), MAX_REASON))
                    .executeUpdate();
        }
    }

    /** How many records of the site were refused, ever: those listed and those the retention cleanup removed. */
    public long count(int siteId) {
        return ((Number) em.createNativeQuery("select (select count(*) from refusal where site_id = ?)"
                        + " + coalesce((select refusals from refusal_expired where site_id = ?), 0)")
                .setParameter(1, siteId).setParameter(2, siteId).getSingleResult()).longValue();
    }

    /** {@link #count} of every site that has refusals, in one query. */
    public Map<Integer, Long> counts() {
        return PerSite.counts(em.createNativeQuery("""
                        select site_id, sum(refused) from (
                            select site_id, count(*) as refused from refusal group by site_id
                            union all
                            select site_id, refusals from refusal_expired) counted
                        group by site_id""")
                .getResultList());
    }

    private static String clip(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        // Never half a surrogate pair: MariaDB would refuse the string.
        return text.substring(0, Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length);
    }

    /** The site's latest refusals, newest first. */
    public List<ListedRefusal> latest(int siteId, int limit) {
        List<Object[]> rows = em.createNativeQuery("select id, table_name, record_id, reason, action, data, refused_at,"
                        + " resubmitted from refusal where site_id = ? order by id desc limit ?")
                .setParameter(1, siteId).setParameter(2, limit).getResultList();
        return rows.stream().map(Refusals::listed).toList();
    }

    private static ListedRefusal listed(Object[] row) {
        return new ListedRefusal(((Number) row[0]).longValue(),
                new Refusal((String) row[1], (String) row[2], (String) row[3], (String) row[4], (String) row[5]),
                row[6] == null ? null : row[6].toString(), row[7] == null ? null : row[7].toString());
    }

    /** A refusal as administrators see it. */
    public record ListedRefusal(long id, Refusal refusal, String refusedAt, String resubmittedAt) {
    }
}
