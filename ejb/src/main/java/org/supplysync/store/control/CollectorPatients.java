package org.supplysync.store.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Sql;
import org.supplysync.routing.control.OutboundQueues;
import org.supplysync.routing.control.OutboundRecord;
import org.supplysync.routing.control.PatientHistory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A site whose copy of a store becomes a collector starts to see every patient and prescriber visible in the store:
 * like a site that starts to see a patient through a new join, it gets the history of those it did not see yet
 * (sync-rules.md "Data types", Patient row: "every site with an active/collector store in which the patient is
 * visible").
 */
@Dependent
public class CollectorPatients {

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @Inject
    OutboundQueues queues;

    /** The patients and prescribers visible in the store that the site does not see yet; asked before the change. */
    @SuppressWarnings("unchecked")
    public List<String> unseenBy(String storeId, int siteId) {
        return em.createNativeQuery("""
                        select distinct v.name_id from name_visibility v where v.store_id = ? and not exists (
                            select 1 from name_visibility o join store s on s.id = o.store_id
                            left join store_sync_with w on w.store_id = s.id and w.site_id = ?
                            where o.name_id = v.name_id and (s.active_site_id = ? or w.type = 'ACTIVE_COLLECTOR'))
                        lock in share mode""")
                .setParameter(1, storeId).setParameter(2, siteId).setParameter(3, siteId).getResultList();
    }

    /** Queues to the site the history of each of these patients and prescribers, but what came from the site. */
    public void sendHistories(List<String> patients, int siteId) {
        if (patients.isEmpty()) {
            return;
        }
        List<OutboundRecord> records = new ArrayList<>();
        try (Connection db = dataSource.getConnection()) {
            for (String patient : patients) {
                PatientHistory.of(db, patient).stream().filter(entry -> entry.originSiteId() != siteId)
                        .forEach(entry -> records.add(entry.toOutbound()));
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the patients of a new collector copy", e);
        }
        queues.send(siteId, records);
    }
}
