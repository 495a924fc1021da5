package org.supplysync.push.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.push.control.IntegrationRequested;
import org.supplysync.record.boundary.Refusal;
import org.supplysync.record.boundary.Refusals;
import org.supplysync.record.control.Envelope;
import org.supplysync.record.control.IncomingRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a site's pushed batches into its push buffer; the last batch ({@code queueLength} 0) starts their
 * integration. A record is buffered by its table and id, so a retried batch replaces its own rows.
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
    Event<IntegrationRequested> integrationRequested;

    public PushReceipt receive(int siteId, long queueLength, List<IncomingRecord> records) {
        Map<String, DataType> registry = dataTypes.byTableName();
        List<Refusal> refused = new ArrayList<>();
        List<IncomingRecord> buffered = new ArrayList<>(records.size());
        for (IncomingRecord record : records) {
            Optional<String> problem = Envelope.problem(record, registry);
            if (problem.isPresent()) {
                refused.add(new Refusal(record.tableName(), record.recordId(), problem.get()));
            } else {
                buffered.add(record);
            }
        }
        for (int from = 0; from < buffered.size(); from += ROWS_PER_INSERT) {
            buffer(siteId, buffered.subList(from, Math.min(buffered.size(), from + ROWS_PER_INSERT)), registry);
        }
        refusals.record(siteId, refused);
        boolean last = queueLength == 0;
        if (last) {
            em.createNativeQuery("update site set sync_status = 'integration_in_progress' where id = ?")
                    .setParameter(1, siteId).executeUpdate();
            integrationRequested.fire(new IntegrationRequested(siteId));
        }
        return new PushReceipt(last, buffered.size(), refused);
    }

    private void buffer(int siteId, List<IncomingRecord> rows, Map<String, DataType> registry) {
        String values = String.join(",", Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?, ?)"));
        Query insert = em.createNativeQuery("insert into push_buffer (site_id, table_name, record_id, action, data, is_line)"
                + " values " + values
                + " on duplicate key update action = values(action), data = values(data)");
        int p = 1;
        for (IncomingRecord row : rows) {
            insert.setParameter(p++, siteId)
                    .setParameter(p++, row.tableName())
                    .setParameter(p++, row.recordId())
                    .setParameter(p++, row.action())
                    .setParameter(p++, row.recordData() == null ? "{}" : row.recordData().toString())
                    .setParameter(p++, registry.get(row.tableName()).parentTable() != null);
        }
        insert.executeUpdate();
    }
}
