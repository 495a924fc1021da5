package org.supplysync.central.boundary;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BacklogTest {

    /** A log of changes: {cursor, origin, dispensary (0 or 1)}. */
    private static final long[][] LOG = {
            {1, 1, 0}, {2, 1, 0}, {3, 7, 0}, {4, 1, 1}, {5, 8, 0}, {6, 7, 1}, {7, 1, 0}, {8, 1, 1}, {9, 8, 1}, {10, 7, 0}};

    @Test
    void countsWhatEachCursorHasAboveItAsACountPerSiteWould() {
        long[] cursors = {0, 2, 5, 9};
        CentralFeed.Backlog backlog = new CentralFeed.Backlog(cursors, bucketed(cursors));
        for (long cursor : cursors) {
            for (int site : new int[]{7, 8, 9}) {
                for (boolean dispensary : new boolean[]{false, true}) {
                    CentralFeed.Reader reader = new CentralFeed.Reader(site, dispensary);
                    assertThat(backlog.visibleTo(reader, cursor))
                            .as("site %d (dispensary %s) at cursor %d", site, dispensary, cursor)
                            .isEqualTo(countedOneByOne(reader, cursor));
                }
            }
        }
    }

    @Test
    void aSiteDoesNotCountItsOwnChangesNorDispensaryDataWithoutADispensary() {
        long[] cursors = {5};
        CentralFeed.Backlog backlog = new CentralFeed.Backlog(cursors, bucketed(cursors));
        // above 5: 6 (site 7, dispensary), 7 (1), 8 (1, dispensary), 9 (8, dispensary), 10 (7)
        assertThat(backlog.visibleTo(new CentralFeed.Reader(7, true), 5)).isEqualTo(3);
        assertThat(backlog.visibleTo(new CentralFeed.Reader(7, false), 5)).isEqualTo(1);
        assertThat(backlog.visibleTo(new CentralFeed.Reader(3, false), 5)).isEqualTo(2);
    }

    /** What the query gives: counts per bucket (how many of the cursors lie below the entry), origin and flag. */
    private static List<long[]> bucketed(long[] cursors) {
        List<long[]> counts = new ArrayList<>();
        for (long[] entry : LOG) {
            long bucket = 0;
            for (long cursor : cursors) {
                if (cursor < entry[0]) {
                    bucket++;
                }
            }
            if (bucket > 0) {
                counts.add(new long[]{bucket, entry[1], entry[2], 1});
            }
        }
        return counts;
    }

    private static long countedOneByOne(CentralFeed.Reader reader, long cursor) {
        long count = 0;
        for (long[] entry : LOG) {
            if (entry[0] > cursor && reader.gets((int) entry[1], entry[2] == 1)) {
                count++;
            }
        }
        return count;
    }
}
