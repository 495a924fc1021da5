package org.supplysync.push.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.push.control.IntegrationRequests;
import org.supplysync.record.boundary.Refusal;
import org.supplysync.record.boundary.Refusals;
import org.supplysync.record.control.Envelope;
import org.supplysync.record.control.IncomingRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Takes a site's pushed batches into the open session of its push buffer; the last batch ({@code queueLength} 0)
 * closes the session and asks for its integration. A record is buffered by its session, table and id, so a retried
 * batch replaces its own rows, and a newer version pushed while an earlier session integrates waits in the next one.
 */
@Stateless
public class Pushes {

    /** Rows per insert statement: EclipseLink's handling of native-query parameters grows with their square. */
    private static final int ROWS_PER_INSERT = 40;

    @PersistenceContext
    EntityManager em;

    @Inject
    DataTypes dataTypes;

    @Inject
    Refusals refusals;

    @Inject
    IntegrationRequests integrationRequests;

    public PushReceipt receive(int siteId, long queueLength, List<IncomingRecord> records) {
        Map<String, DataType> registry = dataTypes.byTableName();
        List<Refusal> refused = new ArrayList<>();
        List<IncomingRecord> buffered = new ArrayList<>(records.size());
        for (IncomingRecord record : records) {
            Optional<String> problem = Envelope.problem(record, registry);
            if (problem.isPresent()) {
                refused.add(new Refusal(record.tableName(), record.recordId(), problem.get(), record.action(),
                        record.recordData() == null ? null : record.recordData().toString()));
            } else {
                buffered.add(record);
            }
        }
        boolean last = queueLength == 0;
        // A batch still being written holds back the close of its session (shared lock; the close waits for it), so
        // no row ever lands in a session that is already closed. The last batch takes the lock it will need to close
        // the session straight away: two retried last batches taking shared locks first would deadlock on the close.
        long session = ((Number) em.createNativeQuery("select open_session from push_session where site_id = ?"
                        + (last ? " for update" : " lock in share mode"))
                .setParameter(1, siteId).getSingleResult()).longValue();
        for (int from = 0; from < buffered.size(); from += ROWS_PER_INSERT) {
            buffer(siteId, session, buffered.subList(from, Math.min(buffered.size(), from + ROWS_PER_INSERT)), registry);
        }
        refusals.record(siteId, refused);
        if (last) {
            em.createNativeQuery("update push_session set open_session = open_session + 1 where site_id = ?")
                    .setParameter(1, siteId).executeUpdate();
            integrationRequests.request(siteId);
        }
        return new PushReceipt(last, buffered.size(), refused);
    }

    /** Whether the site has closed sessions not yet integrated (its status is then "integration_in_progress"). */
    public boolean integrating(int siteId) {
        return !em.createNativeQuery("""
                        select 1 from push_buffer b join push_session s on s.site_id = b.site_id
                        where b.site_id = ? and b.session < s.open_session limit 1""")
                .setParameter(1, siteId).getResultList().isEmpty();
    }

    /** The sites that are {@link #integrating}, in one query. */
    public Set<Integer> integratingSites() {
        List<?> sites = em.createNativeQuery("""
                        select s.site_id from push_session s where exists (
                            select 1 from push_buffer b where b.site_id = s.site_id and b.session < s.open_session)""")
                .getResultList();
        return sites.stream().map(site -> ((Number) site).intValue()).collect(Collectors.toSet());
    }

    private void buffer(int siteId, long session, List<IncomingRecord> rows, Map<String, DataType> registry) {
        String values = String.join(",", Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?, ?, ?)"));
        Query insert = em.createNativeQuery(
                "insert into push_buffer (site_id, session, table_name, record_id, action, data, is_line)"
                        + " values " + values
                        + " on duplicate key update action = values(action), data = values(data)");
        int p = 1;
        for (IncomingRecord row : rows) {
            insert.setParameter(p++, siteId)
                    .setParameter(p++, session)
                    .setParameter(p++, row.tableName())
                    .setParameter(p++, row.recordId())
                    .setParameter(p++, row.action())
                    .setParameter(p++, row.recordData() == null ? "{}" : row.recordData().toString())
                    .setParameter(p++, registry.get(row.tableName()).isLine());
        }
        insert.executeUpdate();
    }
}
