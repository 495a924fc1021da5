package org.supplysync.routing.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.central.boundary.CentralStamping;
import org.supplysync.platform.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes central changes into the central change log: one row per record, its latest change, left without a
 * cursor; the {@code CentralSequencer} stamps it once committed (soon after the commit, whoever the writer is).
 */
@Dependent
public class CentralChangeLog {

    private static final String UPSERT = """
            insert into central_change
                (table_name, record_id, is_merge, cursor_id, action, data, origin_site_id, dispensary_only, changed_at)
            values (?, ?, ?, null, ?, ?, ?, ?, now(3))
            on duplicate key update cursor_id = null, action = values(action), data = values(data),
                origin_site_id = values(origin_site_id), dispensary_only = values(dispensary_only),
                changed_at = values(changed_at)""";

    @PersistenceContext
    EntityManager em;

    @Inject
    CentralStamping stamping;

    /** One central change: the record's latest, which replaces whatever the log held of it. */
    public record Change(String tableName, String recordId, boolean merge, String action, String data,
                         int originSiteId, boolean dispensaryOnly) {
    }

    /** Logs the changes with one JDBC batch, in the caller's transaction. */
    public void recordAll(Connection db, List<Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = db.prepareStatement(UPSERT)) {
            for (Change change : changes) {
                Sql.bind(upsert, 1, change.tableName(), change.recordId(), change.merge(), change.action(),
                        change.data(), change.originSiteId(), change.dispensaryOnly());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        stamping.afterCommit();
    }

    public void record(String tableName, String recordId, boolean merge, String action, String data, int originSiteId,
                       boolean dispensaryOnly) {
        em.createNativeQuery(UPSERT)
                .setParameter(1, tableName).setParameter(2, recordId).setParameter(3, merge)
                .setParameter(4, action).setParameter(5, data).setParameter(6, originSiteId)
                .setParameter(7, dispensaryOnly)
                .executeUpdate();
        stamping.afterCommit();
    }
}
