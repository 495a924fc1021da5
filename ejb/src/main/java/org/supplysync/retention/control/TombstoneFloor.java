package org.supplysync.retention.control;

import java.util.Collection;

/**
 * How far every site has read the central change log: a deletion (or merge) logged at or below this cursor has
 * reached every site that could hold the record, so its entry can go once it is old enough. A site's cursor is the
 * one it last asked from, so it holds everything up to it. Sites that never read hold the floor at 0 and nothing is
 * removed; a retired site reads no more and does not count; the central itself never reads.
 */
public final class TombstoneFloor {

    private TombstoneFloor() {
    }

    /**
     * The floor given the cursors of the sites that still read and the last cursor stamped: the lowest of them, or,
     * with no such site, the last cursor (a site added later starts at 0 and holds none of these records).
     */
    public static long of(Collection<Long> readingSiteCursors, long lastCursor) {
        return readingSiteCursors.stream().mapToLong(Long::longValue).min().orElse(lastCursor);
    }
}
