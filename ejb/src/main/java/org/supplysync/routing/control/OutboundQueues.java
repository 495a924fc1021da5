package org.supplysync.routing.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.platform.Jsons;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Each remote site's outbound records wait in a JMS queue of its own until the site pulls them. A message carries a
 * bounded group of records (not one record: the broker's per-message cost would cap routing at a few thousand
 * records a second), and the site's exact queue length is counted in the database in the same transaction.
 */
@Dependent
public class OutboundQueues {

    /** The most records one message (and so one staged batch, see SiteQueue) holds. */
    public static final int MAX_RECORDS_PER_MESSAGE = 1024;

    @Inject
    JMSContext jms;

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "supplysync.queue.records-per-message", defaultValue = "500")
    int recordsPerMessage;

    /** The broker-side name of a site's queue; the broker creates it on first use. */
    public static String queueName(int siteId) {
        return "SupplysyncSite" + siteId;
    }

    public Queue queueOf(int siteId) {
        return jms.createQueue(queueName(siteId));
    }

    /**
     * Adds to (or, negative, takes from) the site's exact queue length. Callers that count into several sites do so
     * in ascending site order, so that two transactions never wait on each other's counters.
     */
    public void count(int siteId, long change) {
        em.createNativeQuery("update site_queue set queue_length = queue_length + ? where site_id = ?")
                .setParameter(1, change).setParameter(2, siteId).executeUpdate();
    }

    public long length(int siteId) {
        return ((Number) em.createNativeQuery("select queue_length from site_queue where site_id = ?")
                .setParameter(1, siteId).getSingleResult()).longValue();
    }

    /** The message budget of one transaction, for records grouped by site as {@link #send} will send them. */
    public Budget budget(int maxMessages) {
        return new Budget(maxMessages, recordsPerMessage());
    }

    /**
     * The broker refuses more than a set number of messages sent in one transaction (OpenMQ: 1,000 by default,
     * {@code imq.transaction.producer.maxNumMsgs}); an EAR on a server someone else runs cannot count on raising
     * it, so the application stays under it.
     */
    public record Budget(int limit, int recordsPerMessage) {

        /**
         * Whether these many more records to each site (and {@code extra} more messages) still fit, given the messages
         * the records queued so far take.
         */
        public boolean fits(int messages, Map<Integer, List<OutboundRecord>> queued, Map<Integer, Integer> more,
                            int extra) {
            long opened = extra;
            for (Map.Entry<Integer, Integer> site : more.entrySet()) {
                List<OutboundRecord> records = queued.get(site.getKey());
                int before = records == null ? 0 : records.size();
                opened += messagesFor(before + site.getValue()) - messagesFor(before);
            }
            return messages + opened <= limit;
        }

        private long messagesFor(int records) {
            return (records + (long) recordsPerMessage - 1) / recordsPerMessage;
        }

        /** Whether a record added to a site that has this many queued records starts a new message. */
        public boolean opensMessage(int queuedRecords) {
            return queuedRecords % recordsPerMessage == 0;
        }
    }

    /**
     * Queues the records for the site, in this order, within the caller's transaction: a message is a group of
     * records, one line of v5 JSON each ({@link OutboundRecord#toJson}, recordData as the stored text), which a
     * pull stages and hands out as it is, never parsing it.
     */
    public void send(int siteId, List<OutboundRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Queue queue = queueOf(siteId);
        for (int from = 0; from < records.size(); from += recordsPerMessage()) {
            List<OutboundRecord> group = records.subList(from, Math.min(records.size(), from + recordsPerMessage()));
            StringJoiner lines = new StringJoiner("\n");
            // A raw line break can only be white space in JSON text: a space says the same and keeps one line a record.
            group.forEach(record -> {
                String json = record.toJson();
                lines.add(json.indexOf('\n') < 0 ? json : json.replace('\n', ' '));
            });
            jms.createProducer().send(queue, lines.toString());
        }
        count(siteId, records.size());
    }

    /**
     * The records of a message of a site's queue as lines of v5 JSON, as {@link #send} writes them; a message
     * queued before (a JSON array of records) is turned into lines.
     */
    public static String linesOf(Message message) throws JMSException {
        String text = ((TextMessage) message).getText();
        if (!text.startsWith("[")) {
            return text;
        }
        StringJoiner lines = new StringJoiner("\n");
        Jsons.parseArray(text).forEach(value -> lines.add(OutboundRecord.fromJson((JsonObject) value).toJson()));
        return lines.toString();
    }

    /** Records per message: at most {@value #MAX_RECORDS_PER_MESSAGE}, the lines a staged batch can mark acknowledged. */
    private int recordsPerMessage() {
        return Math.max(1, Math.min(MAX_RECORDS_PER_MESSAGE, recordsPerMessage));
    }
}
