package org.supplysync.client.sync;

import org.supplysync.client.local.Change;
import org.supplysync.client.local.Pulled;

import java.util.List;

/**
 * What a sync cycle reports while it runs: the step, progress of long steps, notes worth telling, and what the server
 * answered for the site's data (the site's own log of what it handed over and received, which a fault campaign counts
 * from instead of the server's counters).
 */
public interface SyncListener {

    SyncListener SILENT = new SyncListener() {
    };

    default void step(String step) {
    }

    /** {@code total} is -1 when unknown. */
    default void progress(String step, long done, long total) {
    }

    default void note(String message) {
    }

    /** A push batch the server answered 200: from here on the server must not lose its records. */
    default void pushed(List<Change> batch) {
    }

    /** A page of the queue, stored in the sync buffer and not yet acknowledged. */
    default void queuePulled(List<String> syncOutIds, List<Pulled> records) {
    }

    /** The server answered the acknowledgement of these records: none of them may come again. */
    default void acknowledged(List<String> syncOutIds) {
    }
}
