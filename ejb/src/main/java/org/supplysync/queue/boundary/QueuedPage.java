package org.supplysync.queue.boundary;

import java.util.List;

/** What a pull returns: the site's queue length (this page included) and the oldest records. */
public record QueuedPage(long queueLength, List<QueuedRecord> records) {
}
