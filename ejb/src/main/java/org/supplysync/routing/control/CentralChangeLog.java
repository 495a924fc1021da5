package org.supplysync.routing.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.central.boundary.CentralStamping;
import org.supplysync.platform.MultiRowInsert;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes central changes into the central change log: one row per record, its latest change, left without a
 * cursor; the {@code CentralSequencer} stamps it once committed (soon after the commit, whoever the writer is).
 */
@Dependent
public class CentralChangeLog {

    private static final String HEAD = """
            insert into central_change
                (table_name, record_id, is_merge, cursor_id, action, data, origin_site_id, dispensary_only, changed_at)
            values""";
    private static final String ROW = "(?, ?, ?, null, ?, ?, ?, ?, now(3))";
    private static final String TAIL = """
             on duplicate key update cursor_id = null, action = values(action), data = values(data),
                origin_site_id = values(origin_site_id), dispensary_only = values(dispensary_only),
                changed_at = values(changed_at)""";
    private static final MultiRowInsert UPSERT = new MultiRowInsert(HEAD, ROW, TAIL);

    @PersistenceContext
    EntityManager em;

    @Inject
    CentralStamping stamping;

    /** One central change: the record's latest, which replaces whatever the log held of it. */
    public record Change(String tableName, String recordId, boolean merge, String action, String data,
                         int originSiteId, boolean dispensaryOnly) {
    }

    /** Logs the changes with multi-row statements, in the caller's transaction. */
    public void recordAll(Connection db, List<Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        UPSERT.write(db, changes.stream().map(change -> new Object[]{change.tableName(), change.recordId(),
                change.merge(), change.action(), change.data(), change.originSiteId(), change.dispensaryOnly()})
                .toList());
        stamping.afterCommit();
    }

    public void record(String tableName, String recordId, boolean merge, String action, String data, int originSiteId,
                       boolean dispensaryOnly) {
        em.createNativeQuery(HEAD + " " + ROW + TAIL)
                .setParameter(1, tableName).setParameter(2, recordId).setParameter(3, merge)
                .setParameter(4, action).setParameter(5, data).setParameter(6, originSiteId)
                .setParameter(7, dispensaryOnly)
                .executeUpdate();
        stamping.afterCommit();
    }
}
