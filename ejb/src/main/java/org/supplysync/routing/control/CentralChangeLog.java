package org.supplysync.routing.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.central.boundary.CentralStamping;

/**
 * Writes central changes into the central change log: one row per record, its latest change, left without a
 * cursor; the {@code CentralSequencer} stamps it once committed (soon after the commit, whoever the writer is).
 */
@Dependent
public class CentralChangeLog {

    @PersistenceContext
    EntityManager em;

    @Inject
    CentralStamping stamping;

    public void record(String tableName, String recordId, boolean merge, String action, String data, int originSiteId,
                       boolean dispensaryOnly) {
        em.createNativeQuery("""
                        insert into central_change
                            (table_name, record_id, is_merge, cursor_id, action, data, origin_site_id, dispensary_only, changed_at)
                        values (?, ?, ?, null, ?, ?, ?, ?, now(3))
                        on duplicate key update cursor_id = null, action = values(action), data = values(data),
                            origin_site_id = values(origin_site_id), dispensary_only = values(dispensary_only),
                            changed_at = values(changed_at)""")
                .setParameter(1, tableName).setParameter(2, recordId).setParameter(3, merge)
                .setParameter(4, action).setParameter(5, data).setParameter(6, originSiteId)
                .setParameter(7, dispensaryOnly)
                .executeUpdate();
        stamping.afterCommit();
    }
}
