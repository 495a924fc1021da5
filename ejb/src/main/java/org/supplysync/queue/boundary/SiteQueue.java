package org.supplysync.queue.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.supplysync.platform.PerSite;
import org.supplysync.record.control.CentralCopy;
import org.supplysync.routing.control.OutboundQueues;
import org.supplysync.routing.control.OutboundRecord;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A site pulls its queue and acknowledges what it stored. The container cannot leave a JMS message unacknowledged
 * across HTTP requests, so a pull moves messages from the site's JMS queue into its outbound records in the same
 * (XA) transaction; a pull hands out outbound records oldest first; an acknowledgement deletes them. Until then
 * they are handed out again, across restarts too.
 */
@Stateless
public class SiteQueue {

    /** Rows per statement: EclipseLink's handling of native-query parameters grows with their square. */
    private static final int ROWS_PER_INSERT = 40;

    @PersistenceContext
    EntityManager em;

    @Inject
    JMSContext jms;

    @Inject
    OutboundQueues queues;

    public long length(int siteId) {
        return queues.length(siteId);
    }

    /** {@link #length} of every site, in one query. */
    public Map<Integer, Long> lengths() {
        return PerSite.counts(em.createNativeQuery("select site_id, queue_length from site_queue").getResultList());
    }

    @Inject
    @ConfigProperty(name = "supplysync.queue.max-messages-per-transaction")
    int maxMessagesPerTransaction;

    public QueuedPage pull(int siteId, int limit) {
        // One pull or acknowledgement per site at a time: a retried request waits for the first instead of staging
        // twice, and a pull never hands out what an overlapping acknowledgement has just deleted.
        lockQueue(siteId);
        long staged = stagedCount(siteId);
        if (staged < limit) {
            stageFromQueue(siteId, limit - staged);
        }
        List<Object[]> rows = em.createNativeQuery("""
                        select sync_out_id, table_name, record_id, action, data from outbound_record
                        where site_id = ? order by sync_out_id limit ?""")
                .setParameter(1, siteId).setParameter(2, limit).getResultList();
        long queueLength = queues.length(siteId);
        return new QueuedPage(queueLength, rows.stream().map(row -> new QueuedRecord(
                Long.toString(((Number) row[0]).longValue()), (String) row[1], (String) row[2], (String) row[3],
                (String) row[4])).toList());
    }

    /** Deletes the acknowledged records; ids that are not the site's (or gone already) are ignored. */
    public int acknowledge(int siteId, List<String> syncIds) {
        List<Long> ids = syncIds.stream().filter(id -> id != null && id.matches("\\d{1,18}")).map(Long::valueOf).toList();
        if (ids.isEmpty()) {
            return 0;
        }
        lockQueue(siteId);
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += ROWS_PER_INSERT) {
            deleted += delete(siteId, ids.subList(from, Math.min(ids.size(), from + ROWS_PER_INSERT)));
        }
        if (deleted > 0) {
            queues.count(siteId, -deleted);
        }
        return deleted;
    }

    private int delete(int siteId, List<Long> ids) {
        String placeholders = String.join(",", Collections.nCopies(ids.size(), "?"));
        Query delete = em.createNativeQuery(
                "delete from outbound_record where site_id = ? and sync_out_id in (" + placeholders + ")").setParameter(1, siteId);
        for (int i = 0; i < ids.size(); i++) {
            delete.setParameter(i + 2, ids.get(i));
        }
        return delete.executeUpdate();
    }

    private void lockQueue(int siteId) {
        em.createNativeQuery("select queue_length from site_queue where site_id = ? for update")
                .setParameter(1, siteId).getSingleResult();
    }

    private long stagedCount(int siteId) {
        return ((Number) em.createNativeQuery("select count(*) from outbound_record where site_id = ?")
                .setParameter(1, siteId).getSingleResult()).longValue();
    }

    private void stageFromQueue(int siteId, long wanted) {
        long staged = 0;
        int messages = 0;
        try (JMSConsumer consumer = jms.createConsumer(queues.queueOf(siteId))) {
            // The broker refuses more messages than its limit in one transaction: a page may come out shorter.
            while (staged < wanted && messages++ < maxMessagesPerTransaction) {
                Message message = consumer.receiveNoWait();
                if (message == null) {
                    return;
                }
                List<OutboundRecord> records = CentralCopy.parseArray(message.getBody(String.class)).stream()
                        .map(value -> OutboundRecord.fromJson((JsonObject) value)).toList();
                for (int from = 0; from < records.size(); from += ROWS_PER_INSERT) {
                    stage(siteId, records.subList(from, Math.min(records.size(), from + ROWS_PER_INSERT)));
                }
                staged += records.size();
            }
        } catch (JMSException e) {
            throw new IllegalStateException("could not read site " + siteId + "'s queue", e);
        }
    }

    /** One insert statement for these records, in their order (sync_out_id follows it). */
    private void stage(int siteId, List<OutboundRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        String values = String.join(",", Collections.nCopies(records.size(), "(?, ?, ?, ?, ?)"));
        Query insert = em.createNativeQuery(
                "insert into outbound_record (site_id, table_name, record_id, action, data) values " + values);
        int p = 1;
        for (OutboundRecord record : records) {
            insert.setParameter(p++, siteId).setParameter(p++, record.tableName()).setParameter(p++, record.recordId())
                    .setParameter(p++, record.action()).setParameter(p++, record.recordData());
        }
        insert.executeUpdate();
    }
}
