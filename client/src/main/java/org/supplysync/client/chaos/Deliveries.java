package org.supplysync.client.chaos;

import org.supplysync.client.local.Pulled;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one site's queue handed it, from the site's own log: each record handed out with its syncOutId, and which of
 * them the site's acknowledgements were answered for. A record handed out again after its acknowledgement was
 * answered is a re-sent acknowledged record (never allowed); handed out again before, a duplicate (allowed: the
 * at-least-once half of the rules).
 *
 * <p>The records the campaign's sites write are written once and never changed, so the same one coming twice is a
 * repeat whatever syncOutId it comes under; other records (a store's, whose new versions the central sends) and every
 * record of a site whose initialisation re-queues what it had ({@code reinitialised}) are judged by syncOutId alone.
 */
final class Deliveries {

    static final int EXAMPLES = 10;

    private final boolean reinitialised;
    private final Set<String> handedOut = new HashSet<>();
    private final Set<String> acknowledged = new HashSet<>();
    private final Map<String, String> recordOf = new HashMap<>();
    private final Set<String> recordsDelivered = new HashSet<>();
    private final Set<String> recordsAcknowledged = new HashSet<>();
    private final List<String> resentExamples = new ArrayList<>();
    private long delivered;
    private long duplicates;
    private long resent;

    Deliveries(boolean reinitialised) {
        this.reinitialised = reinitialised;
    }

    synchronized void handedOut(List<String> syncOutIds, List<Pulled> records) {
        for (int i = 0; i < syncOutIds.size(); i++) {
            String id = syncOutIds.get(i);
            String record = records.get(i).tableName() + "/" + records.get(i).recordId();
            boolean written = ChaosSite.TABLE.equals(records.get(i).tableName());
            delivered++;
            if (acknowledged.contains(id) || (written && !reinitialised && recordsAcknowledged.contains(record))) {
                resent++;
                if (resentExamples.size() < EXAMPLES) {
                    resentExamples.add(record + " (syncOutId " + id + ")");
                }
            } else if (handedOut.contains(id) || (written && recordsDelivered.contains(record))) {
                duplicates++;
            }
            handedOut.add(id);
            recordOf.put(id, record);
            recordsDelivered.add(record);
        }
    }

    synchronized void acknowledged(List<String> syncOutIds) {
        for (String id : syncOutIds) {
            acknowledged.add(id);
            String record = recordOf.get(id);
            if (record != null) {
                recordsAcknowledged.add(record);
            }
        }
    }

    synchronized long delivered() {
        return delivered;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long acknowledgedResent() {
        return resent;
    }

    synchronized List<String> resentExamples() {
        return List.copyOf(resentExamples);
    }
}
