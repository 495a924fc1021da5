package org.supplysync.push.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Audit;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.UnknownResourceException;

import java.util.List;

/**
 * Re-submits a refused record once an administrator has fixed what made it refused (a store not yet active on the
 * site, transactions off by mistake): it goes through the same checks as when the site pushed it.
 */
@Stateless
public class Resubmissions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Pushes pushes;

    @Inject
    Audit audit;

    public void resubmit(int siteId, long refusalId, String who) {
        List<Object[]> rows = em.createNativeQuery("""
                        select r.table_name, r.record_id, r.action, r.data, r.resubmitted,
                               (select c.updated_at > r.refused_at from sync_record c
                                where c.table_name = r.table_name and c.record_id = r.record_id)
                        from refusal r where r.id = ? and r.site_id = ? for update""")
                .setParameter(1, refusalId).setParameter(2, siteId).getResultList();
        if (rows.isEmpty()) {
            throw UnknownResourceException.inPath("site " + siteId + " has no refusal " + refusalId);
        }
        Object[] row = rows.get(0);
        if (row[0] == null || row[1] == null || row[2] == null) {
            throw new ConflictException("refusal " + refusalId + " has no usable record: its envelope was malformed");
        }
        if (row[4] != null) {
            throw new ConflictException("refusal " + refusalId + " was re-submitted already, at " + row[4]);
        }
        if (row[5] != null && ((Number) row[5]).intValue() == 1) {
            throw new ConflictException(row[0] + " " + row[1] + " changed on the central server after it was refused;"
                    + " re-submitting the refused version would overwrite the newer one");
        }
        pushes.requeue(siteId, (String) row[0], (String) row[1], (String) row[2], (String) row[3]);
        em.createNativeQuery("update refusal set resubmitted = utc_timestamp(3) where id = ?")
                .setParameter(1, refusalId).executeUpdate();
        audit.record(who, "refusal.resubmit", "site " + siteId + " " + row[0] + " " + row[1], null);
    }
}
