package org.supplysync.queue.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.platform.Sql;
import org.supplysync.routing.control.OutboundQueues;
import org.supplysync.routing.control.OutboundRecord;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A site pulls its queue and acknowledges what it stored. The container cannot leave a JMS message unacknowledged
 * across HTTP requests, so a pull moves messages from the site's JMS queue into its outbound records in the same
 * (XA) transaction; a pull hands out outbound records oldest first; an acknowledgement deletes them. Until then
 * they are handed out again, across restarts too. Records go through as the text they were stored as, with plain
 * JDBC batches: nothing is parsed on the way out.
 */
@Stateless
public class SiteQueue {

    private static final int IDS_PER_DELETE = 1000;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @Inject
    JMSContext jms;

    @Inject
    OutboundQueues queues;

    @Inject
    @ConfigProperty(name = "supplysync.queue.max-messages-per-transaction")
    int maxMessagesPerTransaction;

    public long length(int siteId) {
        return queues.length(siteId);
    }

    public QueuedPage pull(int siteId, int limit) {
        try (Connection db = dataSource.getConnection()) {
            // One pull or acknowledgement per site at a time: a retried request waits for the first instead of
            // staging twice, and a pull never hands out what an overlapping acknowledgement has just deleted.
            long queueLength = lockQueue(db, siteId);
            long staged = stagedCount(db, siteId);
            if (staged < limit) {
                stageFromQueue(db, siteId, limit - staged);
            }
            return new QueuedPage(queueLength, page(db, siteId, limit));
        } catch (SQLException e) {
            throw Sql.failure("pulling the queue of site " + siteId, e);
        }
    }

    /** Deletes the acknowledged records; ids that are not the site's (or gone already) are ignored. */
    public int acknowledge(int siteId, List<String> syncIds) {
        List<Long> ids = syncIds.stream().filter(id -> id != null && id.matches("\\d{1,18}")).map(Long::valueOf).toList();
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection db = dataSource.getConnection()) {
            lockQueue(db, siteId);
            int[] deleted = {0};
            Sql.inPieces(ids, IDS_PER_DELETE, piece -> {
                List<Object> parameters = new ArrayList<>(piece.size() + 1);
                parameters.add(siteId);
                parameters.addAll(piece);
                deleted[0] += Sql.update(db, "delete from outbound_record where site_id = ? and sync_out_id in ("
                        + Sql.placeholders(piece.size()) + ")", parameters.toArray());
            });
            if (deleted[0] > 0) {
                Sql.update(db, "update site_queue set queue_length = queue_length - ? where site_id = ?", deleted[0], siteId);
            }
            return deleted[0];
        } catch (SQLException e) {
            throw Sql.failure("acknowledging records of site " + siteId, e);
        }
    }

    /** Locks the site's queue row for this transaction; its queue length. */
    private static long lockQueue(Connection db, int siteId) throws SQLException {
        return single(db, "select queue_length from site_queue where site_id = ? for update", siteId);
    }

    private static long stagedCount(Connection db, int siteId) throws SQLException {
        return single(db, "select count(*) from outbound_record where site_id = ?", siteId);
    }

    private static long single(Connection db, String sql, int siteId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setInt(1, siteId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("site " + siteId + " has no queue");
                }
                return row.getLong(1);
            }
        }
    }

    private static List<QueuedRecord> page(Connection db, int siteId, int limit) throws SQLException {
        List<QueuedRecord> records = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("""
                select sync_out_id, table_name, record_id, action, data from outbound_record
                where site_id = ? order by sync_out_id limit ?""")) {
            Sql.bind(select, 1, siteId, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    records.add(new QueuedRecord(Long.toString(row.getLong(1)), row.getString(2), row.getString(3),
                            row.getString(4), row.getString(5)));
                }
            }
        }
        return records;
    }

    private void stageFromQueue(Connection db, int siteId, long wanted) throws SQLException {
        long staged = 0;
        int messages = 0;
        try (JMSConsumer consumer = jms.createConsumer(queues.queueOf(siteId));
             PreparedStatement insert = db.prepareStatement(
                     "insert into outbound_record (site_id, table_name, record_id, action, data) values (?, ?, ?, ?, ?)")) {
            // The broker refuses more messages than its limit in one transaction: a page may come out shorter.
            while (staged < wanted && messages++ < maxMessagesPerTransaction) {
                Message message = consumer.receiveNoWait();
                if (message == null) {
                    break;
                }
                // In their order: sync_out_id follows it.
                for (OutboundRecord record : OutboundQueues.recordsOf(message)) {
                    Sql.bind(insert, 1, siteId, record.tableName(), record.recordId(), record.action(), record.recordData());
                    insert.addBatch();
                    staged++;
                }
            }
            if (staged > 0) {
                insert.executeBatch();
            }
        } catch (JMSException e) {
            throw new IllegalStateException("could not read site " + siteId + "'s queue", e);
        }
    }
}
