package org.supplysync.record.boundary;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/** Every refused record, kept per site for administrators, and the site's count of them. */
@Stateless
public class Refusals {

    private static final int MAX_REASON = 1000;
    /** The refusal table's identifier columns: a record refused for an over-long id is still listed. */
    private static final int MAX_TABLE_NAME = 64;
    private static final int MAX_RECORD_ID = 128;

    @PersistenceContext
    EntityManager em;

    /** Records the refusals in the caller's transaction. */
    public void record(int siteId, List<Refusal> refused) {
        for (Refusal refusal : refused) {
            em.createNativeQuery("insert into refusal (site_id, table_name, record_id, reason) values (?, ?, ?, ?)")
                    .setParameter(1, siteId).setParameter(2, clip(refusal.tableName(), MAX_TABLE_NAME))
                    .setParameter(3, clip(refusal.recordId(), MAX_RECORD_ID)).setParameter(4, clip(refusal.reason(), MAX_REASON))
                    .executeUpdate();
        }
        if (!refused.isEmpty()) {
            em.createNativeQuery("update site set refused_records = refused_records + ? where id = ?")
                    .setParameter(1, refused.size()).setParameter(2, siteId).executeUpdate();
        }
    }

    private static String clip(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        // Never half a surrogate pair: MariaDB would refuse the string.
        return text.substring(0, Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length);
    }

    /** The site's latest refusals, newest first. */
    public List<Refusal> latest(int siteId, int limit) {
        List<Object[]> rows = em.createNativeQuery(
                        "select table_name, record_id, reason from refusal where site_id = ? order by id desc limit ?")
                .setParameter(1, siteId).setParameter(2, limit).getResultList();
        return rows.stream().map(row -> new Refusal((String) row[0], (String) row[1], (String) row[2])).toList();
    }
}
