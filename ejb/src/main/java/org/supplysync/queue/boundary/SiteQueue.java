package org.supplysync.queue.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.platform.CompressedText;
import org.supplysync.platform.PerSite;
import org.supplysync.platform.Sql;
import org.supplysync.routing.control.OutboundQueues;
import org.supplysync.queue.control.StagedBatch;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A site pulls its queue and acknowledges what it stored. The container cannot leave a JMS message unacknowledged
 * across HTTP requests, so a pull moves messages from the site's JMS queue into its outbound records in the same
 * (XA) transaction; a pull hands out staged records oldest first; an acknowledgement marks them. Until then
 * they are handed out again, across restarts too. A pull stages each message as one row (a batch of records, as
 * lines of the text the queue carried, compressed) and an acknowledgement marks records in it, deleting the batch
 * once all are: a row written and deleted per message, not per record, and nothing parsed on the way out.
 */
@Stateless
public class SiteQueue {

    private static final int BATCHES_PER_SELECT = 500;
    /** A syncOutId this server handed out: a batch id times 1,024 plus a line (an acknowledgement names hundreds). */
    private static final Pattern SYNC_OUT_ID = Pattern.compile("\\d{1,18}");

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @PersistenceContext
    EntityManager em;

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

    /** {@link #length} of every site, in one query. */
    public Map<Integer, Long> lengths() {
        return PerSite.counts(em.createNativeQuery("select site_id, queue_length from site_queue").getResultList());
    }

    public QueuedPage pull(int siteId, int limit) {
        try (Connection db = dataSource.getConnection()) {
            // One pull or acknowledgement per site at a time: a retried request waits for the first instead of
            // staging twice, and a pull never hands out what an overlapping acknowledgement has just deleted.
            long queueLength = lockQueue(db, siteId);
            List<StagedBatch> batches = staged(db, siteId);
            int waiting = batches.stream().mapToInt(StagedBatch::unacknowledged).sum();
            // The length is counted in the transaction of every send and acknowledgement, so what it holds beyond
            // the staged records is in the JMS queue: a pull with nothing there (a site's last pull, an idle site's
            // every pull) opens no consumer and enlists no broker in its transaction.
            long inBroker = queueLength - waiting;
            if (waiting < limit && inBroker > 0) {
                batches.addAll(stageFromQueue(db, siteId, Math.min(limit - waiting, inBroker)));
            }
            List<QueuedRecord> page = new ArrayList<>(Math.min(limit, 1024));
            for (StagedBatch batch : batches) {
                batch.handOut(page, limit);
            }
            return new QueuedPage(queueLength, page);
        } catch (SQLException e) {
            throw Sql.failure("pulling the queue of site " + siteId, e);
        }
    }

    /**
     * Marks the acknowledged records; a batch whose every record is acknowledged is deleted. Ids that are not the
     * site's (or acknowledged already) are ignored.
     */
    public int acknowledge(int siteId, List<String> syncIds) {
        Map<Long, List<Integer>> linesByBatch = new TreeMap<>();
        for (String id : syncIds) {
            if (id != null && SYNC_OUT_ID.matcher(id).matches()) {
                long syncOutId = Long.parseLong(id);
                linesByBatch.computeIfAbsent(StagedBatch.batchOf(syncOutId), b -> new ArrayList<>())
                        .add(StagedBatch.lineOf(syncOutId));
            }
        }
        if (linesByBatch.isEmpty()) {
            return 0;
        }
        try (Connection db = dataSource.getConnection()) {
            lockQueue(db, siteId);
            int acknowledged = 0;
            for (StagedBatch batch : batches(db, siteId, new ArrayList<>(linesByBatch.keySet()))) {
                long marked = linesByBatch.get(batch.id()).stream().filter(batch::acknowledge).count();
                if (marked == 0) {
                    continue;
                }
                acknowledged += (int) marked;
                if (batch.unacknowledged() == 0) {
                    Sql.update(db, "delete from outbound_batch where batch_id = ?", batch.id());
                } else {
                    Sql.update(db, "update outbound_batch set acked = ? where batch_id = ?", batch.acked(), batch.id());
                }
            }
            if (acknowledged > 0) {
                Sql.update(db, "update site_queue set queue_length = queue_length - ? where site_id = ?", acknowledged, siteId);
            }
            return acknowledged;
        } catch (SQLException e) {
            throw Sql.failure("acknowledging records of site " + siteId, e);
        }
    }

    /**
     * Empties the site's queue (a retired site's) as far as one transaction may: its staged batches and as many
     * messages of its JMS queue as the broker lets a transaction receive go; once the JMS queue is empty, its count is
     * zero. True when the queue is empty; otherwise call again.
     */
    public boolean purge(int siteId) {
        try (Connection db = dataSource.getConnection()) {
            lockQueue(db, siteId);
            Sql.update(db, "delete from outbound_batch where site_id = ?", siteId);
            try (JMSConsumer consumer = jms.createConsumer(queues.queueOf(siteId))) {
                for (int messages = 0; messages < maxMessagesPerTransaction; messages++) {
                    if (consumer.receiveNoWait() == null) {
                        Sql.update(db, "update site_queue set queue_length = 0 where site_id = ?", siteId);
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw Sql.failure("purging the queue of site " + siteId, e);
        }
    }

    /** Locks the site's queue row for this transaction; its queue length. */
    private static long lockQueue(Connection db, int siteId) throws SQLException {
        return single(db, "select queue_length from site_queue where site_id = ? for update", siteId);
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

    /** The site's staged batches, oldest first. */
    private static List<StagedBatch> staged(Connection db, int siteId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("""
                select batch_id, record_count, acked, records, records_compressed from outbound_batch
                where site_id = ? order by batch_id""")) {
            select.setInt(1, siteId);
            return read(select, true);
        }
    }

    /** These batches of the site, without their records (an acknowledgement needs only which are acknowledged). */
    private static List<StagedBatch> batches(Connection db, int siteId, List<Long> ids) throws SQLException {
        List<StagedBatch> batches = new ArrayList<>();
        Sql.inPieces(ids, BATCHES_PER_SELECT, piece -> {
            try (PreparedStatement select = db.prepareStatement("select batch_id, record_count, acked from outbound_batch"
                    + " where site_id = ? and batch_id in (" + Sql.placeholders(piece.size()) + ") for update")) {
                select.setInt(1, siteId);
                Sql.bind(select, 2, piece.toArray());
                batches.addAll(read(select, false));
            }
        });
        return batches;
    }

    private static List<StagedBatch> read(PreparedStatement select, boolean withRecords) throws SQLException {
        List<StagedBatch> batches = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                batches.add(new StagedBatch(row.getLong(1), row.getInt(2), row.getBytes(3),
                        withRecords ? records(row.getString(4), row.getBytes(5)) : ""));
            }
        }
        return batches;
    }

    /** A staged batch's records: compressed, or as text when an older version staged them. */
    private static String records(String text, byte[] compressed) {
        return text != null ? text : CompressedText.uncompress(compressed);
    }

    /** Moves whole messages from the site's JMS queue into staged batches until they hold {@code wanted} records. */
    private List<StagedBatch> stageFromQueue(Connection db, int siteId, long wanted) throws SQLException {
        List<StagedBatch> batches = new ArrayList<>();
        long staged = 0;
        int messages = 0;
        try (JMSConsumer consumer = jms.createConsumer(queues.queueOf(siteId));
             PreparedStatement insert = db.prepareStatement(
                     "insert into outbound_batch (site_id, record_count, records_compressed) values (?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            // The broker refuses more messages than its limit in one transaction: a page may come out shorter.
            while (staged < wanted && messages++ < maxMessagesPerTransaction) {
                Message message = consumer.receiveNoWait();
                if (message == null) {
                    break;
                }
                String records = OutboundQueues.linesOf(message);
                int count = StagedBatch.lines(records);
                Sql.bind(insert, 1, siteId, count, CompressedText.compress(records));
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    batches.add(new StagedBatch(key.getLong(1), count, new byte[0], records));
                }
                staged += count;
            }
        } catch (JMSException e) {
            throw new IllegalStateException("could not read site " + siteId + "'s queue", e);
        }
        return batches;
    }
}
