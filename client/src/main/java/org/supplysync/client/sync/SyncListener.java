package org.supplysync.client.sync;

/** What a sync cycle reports while it runs: the step, progress of long steps, and notes worth telling. */
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
}
