package org.supplysync.queue.control;

import org.supplysync.queue.boundary.QueuedRecord;

import java.util.Arrays;
import java.util.List;

/**
 * One message of a site's queue staged by a pull: its records as lines, and which of them the site acknowledged
 * (bit {@code i % 8} of byte {@code i / 8} for line {@code i}). A record's syncOutId is the batch id times
 * {@value #LINES} plus its line.
 */
public final class StagedBatch {

    /** Most lines of a batch; also the factor of the batch id in a syncOutId. */
    public static final int LINES = 1024;

    private final long id;
    private final int recordCount;
    private final byte[] acked;
    private final String records;

    public StagedBatch(long id, int recordCount, byte[] acked, String records) {
        this.id = id;
        this.recordCount = recordCount;
        this.acked = Arrays.copyOf(acked, (LINES + 7) / 8);
        this.records = records;
    }

    public long id() {
        return id;
    }

    /** The batch of a syncOutId. */
    public static long batchOf(long syncOutId) {
        return syncOutId / LINES;
    }

    /** The line of a syncOutId in its batch. */
    public static int lineOf(long syncOutId) {
        return (int) (syncOutId % LINES);
    }

    public int unacknowledged() {
        int count = 0;
        for (int line = 0; line < recordCount; line++) {
            if (!acknowledged(line)) {
                count++;
            }
        }
        return count;
    }

    /** Adds the records not yet acknowledged, in their order, until {@code page} holds {@code limit}. */
    public void handOut(List<QueuedRecord> page, int limit) {
        int from = 0;
        for (int line = 0; line < recordCount && page.size() < limit && from <= records.length(); line++) {
            int end = records.indexOf('\n', from);
            if (end < 0) {
                end = records.length();
            }
            if (!acknowledged(line)) {
                page.add(new QueuedRecord(Long.toString(id * LINES + line), records.substring(from, end)));
            }
            from = end + 1;
        }
    }

    /** Marks the line acknowledged; whether it was not yet (a line the batch does not have never is). */
    public boolean acknowledge(int line) {
        if (line < 0 || line >= recordCount || acknowledged(line)) {
            return false;
        }
        acked[line / 8] |= (byte) (1 << (line % 8));
        return true;
    }

    /** The acknowledged lines as stored: as many bytes as the batch's lines need. */
    public byte[] acked() {
        return Arrays.copyOf(acked, (recordCount + 7) / 8);
    }

    private boolean acknowledged(int line) {
        return (acked[line / 8] & (1 << (line % 8))) != 0;
    }

    /** Lines in a message's text: one record each. */
    public static int lines(String records) {
        int count = 1;
        for (int i = records.indexOf('\n'); i >= 0; i = records.indexOf('\n', i + 1)) {
            count++;
        }
        return count;
    }
}
