package org.supplysync.platform;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Notes what an administrator did to a site's records, or a site to patient data (a search, a link), in the caller's
 * transaction (the audit table, V4).
 */
@Dependent
public class Audit {

    // The column is a TEXT (V12): 65,535 bytes, four a character at most.
    private static final int MAX_DETAIL = 16000;

    @PersistenceContext
    EntityManager em;

    public void record(String who, String action, String target, String detail) {
        em.createNativeQuery("insert into audit (at, who, action, target, detail) values (utc_timestamp(3), ?, ?, ?, ?)")
                .setParameter(1, who == null ? "unknown" : who).setParameter(2, action)
                .setParameter(3, target.length() > 300 ? target.substring(0, 300) : target)
                .setParameter(4, detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL))
                .executeUpdate();
    }
}
